package io.chemdl4j.moleculenet.transform;

import io.chemdl4j.moleculenet.Dataset;

/** Column-wise arithmetic shared by the transformers: per-column maps and fitted means/deviations. */
final class Columns {
    private Columns() {
    }

    /** A function of a value and the column (task or feature) it is in. */
    @FunctionalInterface
    interface ColumnFunction {
        double apply(int column, double value);
    }

    /** Checks fitted parameters: one mean and one positive, finite deviation per {@code column} (task or feature). */
    static void checkMeansAndStds(double[] means, double[] stds, String column) {
        if (means.length != stds.length) {
            throw new IllegalArgumentException("one mean and one standard deviation per " + column);
        }
        for (double s : stds) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("standard deviations must be positive and finite, got " + s);
            }
        }
    }

    /** A new {@code rows[i][column]} array with {@code f} applied to every value. */
    static double[][] map(double[][] rows, ColumnFunction f) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = f.apply(c, rows[i][c]);
            }
        }
        return out;
    }

    /** Applies {@code f} in place to a row-major array of {@code width} columns; returns it. */
    static float[] mapInPlace(float[] flat, int width, ColumnFunction f) {
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) f.apply(i % width, flat[i]);
        }
        return flat;
    }

    /**
     * Per-column mean and population standard deviation ({@code [0]} means, {@code [1]} deviations,
     * 1 where a column is constant or empty): of the features, or of the measured (nonzero-weight)
     * labels.
     */
    static double[][] meanAndStd(Dataset d, boolean features) {
        int width = features ? d.featureCount() : d.taskCount();
        double[] sum = new double[width];
        long[] count = new long[width];
        for (int i = 0; i < d.size(); i++) {
            for (int c = 0; c < width; c++) {
                double v = features ? d.feature(i, c) : d.label(i, c);
                // a missing label (weight 0) or a feature the featurizer could not compute (NaN) is left out
                if ((features || d.weight(i, c) != 0) && Double.isFinite(v)) {
                    sum[c] += v;
                    count[c]++;
                }
            }
        }
        double[] means = new double[width];
        for (int c = 0; c < width; c++) {
            means[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        }
        double[] squares = new double[width];
        for (int i = 0; i < d.size(); i++) {
            for (int c = 0; c < width; c++) {
                double v = features ? d.feature(i, c) : d.label(i, c);
                if ((features || d.weight(i, c) != 0) && Double.isFinite(v)) {
                    double delta = v - means[c];
                    squares[c] += delta * delta;
                }
            }
        }
        double[] stds = new double[width];
        for (int c = 0; c < width; c++) {
            double std = count[c] == 0 ? 0 : Math.sqrt(squares[c] / count[c]);
            stds[c] = std > 0 && Double.isFinite(std) ? std : 1.0;
        }
        return new double[][] {means, stds};
    }
}
