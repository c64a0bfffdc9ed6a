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

    /**
     * A {@code rows × columns} single-precision matrix of the first {@code rows · columns} {@code values}
     * (row-major), copied in bulk: ND4J's {@code Nd4j.create(float[], …)} copies value by value, ten times slower.
     */
    public static INDArray matrix(float[] values, int rows, int columns) {
        return FloatValues.matrix(values, new long[] {rows, columns});
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

    /**
     * PyTorch's {@code xavier_normal_}: N(0, 2 / (fanIn + out)), drawn from {@code random}, for an {@code in × out}
     * block of a layer whose whole input is {@code fanIn} wide (a layer applied to concatenated inputs as separate
     * blocks keeps the scale of the one matrix it stands for).
     */
    public static INDArray glorotNormal(Random random, int in, int out, int fanIn, DataType dtype) {
        double std = Math.sqrt(2.0 / (fanIn + out));
        double[] v = new double[in * out];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * std;
        }
        return matrix(v, in, out, dtype);
    }

    /**
     * {@code op(a) · op(b)} into a new row-major matrix, {@code op} transposing where asked. One BLAS call:
     * ND4J's {@code mmul} returns row-major results through a column-major product and a copy, which on one
     * thread runs at a third of the speed or less (60 against 170 GFLOP/s for 2000×300 by 300×300 here).
     */
    public static INDArray product(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long columns = transposeB ? b.rows() : b.columns();
        INDArray out = Nd4j.createUninitialized(a.dataType(), new long[] {rows, columns}, 'c');
        return Nd4j.gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
    }

    /** 1 where {@code x} is positive, else 0. */
    public static INDArray positive(INDArray x) {
        return x.gt(0).castTo(x.dataType());
    }
}
