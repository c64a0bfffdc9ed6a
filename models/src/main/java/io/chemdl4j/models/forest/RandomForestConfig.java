package io.chemdl4j.models.forest;

import java.util.List;

import io.chemdl4j.models.Hyperparameters;
import io.chemdl4j.models.ModelConfig;

/**
 * Hyperparameters of a {@link RandomForestModel}, with scikit-learn's {@code RandomForestClassifier}
 * defaults: 100 fully grown trees on bootstrap samples, the square root of the feature count tried at
 * each split.
 *
 * @param trees           trees per task
 * @param featureFraction fraction of the features tried at each split, in (0, 1]; 0 means
 *                        sqrt(features) / features, scikit-learn's {@code max_features="sqrt"}
 * @param maxDepth        deepest a tree may grow ({@link Integer#MAX_VALUE}: until its leaves are pure)
 * @param minChildWeight  least weight a child node may hold (XGBoost's {@code min_child_weight}: the
 *                        sum of the loss's second derivatives, example weight × p(1-p) for classification)
 * @param seed            seed of the bootstrap samples and the feature choices
 */
public record RandomForestConfig(int trees, double featureFraction, int maxDepth, double minChildWeight, long seed) implements ModelConfig {
    public RandomForestConfig {
        if (trees < 1) {
            throw new IllegalArgumentException("a forest needs at least one tree, got " + trees);
        }
        if (!(featureFraction >= 0 && featureFraction <= 1)) {
            throw new IllegalArgumentException("feature fraction must be in [0, 1], got " + featureFraction);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("max depth must be positive, got " + maxDepth);
        }
        if (!(minChildWeight > 0)) {
            throw new IllegalArgumentException("min child weight must be positive, got " + minChildWeight);
        }
    }

    /** 100 trees, sqrt features per split, unlimited depth, seed 0. */
    public static RandomForestConfig defaults() {
        return new RandomForestConfig(100, 0, Integer.MAX_VALUE, 1e-3, 0L);
    }

    /** With {@code t} trees per task. */
    public RandomForestConfig withTrees(int t) {
        return new RandomForestConfig(t, featureFraction, maxDepth, minChildWeight, seed);
    }

    @Override
    public RandomForestConfig withSeed(long s) {
        return new RandomForestConfig(trees, featureFraction, maxDepth, minChildWeight, s);
    }

    /** The fraction of {@code features} tried at each split. */
    double fractionFor(int features) {
        return featureFraction > 0 ? featureFraction : Math.min(1.0, Math.sqrt(features) / features);
    }

    /** {@inheritDoc} Layer sizes are the (none: the forest takes no network hyperparameters). */
    @Override
    public RandomForestConfig with(Hyperparameters h) {
        h.requireOnly("random_forest", List.of());
        return this;
    }
}
