package io.chemdl4j.moleculenet.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.DatasetSplit;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * Seeded k-fold cross-validation: the molecules are shuffled once and cut into {@code k} folds of
 * near-equal size; fold i is the validation part of the i-th (train, valid) pair. Every molecule is
 * validated exactly once. For a held-out test set, split it off first and fold the rest.
 */
public record KFold(int k, long seed) {
    public KFold {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        }
    }

    /** One (train, valid) pair. */
    public record Fold(int[] train, int[] valid) {
    }

    /** Row indices of the {@code k} folds. */
    public List<Fold> folds(Dataset dataset) {
        int n = dataset.size();
        if (n < k) {
            throw new IllegalArgumentException(k + "-fold split of " + n + " molecules");
        }
        int[] order = Permutations.of(n, new SplittableRandom(seed));
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) f * n / k);
            int to = (int) ((long) (f + 1) * n / k);
            int[] valid = Arrays.copyOfRange(order, from, to);
            int[] train = new int[n - valid.length];
            System.arraycopy(order, 0, train, 0, from);
            System.arraycopy(order, to, train, from, n - to);
            folds.add(new Fold(train, valid));
        }
        return folds;
    }

    /** The folds as datasets. */
    public <D extends LabelledData<D>> List<DatasetSplit<D>> splits(D dataset) {
        List<DatasetSplit<D>> out = new ArrayList<>(k);
        for (Fold fold : folds(dataset.labelData())) {
            out.add(DatasetSplit.of(dataset.select(fold.train()), dataset.select(fold.valid()), dataset.select(new int[0])));
        }
        return out;
    }
}
