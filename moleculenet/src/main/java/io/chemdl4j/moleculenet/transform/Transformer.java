package io.chemdl4j.moleculenet.transform;

import io.chemdl4j.moleculenet.Dataset;

/**
 * A fitted transformation of a dataset: fitted on the training split only, applied to every split,
 * and undoable on predictions so that results come back in the data's original units.
 *
 * <p>Transformers are immutable records, so a saved model can store and restore them. Those that
 * change the features ({@code X}) are applied to new molecules' features before prediction too.
 */
public sealed interface Transformer permits BalancingTransformer, NormalizationTransformer,
        FeatureNormalizationTransformer, FeatureClippingTransformer, MinMaxTransformer, LogTransformer {

    /** Short name, e.g. {@code "balancing"}. */
    String name();

    /** The dataset transformed. */
    Dataset transform(Dataset dataset);

    /**
     * Whether {@link #transform} changes the labels, so predictions need {@link #untransformPredictions}.
     * False unless a transformer says otherwise.
     */
    default boolean transformsLabels() {
        return false;
    }

    /** Whether {@link #transform} changes the features, so new molecules' features need it too. */
    default boolean transformsFeatures() {
        return false;
    }

    /**
     * Maps predictions made in transformed label space back to the original units.
     * {@code predictions[molecule][task]} is not modified; a new array is returned. The identity
     * unless the transformer changes labels.
     */
    default double[][] untransformPredictions(double[][] predictions) {
        return predictions;
    }

    /** Applies {@code transformers} in order. */
    static Dataset transformAll(Dataset dataset, Iterable<? extends Transformer> transformers) {
        Dataset out = dataset;
        for (Transformer t : transformers) {
            out = t.transform(out);
        }
        return out;
    }

    /** Undoes {@code transformers} on predictions, last first. */
    static double[][] untransformAll(double[][] predictions, java.util.List<? extends Transformer> transformers) {
        double[][] out = predictions;
        for (int i = transformers.size() - 1; i >= 0; i--) {
            out = transformers.get(i).untransformPredictions(out);
        }
        return out;
    }
}
