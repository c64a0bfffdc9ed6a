package io.chemdl4j.moleculenet;

import java.util.List;
import java.util.Objects;

import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Train, validation and test parts of one dataset, whatever its inputs.
 *
 * @param <D> the dataset type
 */
public record DatasetSplit<D extends LabelledData<D>>(D train, D valid, D test) {
    public DatasetSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(test, "test");
    }

    /** The three parts (a factory that infers the dataset type). */
    public static <D extends LabelledData<D>> DatasetSplit<D> of(D train, D valid, D test) {
        return new DatasetSplit<>(train, valid, test);
    }

    /** Every part transformed by {@code transformers}, in order. */
    public DatasetSplit<D> transform(List<? extends Transformer> transformers) {
        return of(train.transform(transformers), valid.transform(transformers), test.transform(transformers));
    }
}
