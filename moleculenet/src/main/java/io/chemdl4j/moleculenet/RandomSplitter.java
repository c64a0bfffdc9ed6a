package io.chemdl4j.moleculenet;

import java.util.SplittableRandom;

/** A seeded random permutation cut at the fractions; the same seed always gives the same split. */
public record RandomSplitter(long seed) implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        int[] order = Permutations.of(dataset.size(), new SplittableRandom(seed));
        return Splitter.cut(order, fractions);
    }
}
