package io.chemdl4j.moleculenet.transform;

import java.util.Arrays;

import io.chemdl4j.moleculenet.Dataset;

/**
 * Scales labels per task to [0, 1] by the training split's measured minimum and maximum (DeepChem's
 * {@code MinMaxTransformer(transform_y=True)}); undone on predictions. A task whose training labels
 * are all equal keeps a range of 1.
 *
 * @param mins per-task minimum of the training labels
 * @param maxs per-task maximum
 */
public record MinMaxTransformer(double[] mins, double[] maxs) implements Transformer {
    public MinMaxTransformer {
        if (mins.length != maxs.length) {
            throw new IllegalArgumentException("one minimum and one maximum per task");
        }
        mins = mins.clone();
        maxs = maxs.clone();
        for (int t = 0; t < mins.length; t++) {
            if (!(maxs[t] > mins[t])) {
                throw new IllegalArgumentException("task " + t + ": maximum " + maxs[t] + " not above minimum " + mins[t]);
            }
        }
    }

    /** Fits the measured (nonzero-weight) label range of {@code train}. */
    public static MinMaxTransformer fit(Dataset train) {
        int tasks = train.taskCount();
        double[] mins = new double[tasks];
        double[] maxs = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < train.size(); i++) {
                if (train.weight(i, t) != 0) {
                    lo = Math.min(lo, train.label(i, t));
                    hi = Math.max(hi, train.label(i, t));
                }
            }
            if (lo == Double.POSITIVE_INFINITY) {
                lo = 0;
                hi = 1;
            }
            mins[t] = lo;
            maxs[t] = hi > lo ? hi : lo + 1;
        }
        return new MinMaxTransformer(mins, maxs);
    }

    @Override
    public String name() {
        return "minmax";
    }

    @Override
    public Dataset transform(Dataset dataset) {
        int tasks = dataset.taskCount();
        if (tasks != mins.length) {
            throw new IllegalArgumentException("transformer fitted on " + mins.length + " tasks, dataset has " + tasks);
        }
        return dataset.withLabels(Columns.mapInPlace(dataset.flatLabels(), tasks,
                (t, y) -> (y - mins[t]) / (maxs[t] - mins[t])));
    }

    @Override
    public boolean transformsLabels() {
        return true;
    }

    @Override
    public double[][] untransformPredictions(double[][] predictions) {
        return Columns.map(predictions, (t, p) -> p * (maxs[t] - mins[t]) + mins[t]);
    }

    @Override
    public double[] mins() {
        return mins.clone();
    }

    @Override
    public double[] maxs() {
        return maxs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxTransformer m && Arrays.equals(mins, m.mins) && Arrays.equals(maxs, m.maxs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mins) + Arrays.hashCode(maxs);
    }

    @Override
    public String toString() {
        return "MinMaxTransformer[mins=" + Arrays.toString(mins) + ", maxs=" + Arrays.toString(maxs) + "]";
    }
}
