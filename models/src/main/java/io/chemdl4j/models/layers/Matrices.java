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

    /**
     * The values of single-precision matrix {@code x}, row-major, in this thread's float scratch array {@code slot}
     * (0 or 1; valid until that slot's next use; the array may be longer than {@code x}): one bulk copy, for the
     * layers' single-precision loops.
     */
    public static float[] floats(INDArray x, int slot) {
        checkLayerSlot(slot);
        return FloatValues.of(x, slot);
    }

    /** This thread's float scratch array {@code slot} (0 or 1), at least {@code length} long; contents undefined. */
    public static float[] floatScratch(int slot, int length) {
        checkLayerSlot(slot);
        return FloatValues.scratch(slot, length);
    }

    private static void checkLayerSlot(int slot) {
        if (slot < 0 || slot >= SLOT) {
            throw new IllegalArgumentException("float scratch slot " + slot + " is not a layer's (0 to " + (SLOT - 1) + ")");
        }
    }

    /** The values of {@code x}, row-major, in a new array. */
    public static double[] values(INDArray x) {
        double[] values = new double[(int) x.length()];
        copyInto(x, values, 0);
        return values;
    }

    /** Per-thread double scratch arrays: slots 0 to 2 are the layers', 3 is {@link #addRowVectors}'s. */
    private static final int DOUBLE_SLOTS = 4;
    private static final ThreadLocal<double[][]> DOUBLE_SCRATCH = ThreadLocal.withInitial(() -> new double[DOUBLE_SLOTS][0]);

    /**
     * This thread's double scratch array {@code slot} (0 to 2), at least {@code length} long; contents undefined.
     * The graph layers' Java loops run on these, batch after batch: a fresh array per batch (megabytes, so a
     * humongous allocation for G1 under a small heap) was most of a graph convolution's garbage.
     */
    public static double[] scratch(int slot, int length) {
        double[][] arrays = DOUBLE_SCRATCH.get();
        if (arrays[slot].length < length) {
            arrays[slot] = new double[Math.max(length, arrays[slot].length * 3 / 2)];
        }
        return arrays[slot];
    }

    /** This thread's double scratch array {@code slot}, its first {@code length} values 0. */
    public static double[] zeroedScratch(int slot, int length) {
        double[] values = scratch(slot, length);
        java.util.Arrays.fill(values, 0, length, 0.0);
        return values;
    }

    /**
     * The values of {@code x}, row-major, in this thread's double scratch array {@code slot} (valid until that slot's
     * next use; the array may be longer than {@code x}).
     */
    public static double[] values(INDArray x, int slot) {
        double[] values = scratch(slot, (int) x.length());
        copyInto(x, values, 0);
        return values;
    }

    /** The values of {@code x}, row-major, into {@code destination} from {@code offset} on. */
    private static void copyInto(INDArray x, double[] destination, int offset) {
        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        int n = (int) c.length();
        if (n == 0) {
            return;
        }
        if (c.dataType() == DataType.FLOAT) {
            float[] floats = FloatValues.scratch(SLOT, n);
            c.data().asNioFloat().get(floats, 0, n);
            for (int i = 0; i < n; i++) {
                destination[offset + i] = floats[i];
            }
        } else if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(destination, offset, n);
        } else {
            System.arraycopy(c.data().asDouble(), 0, destination, offset, n);
        }
    }

    /**
     * Overwrites row-major matrix {@code x} (single or double precision, not a view) with the first
     * {@code x.length()} {@code values}.
     */
    public static void write(INDArray x, double[] values) {
        if (x.ordering() != 'c' || x.isView()) {
            throw new IllegalArgumentException("only a row-major matrix of its own can be written in place");
        }
        int n = (int) x.length();
        if (x.dataType() == DataType.FLOAT) {
            float[] narrowed = FloatValues.scratch(SLOT, n);
            for (int i = 0; i < n; i++) {
                narrowed[i] = (float) values[i];
            }
            x.data().asNioFloat().put(narrowed, 0, n);
        } else if (x.dataType() == DataType.DOUBLE) {
            x.data().asNioDouble().put(values, 0, n);
        } else {
            throw new IllegalArgumentException("cannot write " + x.dataType() + " values");
        }
    }

    /**
     * Adds the row vector {@code row} to every row of {@code x} in place (a product's output: row-major, not a view)
     * and returns {@code x}. A Java loop, not ND4J's broadcast: with ND4J 1.0.0-M2.1's broadcasts (whose native
     * buffers its deallocator thread frees as the garbage collector finds them) graph-convolution predictions on every
     * core crashed the JVM in four of six runs over 1,000,000 molecules, each time inside a broadcast reading a buffer
     * that was gone (SIGSEGV in {@code DataBuffer::primary()} under {@code execBroadcast}); none did after.
     */
    public static INDArray addRowVector(INDArray x, INDArray row) {
        return addRowVectors(x, new int[] {0, (int) x.rows()}, new INDArray[] {row});
    }

    /**
     * Adds row vector {@code rows[k]} to each row of {@code x} in {@code [starts[k], starts[k + 1])}, for every
     * block {@code k} ({@code rows[k]} {@code null}: none), in place, in one pass (see {@link #addRowVector}), and
     * returns {@code x}. Single precision is added in single precision: the same sums as in double precision rounded
     * back, since a double holds the exact sum of two floats' rounding (53 ≥ 2 · 24 + 2 bits).
     *
     * @throws IllegalArgumentException if a row vector's length is not {@code x}'s column count
     */
    public static INDArray addRowVectors(INDArray x, int[] starts, INDArray[] rows) {
        int columns = (int) x.columns();
        for (INDArray row : rows) {
            if (row != null && row.length() != columns) {
                throw new IllegalArgumentException("a row of " + row.length() + " values cannot be added to "
                        + columns + " columns");
            }
        }
        if (x.dataType() == DataType.FLOAT && x.ordering() == 'c' && !x.isView()) {
            int n = (int) x.length();
            float[] values = FloatValues.scratch(SLOT, n);
            x.data().asNioFloat().get(values, 0, n);
            for (int k = 0; k < rows.length; k++) {
                if (rows[k] != null) {
                    float[] row = rows[k].toFloatVector();
                    for (int i = starts[k] * columns; i < starts[k + 1] * columns; i += columns) {
                        for (int f = 0; f < columns; f++) {
                            values[i + f] += row[f];
                        }
                    }
                }
            }
            x.data().asNioFloat().put(values, 0, n);
            return x;
        }
        double[] values = values(x, DOUBLE_SLOTS - 1);
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] != null) {
                addRow(values, starts[k] * columns, starts[k + 1] * columns, rows[k].toDoubleVector());
            }
        }
        write(x, values);
        return x;
    }

    /** Adds {@code row} to each row of {@code row.length} values of row-major {@code values} in {@code [from, to)}. */
    private static void addRow(double[] values, int from, int to, double[] row) {
        int columns = row.length;
        for (int i = from; i < to; i += columns) {
            for (int f = 0; f < columns; f++) {
                values[i + f] += row[f];
            }
        }
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
