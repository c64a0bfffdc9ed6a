package io.chemdl4j.moleculenet;

import java.util.Arrays;

/**
 * Standardizes every feature to zero mean and unit standard deviation of the training split
 * (DeepChem's {@code NormalizationTransformer(transform_X=True)}), for descriptor features whose
 * scales differ by orders of magnitude. A constant feature keeps standard deviation 1. Labels are
 * untouched, so predictions need no undoing.
 *
 * @param means per-feature mean of the training features
 * @param stds  per-feature standard deviation (population); 1 where it is 0
 */
public record FeatureNormalizationTransformer(double[] means, double[] stds) implements Transformer {
    public FeatureNormalizationTransformer {
        if (means.length != stds.length) {
            throw new IllegalArgumentException("one mean and one standard deviation per feature");
        }
        means = means.clone();
        stds = stds.clone();
        for (double s : stds) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("standard deviations must be positive and finite, got " + s);
            }
        }
    }

    /** Fits per-feature means and standard deviations on {@code train}. */
    public static FeatureNormalizationTransformer fit(Dataset train) {
        int d = train.featureCount();
        double[] sum = new double[d];
        double[] squares = new double[d];
        int n = train.size();
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                sum[f] += train.feature(i, f);
            }
        }
        double[] means = new double[d];
        for (int f = 0; f < d; f++) {
            means[f] = n == 0 ? 0 : sum[f] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                double delta = train.feature(i, f) - means[f];
                squares[f] += delta * delta;
            }
        }
        double[] stds = new double[d];
        for (int f = 0; f < d; f++) {
            double std = n == 0 ? 0 : Math.sqrt(squares[f] / n);
            stds[f] = std > 0 && Double.isFinite(std) ? std : 1.0;
        }
        return new FeatureNormalizationTransformer(means, stds);
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
        float[] x = dataset.flatFeatures();
        for (int i = 0; i < x.length; i++) {
            int f = i % d;
            x[i] = (float) ((x[i] - means[f]) / stds[f]);
        }
        return dataset.withFeatures(x);
    }

    @Override
    public boolean transformsLabels() {
        return false;
    }

    @Override
    public double[][] untransformPredictions(double[][] predictions) {
        return predictions;
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
