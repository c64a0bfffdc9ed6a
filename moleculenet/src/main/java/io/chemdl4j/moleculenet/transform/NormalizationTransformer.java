package io.chemdl4j.moleculenet.transform;

import java.util.Arrays;

import io.chemdl4j.moleculenet.Dataset;

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
        Columns.checkMeansAndStds(means, stds, "task");
        means = means.clone();
        stds = stds.clone();
    }

    /** Fits means and standard deviations of {@code train}'s measured labels. */
    public static NormalizationTransformer fit(Dataset train) {
        double[][] fitted = Columns.meanAndStd(train, false);
        return new NormalizationTransformer(fitted[0], fitted[1]);
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
        return dataset.withLabels(Columns.mapInPlace(dataset.flatLabels(), tasks, (t, y) -> (y - means[t]) / stds[t]));
    }

    @Override
    public boolean transformsLabels() {
        return true;
    }

    @Override
    public double[][] untransformPredictions(double[][] predictions) {
        return Columns.map(predictions, (t, p) -> p * stds[t] + means[t]);
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
