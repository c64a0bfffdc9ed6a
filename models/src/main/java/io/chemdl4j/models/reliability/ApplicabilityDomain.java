package io.chemdl4j.models.reliability;

import java.util.Objects;

import io.chemdl4j.featurize.FeaturizerSpec;

/**
 * Whether a molecule resembles the ones a model was trained on: the mean Tanimoto similarity of its {@code
 * neighbours} nearest training molecules on a binary fingerprint, against the threshold below which the lowest
 * {@code quantile} of the calibration split's molecules lie. A molecule under the threshold is less like the training
 * data than all but that fraction of molecules the model was checked on: outside the domain where its calibration
 * was observed. Immutable and thread-safe.
 *
 * @param fingerprint the fingerprint compared: the model's own when it reads one (ECFP, FCFP, Morgan), else ECFP4
 *                    of 2,048 bits; a set bit is a nonzero entry
 * @param neighbours  how many nearest training molecules are averaged
 * @param quantile    the fraction of calibration molecules that lie below {@code threshold}
 * @param threshold   the mean similarity below which a molecule is outside the domain
 * @param index       the training molecules' fingerprints
 */
public record ApplicabilityDomain(FeaturizerSpec fingerprint, int neighbours, double quantile, double threshold,
                                  DomainIndex index) {
    /** Nearest neighbours averaged unless asked otherwise. */
    public static final int DEFAULT_NEIGHBOURS = 5;
    /** The calibration fraction left outside unless asked otherwise. */
    public static final double DEFAULT_QUANTILE = 0.05;

    public ApplicabilityDomain {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(index, "index");
        if (neighbours < 1 || neighbours > 1000) {
            throw new IllegalArgumentException("neighbours must be 1..1000, got " + neighbours);
        }
        if (!(quantile >= 0 && quantile < 1) || !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("quantile must lie in [0, 1) and threshold in [0, 1], got " + quantile
                    + " and " + threshold);
        }
    }

    /**
     * Where one molecule lies.
     *
     * @param nearest    Tanimoto similarity of the most similar training molecule
     * @param similarity mean similarity of the {@code neighbours} most similar
     * @param inside     whether {@code similarity} reaches the domain's threshold
     */
    public record Assessment(double nearest, double similarity, boolean inside) {
    }

    /** Where the molecule whose fingerprint has {@code onBits} set lies. */
    public Assessment assess(int[] onBits) {
        double[] best = index.nearest(onBits, neighbours);
        double mean = mean(best);
        return new Assessment(best[0], mean, mean >= threshold);
    }

    /** The mean similarity of the {@code k} training molecules most similar to {@code onBits}. */
    static double meanSimilarity(DomainIndex index, int[] onBits, int k) {
        return mean(index.nearest(onBits, k));
    }

    private static double mean(double[] best) {
        double sum = 0;
        for (double s : best) {
            sum += s;
        }
        return sum / best.length;
    }

    /**
     * The domain of {@code index}'s molecules, its threshold placed at the {@code quantile} of the calibration
     * molecules' mean similarities (their fingerprints {@code calibration}, set bits each).
     */
    public static ApplicabilityDomain fit(FeaturizerSpec fingerprint, DomainIndex index,
                                          java.util.List<int[]> calibration, int neighbours, double quantile) {
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("the applicability domain's threshold needs calibration molecules");
        }
        double[] similarities = new double[calibration.size()];
        for (int i = 0; i < similarities.length; i++) {
            similarities[i] = meanSimilarity(index, calibration.get(i), neighbours);
        }
        java.util.Arrays.sort(similarities);
        // the lowest `quantile` of them lie strictly below the threshold
        int below = (int) Math.floor(quantile * similarities.length);
        double threshold = similarities[Math.min(below, similarities.length - 1)];
        return new ApplicabilityDomain(fingerprint, neighbours, quantile, threshold, index);
    }
}
