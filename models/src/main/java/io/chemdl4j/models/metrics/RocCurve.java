package io.chemdl4j.models.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The receiver operating characteristic of one task: a point per distinct score, from calling
 * nothing positive (0, 0) to calling everything positive (1, 1), as scikit-learn's {@code roc_curve}
 * with {@code drop_intermediate=False}. Its trapezoidal area equals {@link Metric#ROC_AUC}.
 *
 * @param falsePositiveRate x of each point, non-decreasing
 * @param truePositiveRate  y of each point, non-decreasing
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate) {

    /**
     * The curve over the labels with nonzero weight ({@code weights == null}: all).
     *
     * @throws IllegalArgumentException if the labels are not 0/1 or hold one class only
     */
    public static RocCurve of(double[] labels, double[] predictions, double[] weights) {
        List<double[]> kept = Metric.measured(labels, predictions, weights);
        double[] y = kept.get(0);
        double[] p = kept.get(1);
        long positives = Metric.countPositives(y);
        long negatives = y.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs both classes; found " + positives + " positives and "
                    + negatives + " negatives");
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double[] fpr = new double[p.length + 1];
        double[] tpr = new double[p.length + 1];
        int n = 1;
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (y[order[k]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 < order.length && p[order[k + 1]] == p[order[k]]) {
                continue;
            }
            fpr[n] = (double) fp / negatives;
            tpr[n++] = (double) tp / positives;
        }
        return new RocCurve(Arrays.copyOf(fpr, n), Arrays.copyOf(tpr, n));
    }

    /** Area under the curve by the trapezoidal rule. */
    public double area() {
        double area = 0;
        for (int i = 1; i < falsePositiveRate.length; i++) {
            area += (falsePositiveRate[i] - falsePositiveRate[i - 1]) * (truePositiveRate[i] + truePositiveRate[i - 1]) / 2;
        }
        return area;
    }
}
