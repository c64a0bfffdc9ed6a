package io.chemdl4j.models;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Single-precision matrix products by OpenBLAS itself, the library that ND4J's CPU backend hands its products to,
 * for prediction paths that need nothing else of ND4J. Starting ND4J takes most of a second and more than a second of
 * CPU (its native library, its thousand classes); loading OpenBLAS alone takes about 0.2 s (measured on 2 cores,
 * 2026-12-04: a JVM that loads it and multiplies 1,024 × 1,000 by 1,000 × 24 took 0.87 s and 1.15 CPU-s, the same
 * product through ND4J 1.72 s and 2.6 CPU-s). The products are OpenBLAS's {@code sgemm}, as ND4J's are.
 *
 * <p>OpenBLAS runs {@link Nd4jRuntime}'s thread count, set once as it loads. Thread-safe: each thread multiplies in
 * native buffers of its own, reused call after call.
 */
public final class OpenBlas {
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private OpenBlas() {
    }

    /**
     * This thread's left operand of {@link #productOfLeft}: native memory for at least {@code length} floats, to be
     * written (row-major) before the product reads it, and valid until this thread's next call here.
     */
    public static FloatBuffer left(int length) {
        return BUFFERS.get().left(length);
    }

    /**
     * The product of this thread's {@link #left} operand, its first {@code rows × inner} values read as a row-major
     * matrix, and the row-major {@code inner × columns} matrix {@code right}, into the first {@code rows × columns}
     * values of {@code out}.
     */
    public static void productOfLeft(int rows, int inner, float[] right, int columns, float[] out) {
        checkLength(right, (long) inner * columns, "right operand");
        checkLength(out, (long) rows * columns, "result");
        Buffers b = BUFFERS.get();
        if (b.left == null || b.left.capacity() < (long) rows * inner) {
            throw new IllegalStateException("the left operand holds fewer than " + rows + " × " + inner + " values");
        }
        if (rows == 0 || columns == 0) {
            return;
        }
        if (inner == 0) {
            java.util.Arrays.fill(out, 0, rows * columns, 0f);
            return;
        }
        FloatPointer r = b.right((long) inner * columns);
        r.position(0).put(right, 0, inner * columns);
        FloatPointer o = b.out((long) rows * columns);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, rows, columns, inner, 1f, b.left, inner, r, columns, 0f, o, columns);
        o.position(0).get(out, 0, rows * columns);
    }

    /**
     * The product of row-major matrices {@code left} ({@code rows × inner}, its first values) and {@code right}
     * ({@code inner × columns}), as a new row-major array.
     */
    public static float[] product(float[] left, int rows, int inner, float[] right, int columns) {
        checkLength(left, (long) rows * inner, "left operand");
        left(rows * inner).put(0, left, 0, rows * inner);
        float[] out = new float[rows * columns];
        productOfLeft(rows, inner, right, columns, out);
        return out;
    }

    private static void checkLength(float[] values, long needed, String what) {
        if (needed > Integer.MAX_VALUE || values.length < needed) {
            throw new IllegalArgumentException("the " + what + " has " + values.length + " values, " + needed
                    + " needed");
        }
    }

    /** One thread's native operands, grown as needed and never shrunk. */
    private static final class Buffers {
        private FloatPointer left;
        private FloatBuffer leftView;
        private FloatPointer right;
        private FloatPointer out;

        Buffers() {
            Library.ensureLoaded();
        }

        FloatBuffer left(int length) {
            if (left == null || left.capacity() < length) {
                left = new FloatPointer(capacity(length));
                leftView = left.asBuffer();
            }
            return leftView;
        }

        FloatPointer right(long length) {
            if (right == null || right.capacity() < length) {
                right = new FloatPointer(capacity(length));
            }
            return right;
        }

        FloatPointer out(long length) {
            if (out == null || out.capacity() < length) {
                out = new FloatPointer(capacity(length));
            }
            return out;
        }

        /** At least {@code length}, and at least one: a capacity that is grown rarely. */
        private static long capacity(long length) {
            return Math.max(1, length + length / 4);
        }
    }

    /** The library, loaded and given its thread count once per JVM (a holder: on the first use only). */
    private static final class Library {
        static {
            int threads = Nd4jRuntime.threads(); // first: its class sets JavaCPP's properties before JavaCPP loads
            Loader.load(openblas_nolapack.class);
            openblas_nolapack.blas_set_num_threads(threads);
        }

        static void ensureLoaded() {
            // the static initializer above has run
        }
    }
}
