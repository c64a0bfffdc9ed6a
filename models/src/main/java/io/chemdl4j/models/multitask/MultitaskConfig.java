package io.chemdl4j.models.multitask;

import java.util.List;

import io.chemdl4j.models.NetworkConfig;
import io.chemdl4j.models.training.LearningRateSchedule;

/**
 * Hyperparameters of a fully connected multitask network, with DeepChem's defaults
 * ({@code MultitaskClassifier}/{@code MultitaskRegressor}): one hidden layer of 1000 ReLU units,
 * dropout 0.5 after every hidden layer, weights N(0, 0.02), hidden biases 1.0, no weight decay,
 * Adam with learning rate 0.001, batches of 100.
 *
 * @param layerSizes       hidden layer widths, input side first
 * @param dropout          probability of dropping a hidden unit during training, in [0, 1)
 * @param weightDecay      L2 penalty on the weights (0 for none)
 * @param learningRate     Adam learning rate
 * @param batchSize        molecules per gradient step
 * @param weightInitStddev standard deviation of the hidden layers' initial weights
 * @param biasInit         initial value of the hidden layers' biases
 * @param schedule         how the learning rate changes over the epochs ({@code null}: constant)
 * @param seed             seed of every random choice (initial weights, batch order, dropout)
 */
public record MultitaskConfig(List<Integer> layerSizes, double dropout, double weightDecay, double learningRate,
                              int batchSize, double weightInitStddev, double biasInit,
                              LearningRateSchedule schedule, long seed) implements NetworkConfig<MultitaskConfig> {
    public MultitaskConfig {
        schedule = schedule == null ? LearningRateSchedule.constant() : schedule;
        layerSizes = List.copyOf(layerSizes);
        if (layerSizes.isEmpty() || layerSizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("need at least one hidden layer, all widths positive: " + layerSizes);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be non-negative, got " + weightDecay);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(weightInitStddev > 0)) {
            throw new IllegalArgumentException("weight init standard deviation must be positive");
        }
    }

    /** DeepChem's defaults with seed 0. */
    public static MultitaskConfig defaults() {
        return new MultitaskConfig(List.of(1000), 0.5, 0.0, 0.001, 100, 0.02, 1.0, LearningRateSchedule.constant(), 0L);
    }

    @Override
    public MultitaskConfig withLayerSizes(List<Integer> sizes) {
        return new MultitaskConfig(sizes, dropout, weightDecay, learningRate, batchSize, weightInitStddev, biasInit, schedule, seed);
    }

    @Override
    public MultitaskConfig withDropout(double d) {
        return new MultitaskConfig(layerSizes, d, weightDecay, learningRate, batchSize, weightInitStddev, biasInit, schedule, seed);
    }

    @Override
    public MultitaskConfig withWeightDecay(double wd) {
        return new MultitaskConfig(layerSizes, dropout, wd, learningRate, batchSize, weightInitStddev, biasInit, schedule, seed);
    }

    @Override
    public MultitaskConfig withLearningRate(double lr) {
        return new MultitaskConfig(layerSizes, dropout, weightDecay, lr, batchSize, weightInitStddev, biasInit, schedule, seed);
    }

    @Override
    public MultitaskConfig withBatchSize(int b) {
        return new MultitaskConfig(layerSizes, dropout, weightDecay, learningRate, b, weightInitStddev, biasInit, schedule, seed);
    }

    @Override
    public MultitaskConfig withSeed(long s) {
        return new MultitaskConfig(layerSizes, dropout, weightDecay, learningRate, batchSize, weightInitStddev, biasInit, schedule, s);
    }

    @Override
    public MultitaskConfig withSchedule(LearningRateSchedule sched) {
        return new MultitaskConfig(layerSizes, dropout, weightDecay, learningRate, batchSize, weightInitStddev, biasInit, sched, seed);
    }
}
