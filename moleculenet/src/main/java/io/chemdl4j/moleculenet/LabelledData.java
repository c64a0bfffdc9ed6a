package io.chemdl4j.moleculenet;

import java.util.List;

import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Molecules with inputs of any type (fingerprint rows in {@link Dataset}, molecular graphs in
 * {@link GraphDataset}) and one block of labels {@code y}, weights {@code w} and ids: what loaders,
 * splitters, transformers, the featurization cache and models share, whatever the inputs are.
 * Implementations are immutable and thread-safe.
 *
 * @param <D> the implementing type, which selections, splits and transformations return
 */
public interface LabelledData<D extends LabelledData<D>> {
    /** Number of molecules. */
    int size();

    /** Task names, one per label column. */
    List<String> tasks();

    /** The labels, weights and ids, row for row, as a dataset (its features, if any, are not needed). */
    Dataset labelData();

    /** The molecules at {@code rows}, in that order. */
    D select(int[] rows);

    /**
     * The same molecules transformed by {@code transformers}, in order: labels and weights always; features
     * where a transformer changes features and the inputs are feature rows.
     */
    D transform(List<? extends Transformer> transformers);
}
