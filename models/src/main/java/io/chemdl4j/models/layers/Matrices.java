package io.chemdl4j.models.layers;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The array helpers the layers share: row-major matrices from and to Java arrays, and the one initializer. */
public final class Matrices {
    /** The scratch slot of these conversions ({@link FloatValues}), apart from the layers' own. */
    private static final int SLOT = FloatValues.SLOTS - 1;

    private Matrices() {
    }

    /** A {@code rows × columns} matrix of {@code values} (row-major) in {@code dtype}. */
    public static INDArray matrix(double[] values, int rows, int columns, DataType dtype) {
        // In bulk: Nd4j.create(double[], ...) stores value by value, a quarter of a graph convolution's Java time.
        int n = rows * columns;
        if (n == 0 || (dtype != DataType.FLOAT && dtype != DataType.DOUBLE)) {
            return Nd4j.create(values, new long[] {rows, columns}, 'c').castTo(dtype);
        }
        if (dtype == DataType.FLOAT) {
            float[] narrowed = FloatValues.scratch(SLOT, n);
            for (int i = 0; i < n; i++) {
                narrowed[i] = (float) values[i];
            }
            return FloatValues.matrix(narrowed, new long[] {rows, columns});
        }
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, columns}, 'c');
        out.data().asNioDouble().put(values, 0, n);
        return out;
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
        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        int n = (int) c.length();
        double[] values = new double[n];
        if (n == 0) {
            return values;
        }
        if (c.dataType() == DataType.FLOAT) {
            // In bulk, then widened: DataBuffer.asDouble() converts value by value.
            float[] floats = FloatValues.scratch(SLOT, n);
            c.data().asNioFloat().get(floats, 0, n);
            for (int i = 0; i < n; i++) {
                values[i] = floats[i];
            }
        } else if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(values, 0, n);
        } else {
            return c.data().asDouble();
        }
        return values;
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
