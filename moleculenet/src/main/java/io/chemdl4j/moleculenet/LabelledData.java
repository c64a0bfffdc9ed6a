package io.chemdl4j.moleculenet;

import java.util.List;

/**
 * Molecules with labels {@code y}, weights {@code w} and ids, whatever their inputs are: fingerprint
 * rows ({@link Dataset}) or molecular graphs ({@link GraphDataset}). What models are scored against.
 */
public interface LabelledData {
    /** Number of molecules. */
    int size();

    /** Task names, one per label column. */
    List<String> tasks();

    /** The labels, weights and ids, row for row, as a dataset (its features, if any, are not needed). */
    Dataset labelData();
}
