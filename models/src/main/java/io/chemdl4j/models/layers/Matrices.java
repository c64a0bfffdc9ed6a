package io.chemdl4j.models.layers;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The array helpers the layers share: row-major matrices from and to Java arrays, and the one initializer. */
public final class Matrices {
    private Matrices() {
    }

    /** A {@code rows × columns} matrix of {@code values} (row-major) in {@code dtype}. */
    public static INDArray matrix(double[] values, int rows, int columns, DataType dtype) {
        return Nd4j.create(values, new long[] {rows, columns}, 'c').castTo(dtype);
    }

    /** The values of {@code x}, row-major. */
    public static double[] values(INDArray x) {
        return x.dup('c').data().asDouble();
    }

    /** Keras's {@code glorot_uniform}: U(-a, a) with a = sqrt(6 / (in + out)), drawn from {@code random}. */
    public static INDArray glorotUniform(Random random, int in, int out, DataType dtype) {
        double limit = Math.sqrt(6.0 / (in + out));
        double[] v = new double[in * out];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * random.nextDouble() - 1) * limit;
        }
        return matrix(v, in, out, dtype);
    }

    /** 1 where {@code x} is positive, else 0. */
    public static INDArray positive(INDArray x) {
        return x.gt(0).castTo(x.dataType());
    }
}
