package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.models.predict.ModelEvaluation;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Labelled molecules loaded for a model: featurized, split, and transformed by the transformers fitted
 * on the training split.
 *
 * @param tasks            task names
 * @param train            training split (transformed)
 * @param valid            validation split (transformed)
 * @param test             test split (transformed)
 * @param transformers     the transformers applied, to undo on predictions
 * @param featurizer       the featurizer that made the inputs, saved with models
 * @param errors           rows that could not be used, with the reason
 * @param featurizeSeconds seconds spent loading and featurizing
 * @param <D>              the dataset type
 */
public record PreparedData<D extends LabelledData<D>>(List<String> tasks, D train, D valid, D test,
                                                   List<Transformer> transformers, FeaturizerSpec featurizer,
                                                   List<RowError> errors, double featurizeSeconds) {
    public PreparedData {
        tasks = List.copyOf(tasks);
        transformers = List.copyOf(transformers);
        errors = List.copyOf(errors);
    }

    /** The splits {@code subset} names, in train, valid, test order. */
    public List<D> parts(ModelEvaluation.Subset subset) {
        return switch (subset) {
            case TRAIN -> List.of(train);
            case VALID -> List.of(valid);
            case TEST -> List.of(test);
            case ALL -> List.of(train, valid, test);
        };
    }
}
