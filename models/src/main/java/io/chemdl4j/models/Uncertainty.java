package io.chemdl4j.models;

import java.util.List;

/**
 * Predictions with their spread, {@code [molecule][task]} in original units: the mean over ensemble
 * members or Monte-Carlo dropout samples, and the sample standard deviation around it.
 *
 * @param mean    mean prediction
 * @param std     standard deviation of the samples (0 with a single sample)
 * @param samples how many predictions each value summarizes
 */
public record Uncertainty(double[][] mean, double[][] std, int samples) {
    /**
     * Monte-Carlo dropout: {@code samples} draws of {@code draw(sample number)}, summarized.
     *
     * @param dropout the model's dropout probability, which must be positive
     */
    public static Uncertainty sampleDropout(double dropout, int samples, java.util.function.IntFunction<double[][]> draw) {
        if (dropout <= 0) {
            throw new IllegalStateException("Monte-Carlo dropout needs a model trained with dropout; this one has none");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
        List<double[][]> all = new java.util.ArrayList<>();
        for (int s = 0; s < samples; s++) {
            all.add(draw.apply(s));
        }
        return of(all);
    }

    /** Mean and standard deviation over {@code samples}, each {@code [molecule][task]} of one shape. */
    public static Uncertainty of(List<double[][]> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("need at least one sample");
        }
        int n = samples.get(0).length;
        int k = samples.size();
        double[][] mean = new double[n][];
        double[][] std = new double[n][];
        for (int i = 0; i < n; i++) {
            int tasks = samples.get(0)[i].length;
            mean[i] = new double[tasks];
            std[i] = new double[tasks];
            for (int t = 0; t < tasks; t++) {
                double sum = 0;
                for (double[][] s : samples) {
                    sum += s[i][t];
                }
                double m = sum / k;
                double squares = 0;
                for (double[][] s : samples) {
                    squares += (s[i][t] - m) * (s[i][t] - m);
                }
                mean[i][t] = m;
                std[i][t] = k > 1 ? Math.sqrt(squares / (k - 1)) : 0;
            }
        }
        return new Uncertainty(mean, std, k);
    }
}
