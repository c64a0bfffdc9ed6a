package io.chemdl4j.models.metrics;

import java.util.List;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A model's predictions on one split next to the labels, both in original units, with the label
 * weights ({@code 0}: no label): what ROC curves and parity plots are drawn from.
 *
 * @param split       the split's name ({@code train}, {@code valid}, {@code test}, or a file's name)
 * @param tasks       task names, the columns of the arrays
 * @param labels      per molecule, per task, in original units
 * @param predictions per molecule, per task: probabilities of class 1, or values in original units; for
 *                    multiclass labels the K class probabilities of each task in turn ({@code tasks × K}
 *                    columns)
 * @param weights     per molecule, per task; only labels with nonzero weight are measured
 */
public record SplitPredictions(String split, List<String> tasks, double[][] labels, double[][] predictions,
                               double[][] weights) {
    public SplitPredictions {
        tasks = List.copyOf(tasks);
        if (labels.length != predictions.length || labels.length != weights.length) {
            throw new IllegalArgumentException("labels, predictions and weights need one row per molecule");
        }
        for (double[] row : predictions) {
            if (row.length != predictions[0].length || row.length % tasks.size() != 0) {
                throw new IllegalArgumentException("every molecule needs one prediction per task, or K class "
                        + "probabilities per task; found " + row.length + " values for " + tasks.size() + " tasks");
            }
        }
    }

    /** K for multiclass predictions (K class probabilities per task), else 0; 0 for an empty split. */
    public int classes() {
        int perTask = size() == 0 ? 1 : predictions[0].length / tasks.size();
        return perTask > 1 ? perTask : 0;
    }

    /** The K class probabilities of task {@code task} per molecule (multiclass predictions only). */
    public double[][] probabilities(int task) {
        int k = classes();
        if (k == 0) {
            throw new IllegalStateException("these are not multiclass predictions");
        }
        double[][] out = new double[size()][];
        for (int i = 0; i < size(); i++) {
            out[i] = java.util.Arrays.copyOfRange(predictions[i], task * k, (task + 1) * k);
        }
        return out;
    }

    /**
     * Pairs {@code predictions} (original units) with {@code data}'s labels, brought back to original units
     * by undoing {@code transformers}.
     */
    public static SplitPredictions of(String split, List<String> tasks, Dataset data, double[][] predictions,
                                      List<Transformer> transformers) {
        double[][] labels = new double[data.size()][tasks.size()];
        double[][] weights = new double[data.size()][tasks.size()];
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < tasks.size(); t++) {
                labels[i][t] = data.label(i, t);
                weights[i][t] = data.weight(i, t);
            }
        }
        return new SplitPredictions(split, tasks, Transformer.untransformAll(labels, transformers), predictions, weights);
    }

    /** Molecules in the split. */
    public int size() {
        return labels.length;
    }

    /**
     * Column {@code task} of labels, predictions and weights, as three arrays; for multiclass predictions the
     * middle array holds the most probable class.
     */
    public double[][] column(int task) {
        int k = classes();
        double[][] out = new double[3][size()];
        for (int i = 0; i < size(); i++) {
            out[0][i] = labels[i][task];
            out[1][i] = k == 0 ? predictions[i][task]
                    : Metric.argmax(java.util.Arrays.copyOfRange(predictions[i], task * k, (task + 1) * k));
            out[2][i] = weights[i][task];
        }
        return out;
    }

    /** Every metric in {@code metrics}, per task. */
    public EvaluationResult score(List<Metric> metrics) {
        java.util.Map<Metric, double[]> scores = new java.util.EnumMap<>(Metric.class);
        for (Metric metric : metrics) {
            double[] perTask = new double[tasks.size()];
            for (int t = 0; t < tasks.size(); t++) {
                double[][] c = column(t);
                perTask[t] = classes() > 0 ? metric.computeMulticlass(c[0], probabilities(t), c[2])
                        : metric.compute(c[0], c[1], c[2]);
            }
            scores.put(metric, perTask);
        }
        return new EvaluationResult(tasks, scores);
    }
}
