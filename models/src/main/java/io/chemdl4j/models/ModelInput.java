package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * What a {@link ModelKind}'s models read, and how molecules become it: how a labelled source is loaded,
 * featurized, split and transformed for training and evaluation, and how a saved model predicts from
 * molecules. {@link io.chemdl4j.models.input.FeatureRowInput} (fingerprint and descriptor rows) and
 * {@link io.chemdl4j.models.input.GraphInput} (molecular graphs) are the two the toolkit has.
 * Implementations are stateless and thread-safe.
 *
 * @param <D> the dataset type it loads
 */
public interface ModelInput<D extends LabelledData<D>> {
    /** A short name for messages, e.g. {@code "feature rows"}. */
    String name();

    /** The featurizer used when an experiment names none. */
    FeaturizerSpec defaultFeaturizer();

    /**
     * Loads {@code request}'s source, featurized with its featurizer (or {@link #defaultFeaturizer()}),
     * split, with the default transformers fitted on the training split and applied to all three.
     *
     * @param progress told the rows featurized so far, or {@code null}
     * @throws IllegalArgumentException if the featurizer does not make this input
     */
    PreparedData<D> load(DataRequest request, StreamingFeaturizer.ProgressListener progress);

    /**
     * Loads {@code request}'s source to score {@code model} on it: split as {@link #load} splits it, with
     * {@code model}'s own feature transformers (fitted on its training data) rather than newly fitted ones.
     */
    default PreparedData<D> loadFor(SavedModel model, DataRequest request,
                                    StreamingFeaturizer.ProgressListener progress) {
        return load(request, progress);
    }

    /**
     * Predictions of {@code model} in original units on {@code data} as {@link #load} or {@link #loadFor}
     * made it for this model; its label transformers are undone.
     */
    double[][] predict(SavedModel model, D data);

    /** How {@code model} predicts from molecules (see {@link SavedModel#inputs()}). */
    SavedModel.Inputs<?> inputs(SavedModel model);

    /** The label, weight and id block of every part, in order, without features. */
    static io.chemdl4j.moleculenet.Dataset labelsOf(List<? extends LabelledData<?>> parts, List<String> tasks) {
        return io.chemdl4j.moleculenet.Dataset.concat(parts.stream().map(p -> p.labelData().withoutFeatures()).toList(),
                tasks, 0);
    }
}
