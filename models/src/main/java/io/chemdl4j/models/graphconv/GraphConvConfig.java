package io.chemdl4j.models.graphconv;

import java.util.List;

import io.chemdl4j.models.NetworkConfig;
import io.chemdl4j.models.training.LearningRateSchedule;

/**
 * Hyperparameters of a {@link GraphConvModel}, with DeepChem's {@code GraphConvModel} defaults:
 * two graph convolutions of 64 channels, a dense layer of 128, batch normalization after each, no
 * dropout, Adam with learning rate 0.001, batches of 100 molecules.
 *
 * @param convLayers     channels of each graph convolution, input side first
 * @param denseSize      width of the dense layer applied to every atom before the graph gather
 * @param dropout        probability of dropping a unit after each convolution and the dense layer, in [0, 1)
 * @param weightDecay    L2 penalty on the weights (0 for none)
 * @param learningRate   Adam learning rate
 * @param batchSize      molecules per gradient step
 * @param batchNormalize whether to batch-normalize after each convolution and the dense layer
 * @param schedule         how the learning rate changes over the epochs ({@code null}: constant)
 * @param seed           seed of every random choice (initial weights, batch order, dropout)
 */
public record GraphConvConfig(List<Integer> convLayers, int denseSize, double dropout, double weightDecay,
                              double learningRate, int batchSize, boolean batchNormalize,
                              LearningRateSchedule schedule, long seed) implements NetworkConfig<GraphConvConfig> {
    public GraphConvConfig {
        schedule = schedule == null ? LearningRateSchedule.constant() : schedule;
        convLayers = List.copyOf(convLayers);
        if (convLayers.isEmpty() || convLayers.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("need at least one graph convolution, all widths positive: "
                    + convLayers);
        }
        if (denseSize < 1) {
            throw new IllegalArgumentException("dense size must be positive, got " + denseSize);
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
    }

    /** DeepChem's defaults with seed 0. */
    public static GraphConvConfig defaults() {
        return new GraphConvConfig(List.of(64, 64), 128, 0.0, 0.0, 0.001, 100, true, LearningRateSchedule.constant(), 0L);
    }

    /** With graph-convolution layers of these widths. */
    public GraphConvConfig withConvLayers(List<Integer> layers) {
        return new GraphConvConfig(layers, denseSize, dropout, weightDecay, learningRate, batchSize, batchNormalize, schedule, seed);
    }

    /** The graph convolutions' widths ({@link #withConvLayers}). */
    @Override
    public GraphConvConfig withLayerSizes(List<Integer> sizes) {
        return withConvLayers(sizes);
    }

    /** With a dense layer of {@code size} applied to every atom before the graph gather. */
    public GraphConvConfig withDenseSize(int size) {
        return new GraphConvConfig(convLayers, size, dropout, weightDecay, learningRate, batchSize, batchNormalize, schedule, seed);
    }

    @Override
    public GraphConvConfig withDropout(double d) {
        return new GraphConvConfig(convLayers, denseSize, d, weightDecay, learningRate, batchSize, batchNormalize, schedule, seed);
    }

    @Override
    public GraphConvConfig withWeightDecay(double wd) {
        return new GraphConvConfig(convLayers, denseSize, dropout, wd, learningRate, batchSize, batchNormalize, schedule, seed);
    }

    @Override
    public GraphConvConfig withLearningRate(double lr) {
        return new GraphConvConfig(convLayers, denseSize, dropout, weightDecay, lr, batchSize, batchNormalize, schedule, seed);
    }

    @Override
    public GraphConvConfig withBatchSize(int b) {
        return new GraphConvConfig(convLayers, denseSize, dropout, weightDecay, learningRate, b, batchNormalize, schedule, seed);
    }

    /** With batch normalization after each layer when {@code bn}. */
    public GraphConvConfig withBatchNormalize(boolean bn) {
        return new GraphConvConfig(convLayers, denseSize, dropout, weightDecay, learningRate, batchSize, bn, schedule, seed);
    }

    @Override
    public GraphConvConfig withSeed(long s) {
        return new GraphConvConfig(convLayers, denseSize, dropout, weightDecay, learningRate, batchSize, batchNormalize, schedule, s);
    }

    @Override
    public GraphConvConfig withSchedule(LearningRateSchedule sched) {
        return new GraphConvConfig(convLayers, denseSize, dropout, weightDecay, learningRate, batchSize, batchNormalize, sched, seed);
    }
}
