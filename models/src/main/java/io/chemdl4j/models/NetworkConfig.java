package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.models.training.LearningRateSchedule;

/**
 * The configuration of a network kind that has every shared {@link Hyperparameters}: it applies them
 * all in one way ({@link #with}).
 *
 * @param <C> the configuration's own type
 */
public interface NetworkConfig<C extends NetworkConfig<C>> extends ModelConfig {
    /** With these hidden layer widths (the kind says which layers they are). */
    C withLayerSizes(List<Integer> sizes);

    /** This configuration with {@code dropout}. */
    C withDropout(double dropout);

    /** This configuration with {@code learningRate}. */
    C withLearningRate(double learningRate);

    /** This configuration with {@code weightDecay}. */
    C withWeightDecay(double weightDecay);

    /** This configuration with {@code batchSize}. */
    C withBatchSize(int batchSize);

    /** This configuration with {@code schedule}. */
    C withSchedule(LearningRateSchedule schedule);

    @Override
    C withSeed(long seed);

    @Override
    @SuppressWarnings("unchecked")
    default C with(Hyperparameters h) {
        C c = (C) this; // C is the implementing record's own type
        if (h.head() != null && h.head() != RegressionHead.VALUE) {
            throw new IllegalArgumentException("this model has no " + h.head().id() + " head: heads that predict their "
                    + "own spread are built for dmpnn (--model dmpnn --head " + h.head().id() + ")");
        }
        c = h.layerSizes() != null ? c.withLayerSizes(h.layerSizes()) : c;
        c = h.dropout() != null ? c.withDropout(h.dropout()) : c;
        c = h.learningRate() != null ? c.withLearningRate(h.learningRate()) : c;
        c = h.weightDecay() != null ? c.withWeightDecay(h.weightDecay()) : c;
        c = h.batchSize() != null ? c.withBatchSize(h.batchSize()) : c;
        return h.schedule() != null ? c.withSchedule(h.schedule()) : c;
    }
}
