package io.chemdl4j.models.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Scores of predictions against labels, computed per task over the labels with nonzero weight only
 * (weights select labels; they do not scale them, as in DeepChem's {@code Metric}).
 */
public enum Metric {
    /** Area under the ROC curve; ties count one half (Mann–Whitney U with average ranks). */
    ROC_AUC("roc_auc", true),
    /**
     * Area under the precision-recall curve by the trapezoidal rule (DeepChem's {@code prc_auc_score}:
     * scikit-learn's {@code auc(recall, precision)} over {@code precision_recall_curve}); MoleculeNet's
     * metric for MUV, where actives are rare and ROC-AUC flatters.
     */
    PRC_AUC("prc_auc", true),
    /** Root mean squared error. */
    RMSE("rmse", false),
    /** Mean absolute error. */
    MAE("mae", false),
    /** Coefficient of determination, {@code 1 - SS_res / SS_tot} (scikit-learn's {@code r2_score}). */
    R2("r2", true),
    /** Squared Pearson correlation coefficient. */
    PEARSON_R2("pearson_r2", true),
    /**
     * Fraction of labels predicted right: the most probable class (multiclass), or probability of class 1
     * at least 0.5 (binary).
     */
    ACCURACY("accuracy", true);

    private final String id;
    private final boolean higherIsBetter;

    Metric(String id, boolean higherIsBetter) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
    }

    /** Name in reports and JSON, e.g. {@code "roc_auc"}. */
    public String id() {
        return id;
    }

    /** Whether a larger score is better (ROC-AUC, R²) rather than worse (RMSE). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The metric with this id. */
    public static Metric byId(String id) {
        for (Metric m : values()) {
            if (m.id.equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'");
    }

    /**
     * The metric over entries whose weight is nonzero ({@code weights == null}: all entries).
     *
     * @return the score, or NaN when it is undefined (no labels; ROC-AUC or PRC-AUC with one class only;
     *         R² or Pearson r² of constant labels)
     */
    public double compute(double[] labels, double[] predictions, double[] weights) {
        if (labels.length != predictions.length || (weights != null && weights.length != labels.length)) {
            throw new IllegalArgumentException("labels, predictions and weights must have the same length");
        }
        List<double[]> kept = measured(labels, predictions, weights);
        double[] y = kept.get(0);
        double[] p = kept.get(1);
        if (y.length == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case ROC_AUC -> rocAuc(y, p);
            case PRC_AUC -> prcAuc(y, p);
            case RMSE -> Math.sqrt(meanSquaredError(y, p));
            case MAE -> meanAbsoluteError(y, p);
            case R2 -> r2(y, p);
            case PEARSON_R2 -> pearsonR2(y, p);
            case ACCURACY -> binaryAccuracy(y, p);
        };
    }

    /**
     * The metric of one multiclass task over entries whose weight is nonzero: {@link #ROC_AUC} and
     * {@link #PRC_AUC} one class against the rest, averaged over the classes that have both members and
     * non-members among the labels (scikit-learn's {@code average='macro', multi_class='ovr'}, which
     * refuses labels lacking a class; here such a class is left out of the mean); {@link #ACCURACY} of
     * the most probable class (the first of equals).
     *
     * @param labels        class numbers 0..K-1
     * @param probabilities per entry, the K class probabilities
     * @return the score, or NaN when it is undefined (no labels; an AUC where every label is one class)
     * @throws IllegalArgumentException for a metric of values ({@link #RMSE}, {@link #R2}…)
     */
    public double computeMulticlass(double[] labels, double[][] probabilities, double[] weights) {
        if (labels.length != probabilities.length || (weights != null && weights.length != labels.length)) {
            throw new IllegalArgumentException("labels, probabilities and weights must have the same length");
        }
        if (this != ROC_AUC && this != PRC_AUC && this != ACCURACY) {
            throw new IllegalArgumentException(id + " is a metric of values; multiclass labels are scored by "
                    + "roc_auc, prc_auc or accuracy");
        }
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n += weights == null || weights[i] != 0 ? 1 : 0;
        }
        if (n == 0) {
            return Double.NaN;
        }
        int classes = probabilities[0].length;
        double[] y = new double[n];
        double[][] p = new double[n][];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (weights == null || weights[i] != 0) {
                if (probabilities[i].length != classes) {
                    throw new IllegalArgumentException("every entry needs " + classes + " class probabilities");
                }
                y[k] = labels[i];
                p[k++] = probabilities[i];
            }
        }
        if (this == ACCURACY) {
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += argmax(p[i]) == y[i] ? 1 : 0;
            }
            return (double) right / n;
        }
        double sum = 0;
        int counted = 0;
        double[] member = new double[n];
        double[] score = new double[n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < n; i++) {
                member[i] = y[i] == c ? 1 : 0;
                score[i] = p[i][c];
            }
            double area = this == ROC_AUC ? rocAuc(member, score) : prcAuc(member, score);
            if (!Double.isNaN(area)) {
                sum += area;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** The index of the largest value, the first of equals: the predicted class. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }

    private static double binaryAccuracy(double[] y, double[] p) {
        countPositives(y);
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += (p[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        }
        return (double) right / y.length;
    }

    /** The labels and predictions of the measured entries (nonzero weight; all without weights), as two arrays. */
    public static List<double[]> measured(double[] labels, double[] predictions, double[] weights) {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (weights == null || weights[i] != 0) {
                n++;
            }
        }
        double[] y = new double[n];
        double[] p = new double[n];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (weights == null || weights[i] != 0) {
                y[k] = labels[i];
                p[k++] = predictions[i];
            }
        }
        List<double[]> out = new ArrayList<>(2);
        out.add(y);
        out.add(p);
        return out;
    }

    /**
     * One point per distinct score, from the highest: precision {@code tp/(tp+fp)} and recall
     * {@code tp/P} of calling everything at or above it positive, then the point (recall 0,
     * precision 1); the area is the trapezoidal sum over recall.
     */
    private static double prcAuc(double[] y, double[] p) {
        long positives = countPositives(y);
        if (positives == 0 || positives == y.length) {
            return Double.NaN;
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double area = 0;
        double lastRecall = 0;
        double lastPrecision = 1;
        long tp = 0;
        for (int k = 0; k < order.length; k++) {
            tp += y[order[k]] == 1 ? 1 : 0;
            if (k + 1 < order.length && p[order[k + 1]] == p[order[k]]) {
                continue;
            }
            double recall = (double) tp / positives;
            double precision = (double) tp / (k + 1);
            area += (recall - lastRecall) * (precision + lastPrecision) / 2;
            lastRecall = recall;
            lastPrecision = precision;
        }
        return area;
    }

    /** Positives among 0/1 labels. */
    public static long countPositives(double[] y) {
        long positives = 0;
        for (double v : y) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("this metric needs 0/1 labels, found " + v);
            }
            if (v == 1) {
                positives++;
            }
        }
        return positives;
    }

    /** AUC = U / (n+ n-), U from the rank sum of the positives with average ranks for ties. */
    private static double rocAuc(double[] y, double[] p) {
        long positives = countPositives(y);
        long negatives = y.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(p);
        double positiveRankSum = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1) {
                positiveRankSum += ranks[i];
            }
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    private static double meanSquaredError(double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - p[i];
            s += d * d;
        }
        return s / y.length;
    }

    private static double meanAbsoluteError(double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs(y[i] - p[i]);
        }
        return s / y.length;
    }

    private static double r2(double[] y, double[] p) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < y.length; i++) {
            ssTot += (y[i] - mean) * (y[i] - mean);
            ssRes += (y[i] - p[i]) * (y[i] - p[i]);
        }
        return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
    }

    private static double pearsonR2(double[] y, double[] p) {
        if (y.length < 2) {
            return Double.NaN;
        }
        double r = new PearsonsCorrelation().correlation(y, p);
        return r * r;
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
