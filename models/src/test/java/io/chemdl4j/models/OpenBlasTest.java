package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.layers.Matrices;

class OpenBlasTest {
    @Test
    void multipliesAsWorkedOutByHand() {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] product = OpenBlas.product(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, new float[] {7, 8, 9, 10, 11, 12}, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, product);
    }

    @Test
    void readsTheLeftOperandAsWrittenIntoItsNativeBuffer() {
        // [1 0; 0 2; 3 1] · [1 2 3; 4 5 6]
        java.nio.FloatBuffer left = OpenBlas.left(6);
        left.put(0, new float[] {1, 0, 0, 2, 3, 1});
        float[] out = new float[9 + 2];
        out[9] = -1;
        OpenBlas.productOfLeft(3, 2, new float[] {1, 2, 3, 4, 5, 6}, 3, out);
        assertArrayEquals(new float[] {1, 2, 3, 8, 10, 12, 7, 11, 15, -1, 0}, out, "only the first 9 values written");
    }

    /** The same floats as ND4J's product (the same OpenBLAS {@code sgemm}), at a multitask network's output layer's shape. */
    @Test
    void givesNd4jsFloatsBitForBit() {
        Random random = new Random(5);
        int rows = 300;
        int inner = 1000;
        int columns = 24;
        float[] a = new float[rows * inner];
        float[] b = new float[inner * columns];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() < 0.5f ? 0f : (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian() * 0.05f;
        }
        Nd4jRuntime.ensureConfigured();
        INDArray expected = Matrices.product(Matrices.matrix(a, rows, inner), false, Matrices.matrix(b, inner, columns), false);
        assertArrayEquals(NdArrays.toFloats(expected), OpenBlas.product(a, rows, inner, b, columns));
    }

    @Test
    void growsItsBuffersAndHandlesEmptyShapes() {
        assertEquals(0, OpenBlas.product(new float[0], 0, 5, new float[15], 3).length);
        assertArrayEquals(new float[] {0, 0, 0, 0}, OpenBlas.product(new float[0], 2, 0, new float[0], 2));
        assertArrayEquals(new float[] {2}, OpenBlas.product(new float[] {2}, 1, 1, new float[] {1}, 1));
        float[] ones = new float[500 * 400];
        java.util.Arrays.fill(ones, 1f);
        float[] big = OpenBlas.product(ones, 500, 400, ones, 500);
        assertEquals(500 * 500, big.length);
        assertEquals(400f, big[0]);
        assertEquals(400f, big[big.length - 1]);
    }

    @Test
    void refusesOperandsShorterThanTheirShape() {
        assertThrows(IllegalArgumentException.class, () -> OpenBlas.product(new float[5], 2, 3, new float[6], 2));
        assertThrows(IllegalArgumentException.class, () -> OpenBlas.product(new float[6], 2, 3, new float[5], 2));
        OpenBlas.left(4);
        assertThrows(IllegalArgumentException.class, () -> OpenBlas.productOfLeft(2, 2, new float[4], 2, new float[3]));
    }

    /** Threads multiply at once, each in its own buffers, of different shapes: every product is right. */
    @Test
    void threadsMultiplyAtOnceEachInItsOwnBuffers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = 20 + 17 * t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        float[] a = new float[n * n];
                        float[] identity = new float[n * n];
                        for (int i = 0; i < n; i++) {
                            identity[i * n + i] = 1f;
                        }
                        for (int i = 0; i < a.length; i++) {
                            a[i] = i + round;
                        }
                        assertArrayEquals(a, OpenBlas.product(a, n, n, identity, n));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
