package io.chemdl4j.models.layers;

import java.util.SplittableRandom;

/**
 * How one forward pass runs.
 *
 * @param batchStatistics batch normalization uses the batch's mean and variance (training), not the moving ones
 * @param updateMoving    batch normalization updates its moving mean and variance
 * @param dropout         dropout draws masks (training, or a Monte-Carlo dropout sample)
 * @param random          the masks' generator; {@code null} when {@code dropout} is off
 * @param backward        a backward pass may follow, so layers keep what it needs (which input won a maximum);
 *                        off for predictions alone, which then skip that bookkeeping
 */
public record Pass(boolean batchStatistics, boolean updateMoving, boolean dropout, SplittableRandom random,
                   boolean backward) {
    public Pass {
        if (dropout && random == null) {
            throw new IllegalArgumentException("dropout needs a generator");
        }
    }

    /** A pass that a backward pass may follow. */
    public Pass(boolean batchStatistics, boolean updateMoving, boolean dropout, SplittableRandom random) {
        this(batchStatistics, updateMoving, dropout, random, true);
    }

    /** Training: batch statistics, moving averages updated, dropout on. */
    public static Pass training(SplittableRandom random) {
        return new Pass(true, true, true, random);
    }

    /** Prediction: moving averages, no dropout. */
    public static Pass inference() {
        return new Pass(false, false, false, null);
    }
}
