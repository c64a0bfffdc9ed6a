package io.chemdl4j.moleculenet;

import java.util.SplittableRandom;

/** A seeded random permutation cut at the fractions; the same seed always gives the same split. */
public record RandomSplitter(long seed) implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return Splitter.cut(order, fractions);
    }
}
