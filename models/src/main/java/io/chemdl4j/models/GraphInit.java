package io.chemdl4j.models;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded initial values for the graph layers' parameters (Keras's defaults, as DeepChem's layers use). */
final class GraphInit {
    private GraphInit() {
    }

    /** Glorot/Xavier uniform: U(-√(6/(in+out)), √(6/(in+out))). */
    static INDArray glorotUniform(Random random, int in, int out) {
        return glorotUniform(random, in, out, in, out);
    }

    /** Glorot uniform for a {@code rows × columns} block of weights whose fans are {@code fanIn}, {@code fanOut}. */
    static INDArray glorotUniform(Random random, int fanIn, int fanOut, int rows, int columns) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        int in = rows;
        int out = columns;
        float[] values = new float[in * out];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return Nd4j.create(values, new long[] {in, out}, 'c');
    }

    static INDArray zeros(long... shape) {
        return Nd4j.zeros(DataType.FLOAT, shape);
    }

    static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.FLOAT, shape);
    }
}
