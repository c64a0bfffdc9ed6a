package io.chemdl4j.models;

import java.util.ArrayList;
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
    /** Root mean squared error. */
    RMSE("rmse", false),
    /** Mean absolute error. */
    MAE("mae", false),
    /** Coefficient of determination, {@code 1 - SS_res / SS_tot} (scikit-learn's {@code r2_score}). */
    R2("r2", true),
    /** Squared Pearson correlation coefficient. */
    PEARSON_R2("pearson_r2", true);

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
     * @return the score, or NaN when it is undefined (no labels; ROC-AUC with one class only;
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
            case RMSE -> Math.sqrt(meanSquaredError(y, p));
            case MAE -> meanAbsoluteError(y, p);
            case R2 -> r2(y, p);
            case PEARSON_R2 -> pearsonR2(y, p);
        };
    }

    private static List<double[]> measured(double[] labels, double[] predictions, double[] weights) {
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

    /** AUC = U / (n+ n-), U from the rank sum of the positives with average ranks for ties. */
    private static double rocAuc(double[] y, double[] p) {
        long positives = 0;
        for (double v : y) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("ROC-AUC needs 0/1 labels, found " + v);
            }
            if (v == 1) {
                positives++;
            }
        }
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
