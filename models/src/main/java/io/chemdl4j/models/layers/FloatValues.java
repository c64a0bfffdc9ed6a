package io.chemdl4j.models.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-precision matrices to and from per-thread scratch arrays, for the steps the layers compute in Java
 * loops: one bulk copy each way, and no multi-megabyte array allocated per call (those are humongous
 * allocations for the garbage collector).
 */
final class FloatValues {
    /** Scratch arrays per thread; the layers use slots 0 and 1; slot 2 is {@link Matrices}'s, for its conversions. */
    static final int SLOTS = 3;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private FloatValues() {
    }

    /** This thread's scratch array {@code slot}, at least {@code length} long; contents undefined. */
    static float[] scratch(int slot, int length) {
        float[][] arrays = SCRATCH.get();
        if (arrays[slot].length < length) {
            arrays[slot] = new float[Math.max(length, arrays[slot].length * 3 / 2)];
        }
        return arrays[slot];
    }

    /** The values of float matrix {@code x}, row-major, in scratch array {@code slot} (valid until its next use). */
    static float[] of(INDArray x, int slot) {
        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        int n = (int) c.length();
        float[] values = scratch(slot, n);
        c.data().asNioFloat().get(values, 0, n);
        return values;
    }

    /** A new row-major float matrix of the first {@code product(shape)} {@code values}. */
    static INDArray matrix(float[] values, long[] shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        if (length == 0) {
            return Nd4j.create(new float[0], shape, 'c'); // an empty array has no buffer to copy into
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        out.data().asNioFloat().put(values, 0, (int) out.length());
        return out;
    }
}
