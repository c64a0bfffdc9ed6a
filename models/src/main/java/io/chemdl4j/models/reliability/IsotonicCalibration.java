package io.chemdl4j.models.reliability;

import java.util.Arrays;

/**
 * Isotonic calibration (Zadrozny and Elkan 2002): the non-decreasing map from probability to the fraction of
 * positives that fits the calibration split best in squared error, found by the pool-adjacent-violators algorithm,
 * read between its knots by linear interpolation and clipped to its ends (as scikit-learn's
 * {@code IsotonicRegression(out_of_bounds="clip")} reads it). Written here for the reason {@link PlattScaling} gives.
 *
 * @param x knots: model probabilities, strictly increasing
 * @param y calibrated probabilities at the knots, non-decreasing, in [0, 1]
 */
public record IsotonicCalibration(double[] x, double[] y) implements ProbabilityCalibration {
    public IsotonicCalibration {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("isotonic calibration needs as many knots as values, at least one");
        }
        x = x.clone();
        y = y.clone();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !(y[i] >= 0 && y[i] <= 1) || i > 0 && (x[i] <= x[i - 1] || y[i] < y[i - 1])) {
                throw new IllegalArgumentException("isotonic knots must increase and their values lie in [0, 1] "
                        + "without decreasing; knot " + i + " is (" + x[i] + ", " + y[i] + ")");
            }
        }
    }

    @Override
    public double apply(double p) {
        if (Double.isNaN(p)) {
            return p;
        }
        if (p <= x[0]) {
            return y[0];
        }
        if (p >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int i = Arrays.binarySearch(x, p);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (p - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + f * (y[hi] - y[lo]);
    }

    @Override
    public Method method() {
        return Method.ISOTONIC;
    }

    /**
     * Fitted by pool-adjacent-violators on labels (0 or 1) against the model's probabilities; molecules with equal
     * probabilities are pooled first. Each pooled block becomes a knot at its lowest and highest probability.
     */
    public static IsotonicCalibration fit(double[] labels, double[] probabilities) {
        int n = labels.length;
        if (n != probabilities.length || n == 0) {
            throw new IllegalArgumentException("isotonic calibration needs as many labels as probabilities, at least one");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[a], probabilities[b]));
        // blocks: sum of labels, count, lowest and highest probability
        double[] sum = new double[n];
        double[] count = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double p = probabilities[i];
            if (blocks > 0 && high[blocks - 1] == p) {
                sum[blocks - 1] += labels[i];
                count[blocks - 1]++;
            } else {
                sum[blocks] = labels[i];
                count[blocks] = 1;
                low[blocks] = p;
                high[blocks] = p;
                blocks++;
            }
            // pool while the last block's mean is below the one before it
            while (blocks > 1 && sum[blocks - 1] * count[blocks - 2] < sum[blocks - 2] * count[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                high[blocks - 2] = high[blocks - 1];
                blocks--;
            }
        }
        double[] kx = new double[2 * blocks];
        double[] ky = new double[2 * blocks];
        int knots = 0;
        for (int b = 0; b < blocks; b++) {
            double value = Math.min(1, Math.max(0, sum[b] / count[b]));
            kx[knots] = low[b];
            ky[knots++] = value;
            if (high[b] > low[b]) {
                kx[knots] = high[b];
                ky[knots++] = value;
            }
        }
        return new IsotonicCalibration(Arrays.copyOf(kx, knots), Arrays.copyOf(ky, knots));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[" + x.length + " knots]";
    }
}
