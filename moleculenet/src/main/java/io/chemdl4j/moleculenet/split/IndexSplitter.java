package io.chemdl4j.moleculenet.split;

import java.util.stream.IntStream;

import io.chemdl4j.moleculenet.Dataset;

/** Splits in file order: the first rows train, the next validate, the last test. */
public record IndexSplitter() implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        return Splitter.cut(IntStream.range(0, dataset.size()).toArray(), fractions);
    }
}
