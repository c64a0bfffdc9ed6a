package io.chemdl4j.models.reliability;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Measures of how well a model's stated uncertainty matches its errors, on labelled molecules of one task: for a
 * regressor with a spread {@code σ}, Gaussian negative log-likelihood, the rank correlation of error and spread,
 * expected normalized calibration error (Levi et al. 2019) and miscalibration area (Tran et al. 2020, as chemprop
 * reports them); for intervals, coverage and mean width; for a classifier, the Brier score, expected calibration
 * error and the reliability diagram (Guo et al. 2017). Every array holds one entry per molecule, all measured.
 */
public final class UncertaintyMetrics {
    /** Bins of the calibration errors and the reliability diagram. */
    public static final int BINS = 10;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private UncertaintyMetrics() {
    }

    /** The factor that makes {@code σ} a calibrated standard deviation: the root mean square of {@code (y − ŷ)/σ}. */
    public static double spreadScale(double[] labels, double[] predictions, double[] spreads) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double z = (labels[i] - predictions[i]) / Math.max(spreads[i], ConformalIntervals.MIN_SPREAD);
            sum += z * z;
        }
        double scale = Math.sqrt(sum / labels.length);
        return scale > 0 && Double.isFinite(scale) ? scale : 1;
    }

    /** Mean Gaussian negative log-likelihood of the labels under {@code N(ŷ, σ²)}. */
    public static double gaussianNll(double[] labels, double[] predictions, double[] spreads) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double s = Math.max(spreads[i], ConformalIntervals.MIN_SPREAD);
            double r = labels[i] - predictions[i];
            sum += 0.5 * Math.log(2 * Math.PI * s * s) + r * r / (2 * s * s);
        }
        return sum / labels.length;
    }

    /** Spearman's rank correlation of the absolute error and the spread: above 0, larger spreads mark larger errors. */
    public static double errorSpreadSpearman(double[] labels, double[] predictions, double[] spreads) {
        if (labels.length < 3) {
            return Double.NaN;
        }
        double[] errors = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            errors[i] = Math.abs(labels[i] - predictions[i]);
        }
        return new SpearmansCorrelation().correlation(errors, spreads);
    }

    /**
     * Expected normalized calibration error: molecules sorted by spread into {@link #BINS} bins of equal count, the
     * mean over bins of {@code |RMV − RMSE| / RMV}, where RMV is the root mean variance ({@code σ²}) of the bin; 0 for
     * a spread that is on average the error it claims, bin by bin.
     */
    public static double expectedNormalizedCalibrationError(double[] labels, double[] predictions, double[] spreads) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(spreads[a], spreads[b]));
        int bins = Math.min(BINS, n);
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            int from = b * n / bins;
            int to = (b + 1) * n / bins;
            double variance = 0;
            double squared = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                variance += spreads[i] * spreads[i];
                squared += (labels[i] - predictions[i]) * (labels[i] - predictions[i]);
            }
            double rmv = Math.sqrt(variance / (to - from));
            double rmse = Math.sqrt(squared / (to - from));
            sum += Math.abs(rmv - rmse) / Math.max(rmv, ConformalIntervals.MIN_SPREAD);
        }
        return sum / bins;
    }

    /**
     * Miscalibration area: the mean absolute difference, over expected proportions {@code p} from 0 to 1 (100
     * steps), between {@code p} and the fraction of labels inside the central {@code p} interval of
     * {@code N(ŷ, σ²)}; 0 for a perfectly calibrated spread, 0.5 at worst.
     */
    public static double miscalibrationArea(double[] labels, double[] predictions, double[] spreads) {
        int steps = 100;
        double sum = 0;
        for (int s = 1; s < steps; s++) {
            double p = (double) s / steps;
            double z = STANDARD_NORMAL.inverseCumulativeProbability(0.5 + p / 2);
            int inside = 0;
            for (int i = 0; i < labels.length; i++) {
                if (Math.abs(labels[i] - predictions[i]) <= z * spreads[i]) {
                    inside++;
                }
            }
            sum += Math.abs((double) inside / labels.length - p);
        }
        return sum / steps; // the ends (p = 0 and 1) are exact and add nothing
    }

    /** The fraction of labels inside {@code [lower, upper]}. */
    public static double coverage(double[] labels, double[] lower, double[] upper) {
        int inside = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= lower[i] && labels[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / labels.length;
    }

    /** The mean of {@code upper − lower}. */
    public static double meanWidth(double[] lower, double[] upper) {
        double sum = 0;
        for (int i = 0; i < lower.length; i++) {
            sum += upper[i] - lower[i];
        }
        return sum / lower.length;
    }

    /** The Brier score: the mean squared difference of probability and label (0 or 1). */
    public static double brier(double[] labels, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
        }
        return sum / labels.length;
    }

    /**
     * The reliability diagram: probabilities in {@link #BINS} bins of equal width, and per bin the molecules, their
     * mean probability and the fraction of them that are positive.
     *
     * @param count     molecules per bin
     * @param predicted mean probability per bin (NaN for an empty bin)
     * @param observed  fraction of positives per bin (NaN for an empty bin)
     */
    public record ReliabilityDiagram(int[] count, double[] predicted, double[] observed) {
        /**
         * Expected calibration error: the mean over bins, weighted by their molecules, of
         * {@code |observed − predicted|}.
         */
        public double expectedCalibrationError() {
            int total = 0;
            double sum = 0;
            for (int b = 0; b < count.length; b++) {
                if (count[b] > 0) {
                    total += count[b];
                    sum += count[b] * Math.abs(observed[b] - predicted[b]);
                }
            }
            return total == 0 ? Double.NaN : sum / total;
        }
    }

    /** The reliability diagram of binary labels against probabilities. */
    public static ReliabilityDiagram reliabilityDiagram(double[] labels, double[] probabilities) {
        int[] count = new int[BINS];
        double[] p = new double[BINS];
        double[] y = new double[BINS];
        for (int i = 0; i < labels.length; i++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(probabilities[i] * BINS)));
            count[b]++;
            p[b] += probabilities[i];
            y[b] += labels[i];
        }
        for (int b = 0; b < BINS; b++) {
            p[b] = count[b] == 0 ? Double.NaN : p[b] / count[b];
            y[b] = count[b] == 0 ? Double.NaN : y[b] / count[b];
        }
        return new ReliabilityDiagram(count, p, y);
    }
}
