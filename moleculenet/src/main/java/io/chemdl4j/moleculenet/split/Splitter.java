package io.chemdl4j.moleculenet.split;

import java.util.Arrays;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.DatasetSplit;

/** Divides a dataset into train, validation and test parts. Implementations are immutable. */
public interface Splitter {

    /** Row indices of each part, in the order the part will hold them. */
    int[][] splitIndices(Dataset dataset, SplitFractions fractions);

    /** The three parts as datasets. */
    default DatasetSplit split(Dataset dataset, SplitFractions fractions) {
        int[][] parts = splitIndices(dataset, fractions);
        return new DatasetSplit(dataset.select(parts[0]), dataset.select(parts[1]), dataset.select(parts[2]));
    }

    /** Cuts an ordering of rows at the fractions' cutoffs. */
    static int[][] cut(int[] order, SplitFractions fractions) {
        int n = order.length;
        int a = fractions.trainCutoff(n);
        int b = fractions.validCutoff(n);
        return new int[][] {Arrays.copyOfRange(order, 0, a), Arrays.copyOfRange(order, a, b),
                Arrays.copyOfRange(order, b, n)};
    }
}
