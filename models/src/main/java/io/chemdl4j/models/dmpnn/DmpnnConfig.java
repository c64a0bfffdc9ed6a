package io.chemdl4j.models.dmpnn;

import java.util.List;
import java.util.Objects;

import io.chemdl4j.models.Hyperparameters;
import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.RegressionHead;

/**
 * Hyperparameters of a {@link DmpnnModel}, with chemprop v1.7's defaults: hidden size 300, depth 3 (two
 * message-passing updates after the input layer), mean readout, no dropout, a feed-forward head of two layers
 * (one hidden layer of 300), batches of 50, and Adam with the Noam schedule: the rate rises linearly from
 * {@code initialLearningRate} to {@code maxLearningRate} over {@code warmupEpochs}, then decays exponentially
 * to {@code finalLearningRate} at the last epoch.
 *
 * @param hiddenSize          width of the bond messages and atom vectors
 * @param depth               message-passing steps, the input layer included (chemprop's {@code depth})
 * @param readout             how a molecule's atom vectors become one vector
 * @param dropout             probability of dropping a unit after each message update, the atom layer and
 *                            before each head layer, in [0, 1)
 * @param ffnLayers           layers of the feed-forward head, its output layer included
 * @param ffnHiddenSize       width of the head's hidden layers
 * @param batchSize           molecules per gradient step
 * @param warmupEpochs        epochs of linear warm-up
 * @param initialLearningRate rate at the first step
 * @param maxLearningRate     rate at the end of the warm-up
 * @param finalLearningRate   rate at the last step
 * @param weightDecay         L2 penalty on the weights (0 for none, chemprop's default)
 * @param balanceClasses      for classification, weight each label as the data's weights say (the catalog's
 *                            class-balancing weights); off, as chemprop's default, every present label counts once
 * @param seed                seed of every random choice (initial weights, batch order, dropout)
 * @param head                what a regressor predicts per task: a value (the default), or with
 *                            {@link RegressionHead#MEAN_VARIANCE} or {@link RegressionHead#EVIDENTIAL} a distribution
 *                            whose spread is its own uncertainty ({@code null}: a value)
 */
public record DmpnnConfig(int hiddenSize, int depth, Readout readout, double dropout, int ffnLayers,
                          int ffnHiddenSize, int batchSize, double warmupEpochs, double initialLearningRate,
                          double maxLearningRate, double finalLearningRate, double weightDecay, boolean balanceClasses,
                          long seed, RegressionHead head)
        implements ModelConfig {
    /** How a molecule's atom vectors become one vector (chemprop's {@code aggregation}). */
    public enum Readout {
        /** The mean over its atoms (chemprop's default). */
        MEAN,
        /** The sum over its atoms. */
        SUM,
        /** The sum divided by 100 (chemprop's {@code norm} with its default {@code aggregation_norm}). */
        NORM;

        /** The weight of each atom of a molecule of {@code atomCount} atoms. */
        double weight(int atomCount) {
            return switch (this) {
                case MEAN -> 1.0 / atomCount;
                case SUM -> 1.0;
                case NORM -> 0.01;
            };
        }
    }

    public DmpnnConfig {
        Objects.requireNonNull(readout, "readout");
        head = head == null ? RegressionHead.VALUE : head;
        if (hiddenSize < 1 || ffnHiddenSize < 1) {
            throw new IllegalArgumentException("hidden sizes must be positive, got " + hiddenSize + " and "
                    + ffnHiddenSize);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        if (ffnLayers < 1) {
            throw new IllegalArgumentException("the head needs at least its output layer, got " + ffnLayers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(warmupEpochs >= 0)) {
            throw new IllegalArgumentException("warm-up epochs must be non-negative, got " + warmupEpochs);
        }
        if (!(initialLearningRate > 0 && maxLearningRate > 0 && finalLearningRate > 0)) {
            throw new IllegalArgumentException("learning rates must be positive");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be non-negative, got " + weightDecay);
        }
    }

    /** Chemprop's defaults with seed 0. */
    public static DmpnnConfig defaults() {
        return new DmpnnConfig(300, 3, Readout.MEAN, 0.0, 2, 300, 50, 2, 1e-4, 1e-3, 1e-4, 0.0, false, 0L, RegressionHead.VALUE);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public DmpnnConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /**
     * Applies the shared hyperparameters: layer sizes are the hidden size, then (optionally) the head's hidden
     * size; a learning rate is the peak rate, the initial and final rates keeping their ratio to it. A
     * learning-rate decay is refused: the Noam schedule is this model's.
     */
    @Override
    public DmpnnConfig with(Hyperparameters h) {
        h.requireOnly(DmpnnKind.NAME, List.of("layers", "dropout", "learning-rate", "weight-decay", "batch-size",
                "head"));
        Builder b = toBuilder();
        if (h.layerSizes() != null) {
            if (h.layerSizes().isEmpty() || h.layerSizes().size() > 2) {
                throw new IllegalArgumentException("dmpnn layers are the hidden size and optionally the head's "
                        + "hidden size, got " + h.layerSizes());
            }
            b.hiddenSize(h.layerSizes().get(0));
            b.ffnHiddenSize(h.layerSizes().get(h.layerSizes().size() - 1));
        }
        if (h.dropout() != null) {
            b.dropout(h.dropout());
        }
        if (h.learningRate() != null) {
            double scale = h.learningRate() / maxLearningRate;
            b.maxLearningRate(h.learningRate()).initialLearningRate(initialLearningRate * scale)
                    .finalLearningRate(finalLearningRate * scale);
        }
        if (h.weightDecay() != null) {
            b.weightDecay(h.weightDecay());
        }
        if (h.batchSize() != null) {
            b.batchSize(h.batchSize());
        }
        if (h.head() != null) {
            b.head(h.head());
        }
        return b.build();
    }

    /** Builds a {@link DmpnnConfig}, starting from chemprop's defaults or from a configuration. */
    public static final class Builder {
        private int hiddenSize;
        private int depth;
        private Readout readout;
        private double dropout;
        private int ffnLayers;
        private int ffnHiddenSize;
        private int batchSize;
        private double warmupEpochs;
        private double initialLearningRate;
        private double maxLearningRate;
        private double finalLearningRate;
        private double weightDecay;
        private boolean balanceClasses;
        private long seed;
        private RegressionHead head;

        /** From chemprop's defaults. */
        public Builder() {
            this(defaults());
        }

        private Builder(DmpnnConfig c) {
            hiddenSize = c.hiddenSize;
            depth = c.depth;
            readout = c.readout;
            dropout = c.dropout;
            ffnLayers = c.ffnLayers;
            ffnHiddenSize = c.ffnHiddenSize;
            batchSize = c.batchSize;
            warmupEpochs = c.warmupEpochs;
            initialLearningRate = c.initialLearningRate;
            maxLearningRate = c.maxLearningRate;
            finalLearningRate = c.finalLearningRate;
            weightDecay = c.weightDecay;
            balanceClasses = c.balanceClasses;
            head = c.head;
            seed = c.seed;
        }

        /** Message size (chemprop's {@code hidden_size}). */
        public Builder hiddenSize(int v) {
            hiddenSize = v;
            return this;
        }

        /** Message-passing steps (chemprop's {@code depth}). */
        public Builder depth(int v) {
            depth = v;
            return this;
        }

        /** How atoms are read out into the molecule. */
        public Builder readout(Readout v) {
            readout = v;
            return this;
        }

        /** Dropout in the messages and the head. */
        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        /** Layers of the head (chemprop's {@code ffn_num_layers}). */
        public Builder ffnLayers(int v) {
            ffnLayers = v;
            return this;
        }

        /** Width of the head's hidden layers. */
        public Builder ffnHiddenSize(int v) {
            ffnHiddenSize = v;
            return this;
        }

        /** Molecules per batch. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Epochs of the Noam schedule's linear warm-up. */
        public Builder warmupEpochs(double v) {
            warmupEpochs = v;
            return this;
        }

        /** Learning rate at the start of the warm-up. */
        public Builder initialLearningRate(double v) {
            initialLearningRate = v;
            return this;
        }

        /** Learning rate at the end of the warm-up. */
        public Builder maxLearningRate(double v) {
            maxLearningRate = v;
            return this;
        }

        /** Learning rate at the end of training. */
        public Builder finalLearningRate(double v) {
            finalLearningRate = v;
            return this;
        }

        /** L2 weight decay. */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** What a regressor predicts per task. */
        public Builder head(RegressionHead v) {
            head = v;
            return this;
        }

        /** Whether the loss takes the data's class-balancing weights (off: every present label counts once). */
        public Builder balanceClasses(boolean v) {
            balanceClasses = v;
            return this;
        }

        /** Seed of the weights, batch order and dropout. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @throws IllegalArgumentException for an invalid value */
        public DmpnnConfig build() {
            return new DmpnnConfig(hiddenSize, depth, readout, dropout, ffnLayers, ffnHiddenSize, batchSize,
                    warmupEpochs, initialLearningRate, maxLearningRate, finalLearningRate, weightDecay, balanceClasses,
                    seed, head);
        }
    }
}
