package io.chemdl4j.moleculenet.split;

import java.util.SplittableRandom;

import io.chemdl4j.moleculenet.Dataset;

/** A seeded random permutation cut at the fractions; the same seed always gives the same split. */
public record RandomSplitter(long seed) implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        int[] order = Permutations.of(dataset.size(), new SplittableRandom(seed));
        return Splitter.cut(order, fractions);
    }
}
