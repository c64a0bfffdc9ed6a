package io.chemdl4j.models.training;

import java.nio.file.Path;
import java.util.Objects;

import io.chemdl4j.models.metrics.Metric;

/**
 * How {@link Training} runs: at most {@code maxEpochs} epochs, scored on the validation split after
 * each; with {@code patience} set, it stops once {@code patience} epochs in a row have not improved the
 * validation {@code metric} and puts back the weights of the best epoch.
 *
 * @param maxEpochs  epochs at most
 * @param metric     the validation metric that picks the best epoch (and is recorded per epoch)
 * @param patience   epochs without improvement before stopping and restoring the best epoch's weights;
 *                   0 for no early stopping: all {@code maxEpochs} epochs, the last weights kept
 * @param checkpoint file that holds the best epoch's weights, rewritten atomically whenever the
 *                   validation score improves; {@code null} for none
 * @param trainScoring which training molecules are scored after each epoch for the curve's training score
 */
public record TrainingOptions(int maxEpochs, Metric metric, int patience, Path checkpoint, TrainScoring trainScoring) {
    public TrainingOptions {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(trainScoring, "trainScoring");
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max epochs must be positive, got " + maxEpochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be non-negative, got " + patience);
        }
    }

    /**
     * As the canonical constructor, the curve's training score taken on a sample as large as the validation split
     * ({@link TrainScoring#SAMPLE_AS_LARGE_AS_VALIDATION}).
     */
    public TrainingOptions(int maxEpochs, Metric metric, int patience, Path checkpoint) {
        this(maxEpochs, metric, patience, checkpoint, TrainScoring.SAMPLE_AS_LARGE_AS_VALIDATION);
    }

    /** Early stopping on {@code metric} with {@code patience}, no checkpoint file. */
    public static TrainingOptions earlyStopping(int maxEpochs, Metric metric, int patience) {
        return new TrainingOptions(maxEpochs, metric, patience, null);
    }

    /** With the best epoch's weights kept in {@code file}, rewritten atomically whenever the validation score improves. */
    public TrainingOptions withCheckpoint(Path file) {
        return new TrainingOptions(maxEpochs, metric, patience, file, trainScoring);
    }

    /** With the curve's training score taken on the molecules {@code scoring} chooses. */
    public TrainingOptions withTrainScoring(TrainScoring scoring) {
        return new TrainingOptions(maxEpochs, metric, patience, checkpoint, scoring);
    }
}
