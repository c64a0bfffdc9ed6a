package io.chemdl4j.moleculenet.transform;

import java.util.Arrays;

import io.chemdl4j.moleculenet.Dataset;

/**
 * Standardizes every feature to zero mean and unit standard deviation of the training split
 * (DeepChem's {@code NormalizationTransformer(transform_X=True)}), for descriptor features whose
 * scales differ by orders of magnitude. A constant feature keeps standard deviation 1. A value the
 * featurizer could not compute (NaN or infinite) is left out of the fit and becomes 0, the training mean,
 * so that one such molecule cannot turn a network's weights into NaN. Labels are untouched, so
 * predictions need no undoing.
 *
 * @param means per-feature mean of the training features
 * @param stds  per-feature standard deviation (population); 1 where it is 0
 */
public record FeatureNormalizationTransformer(double[] means, double[] stds) implements Transformer {
    public FeatureNormalizationTransformer {
        Columns.checkMeansAndStds(means, stds, "feature");
        means = means.clone();
        stds = stds.clone();
    }

    /** Fits per-feature means and standard deviations on {@code train}. */
    public static FeatureNormalizationTransformer fit(Dataset train) {
        double[][] fitted = Columns.meanAndStd(train, true);
        return new FeatureNormalizationTransformer(fitted[0], fitted[1]);
    }

    @Override
    public boolean transformsFeatures() {
        return true;
    }

    @Override
    public String name() {
        return "feature-normalization";
    }

    @Override
    public Dataset transform(Dataset dataset) {
        int d = dataset.featureCount();
        if (d != means.length) {
            throw new IllegalArgumentException("transformer fitted on " + means.length + " features, dataset has " + d);
        }
        return dataset.withFeatures(Columns.mapInPlace(dataset.flatFeatures(), d, (f, x) -> Double.isFinite(x) ? (x - means[f]) / stds[f] : 0));
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureNormalizationTransformer n && Arrays.equals(means, n.means)
                && Arrays.equals(stds, n.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "FeatureNormalizationTransformer[" + means.length + " features]";
    }
}
