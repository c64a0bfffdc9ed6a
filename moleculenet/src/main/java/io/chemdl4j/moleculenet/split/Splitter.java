package io.chemdl4j.moleculenet.split;

import java.util.Arrays;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.DatasetSplit;
import io.chemdl4j.moleculenet.LabelledData;

/** Divides a dataset into train, validation and test parts. Implementations are immutable. */
public interface Splitter {

    /** Row indices of each part, in the order the part will hold them. */
    int[][] splitIndices(Dataset dataset, SplitFractions fractions);

    /** The three parts of {@code data}, whatever its inputs (the splitter sees its ids and labels). */
    default <D extends LabelledData<D>> DatasetSplit<D> split(D data, SplitFractions fractions) {
        int[][] parts = splitIndices(data.labelData(), fractions);
        return DatasetSplit.of(data.select(parts[0]), data.select(parts[1]), data.select(parts[2]));
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
