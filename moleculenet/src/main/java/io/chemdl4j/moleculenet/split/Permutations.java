package io.chemdl4j.moleculenet.split;

import java.util.SplittableRandom;

/** Seeded Fisher–Yates shuffles: the one way splitters, datasets and models draw a random order. */
public final class Permutations {
    private Permutations() {
    }

    /** A random permutation of {@code 0..n-1}. */
    public static int[] of(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /** Shuffles {@code values} in place. */
    public static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
