package io.chemdl4j.models.reliability;

import java.util.Arrays;

/**
 * Split-conformal prediction intervals for one regression task (Vovk et al. 2005; Lei et al. 2018): the
 * nonconformity scores of a held-out calibration split, sorted, from which an interval of any coverage is read.
 * With {@code n} calibration scores, the half-width at coverage {@code 1 − α} is the
 * {@code ⌈(n + 1)(1 − α)⌉}-th smallest score, which guarantees at least that coverage on exchangeable data
 * (infinite when {@code n} is too small for it). Scores are absolute residuals {@code |y − ŷ|}, or, when the model
 * gives a spread {@code σ}, normalized residuals {@code |y − ŷ| / σ} (Papadopoulos et al. 2008), so that intervals
 * are wide where the model is unsure and narrow where it is sure. Immutable.
 *
 * @param scores     the calibration split's nonconformity scores, ascending, finite and non-negative
 * @param normalized whether they are divided by the spread (intervals are then {@code ŷ ± q·σ})
 */
public record ConformalIntervals(double[] scores, boolean normalized) {
    /** Smallest spread a normalized score is divided by: a model that is sure to the last bit is not infinitely sure. */
    public static final double MIN_SPREAD = 1e-9;

    public ConformalIntervals {
        if (scores.length == 0) {
            throw new IllegalArgumentException("conformal intervals need at least one calibration score");
        }
        scores = scores.clone();
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0) || Double.isInfinite(scores[i]) || i > 0 && scores[i] < scores[i - 1]) {
                throw new IllegalArgumentException("calibration scores must be finite, non-negative and ascending; "
                        + "score " + i + " is " + scores[i]);
            }
        }
    }

    /**
     * Fitted on calibration labels and predictions of one task (entries whose label is NaN are left out).
     *
     * @param spreads the model's spread per molecule for normalized scores, or {@code null} for absolute residuals
     */
    public static ConformalIntervals fit(double[] labels, double[] predictions, double[] spreads) {
        double[] scores = new double[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (Double.isNaN(labels[i]) || Double.isNaN(predictions[i])) {
                continue;
            }
            double residual = Math.abs(labels[i] - predictions[i]);
            scores[n++] = spreads == null ? residual : residual / Math.max(spreads[i], MIN_SPREAD);
        }
        double[] kept = Arrays.copyOf(scores, n);
        Arrays.sort(kept);
        return new ConformalIntervals(kept, spreads != null);
    }

    /** Calibration molecules behind the intervals. */
    public int size() {
        return scores.length;
    }

    /**
     * The score quantile for {@code coverage} (in (0, 1)): the half-width of the interval, in the task's units, or in
     * spreads when normalized; {@link Double#POSITIVE_INFINITY} when the calibration split is too small to promise it
     * (fewer than {@code 1/(1 − coverage) − 1} molecules).
     */
    public double quantile(double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must lie strictly between 0 and 1, got " + coverage);
        }
        int n = scores.length;
        // ceil((n + 1) * coverage), with a tolerance so that 0.9 * 10 is 9, not 9.000000000000002 -> 10
        long rank = (long) Math.ceil((n + 1) * coverage - 1e-9);
        return rank > n ? Double.POSITIVE_INFINITY : scores[(int) Math.max(rank, 1) - 1];
    }

    /**
     * Half-width of the interval around one prediction at {@code coverage}.
     *
     * @param spread the model's spread for this molecule (ignored unless normalized)
     */
    public double halfWidth(double coverage, double spread) {
        double q = quantile(coverage);
        return normalized ? q * Math.max(spread, MIN_SPREAD) : q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConformalIntervals c && normalized == c.normalized && Arrays.equals(scores, c.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scores) + Boolean.hashCode(normalized);
    }

    @Override
    public String toString() {
        return "ConformalIntervals[" + scores.length + " scores, normalized=" + normalized + "]";
    }
}
