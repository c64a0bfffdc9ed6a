package io.chemdl4j.moleculenet;

/** Splits in file order: the first rows train, the next validate, the last test. */
public record IndexSplitter() implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return Splitter.cut(order, fractions);
    }
}
