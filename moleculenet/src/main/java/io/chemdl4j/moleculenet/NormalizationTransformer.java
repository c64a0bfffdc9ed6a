package io.chemdl4j.moleculenet;

import java.util.Arrays;

/**
 * Standardizes labels per task to zero mean and unit standard deviation, using only measured
 * (nonzero-weight) labels of the training split; undone on predictions. DeepChem's
 * {@code NormalizationTransformer(transform_y=True)}.
 *
 * @param means per-task mean of the training labels
 * @param stds  per-task standard deviation (population) of the training labels; 1 where it is 0
 */
public record NormalizationTransformer(double[] means, double[] stds) implements Transformer {

    public NormalizationTransformer {
        if (means.length != stds.length) {
            throw new IllegalArgumentException("one mean and one standard deviation per task");
        }
        means = means.clone();
        stds = stds.clone();
        for (double s : stds) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("standard deviations must be positive and finite, got " + s);
            }
        }
    }

    /** Fits means and standard deviations of {@code train}'s measured labels. */
    public static NormalizationTransformer fit(Dataset train) {
        int tasks = train.taskCount();
        double[] means = new double[tasks];
        double[] stds = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < train.size(); i++) {
                if (train.weight(i, t) != 0) {
                    sum += train.label(i, t);
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double squares = 0;
            for (int i = 0; i < train.size(); i++) {
                if (train.weight(i, t) != 0) {
                    double d = train.label(i, t) - mean;
                    squares += d * d;
                }
            }
            double std = n == 0 ? 0 : Math.sqrt(squares / n);
            means[t] = mean;
            stds[t] = std > 0 ? std : 1.0;
        }
        return new NormalizationTransformer(means, stds);
    }

    @Override
    public String name() {
        return "normalization";
    }

    @Override
    public Dataset transform(Dataset dataset) {
        int tasks = dataset.taskCount();
        if (tasks != means.length) {
            throw new IllegalArgumentException("transformer fitted on " + means.length + " tasks, dataset has " + tasks);
        }
        float[] y = dataset.flatLabels();
        for (int i = 0; i < y.length; i++) {
            int t = i % tasks;
            y[i] = (float) ((y[i] - means[t]) / stds[t]);
        }
        return dataset.withLabels(y);
    }

    @Override
    public boolean transformsLabels() {
        return true;
    }

    @Override
    public double[][] untransformPredictions(double[][] predictions) {
        double[][] out = new double[predictions.length][];
        for (int i = 0; i < predictions.length; i++) {
            out[i] = new double[predictions[i].length];
            for (int t = 0; t < out[i].length; t++) {
                out[i][t] = predictions[i][t] * stds[t] + means[t];
            }
        }
        return out;
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
        return o instanceof NormalizationTransformer n && Arrays.equals(means, n.means) && Arrays.equals(stds, n.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "NormalizationTransformer[means=" + Arrays.toString(means) + ", stds=" + Arrays.toString(stds) + "]";
    }
}
