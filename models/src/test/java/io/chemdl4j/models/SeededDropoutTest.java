package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The masks are what their definition says: unit i kept when the i-th {@code nextDouble()} of the (seed, iteration) generator is below retain. */
class SeededDropoutTest {
    @Test
    void masksKeepUnitsWhoseDrawIsBelowRetain() {
        for (double retain : new double[] {0.5, 0.75, 0.9, 1.0 / 3, 1.0, 0x1p-53}) {
            for (int iteration : new int[] {0, 7, -12345}) {
                long seed = 31L * 5 + 1;
                SeededDropout dropout = new SeededDropout(retain, seed);
                int n = 20_000;
                float[] mask = new float[n];
                dropout.drawMask(iteration, mask, n);
                SplittableRandom reference = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + iteration);
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    float expected = reference.nextDouble() < retain ? (float) (1.0 / retain) : 0f;
                    assertEquals(expected, mask[i], "retain " + retain + ", unit " + i);
                    kept += mask[i] != 0 ? 1 : 0;
                }
                if (retain == 0.5) {
                    assertEquals(0.5, kept / (double) n, 0.02);
                }
            }
        }
    }
}
