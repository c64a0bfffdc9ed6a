package io.chemdl4j.moleculenet.transform;

import io.chemdl4j.moleculenet.Dataset;

/**
 * Clips every feature to {@code [-max, max]} (DeepChem's {@code ClippingTransformer}, default 5),
 * usually after {@link FeatureNormalizationTransformer} to tame outliers. Nothing is fitted; labels
 * are untouched.
 *
 * @param max the bound, positive
 */
public record FeatureClippingTransformer(double max) implements Transformer {
    public FeatureClippingTransformer {
        if (!(max > 0) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("clipping bound must be positive and finite, got " + max);
        }
    }

    /** DeepChem's default bound, 5. */
    public static FeatureClippingTransformer defaults() {
        return new FeatureClippingTransformer(5.0);
    }

    @Override
    public boolean transformsFeatures() {
        return true;
    }

    @Override
    public String name() {
        return "feature-clipping";
    }

    @Override
    public Dataset transform(Dataset dataset) {
        return dataset.withFeatures(Columns.mapInPlace(dataset.flatFeatures(), Math.max(1, dataset.featureCount()),
                (f, x) -> Math.max(-max, Math.min(max, x))));
    }

    @Override
    public double[][] untransformPredictions(double[][] predictions) {
        return predictions;
    }
}
