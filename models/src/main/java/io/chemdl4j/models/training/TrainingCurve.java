package io.chemdl4j.models.training;

import java.util.List;

import io.chemdl4j.models.metrics.Metric;

/**
 * Training and validation curves, one point per epoch, and the epoch whose weights the model kept.
 *
 * @param metric       the metric of the {@code trainScore}/{@code validScore} columns
 * @param points       one per epoch trained, in order
 * @param bestEpoch    epoch (1-based, as in {@link Point#epoch}) with the best validation score
 * @param keptEpoch    epoch whose weights the model holds after training: the best with early
 *                     stopping, the last without
 * @param stoppedEarly whether training stopped before the epoch limit for lack of improvement
 */
public record TrainingCurve(Metric metric, List<Point> points, int bestEpoch, int keptEpoch, boolean stoppedEarly) {
    public TrainingCurve {
        points = List.copyOf(points);
    }

    /**
     * One epoch.
     *
     * @param epoch      1-based epoch over the model's life
     * @param trainLoss  mean weighted training loss over the epoch's batches (training mode)
     * @param validLoss  mean weighted loss on the validation split after the epoch (inference mode)
     * @param trainScore metric on the training split after the epoch, in original units: on every training
     *                   molecule or an evenly spaced sample as large as the validation split
     *                   ({@link TrainingOptions#trainScoring()})
     * @param validScore metric on the validation split after the epoch, in original units
     * @param seconds    seconds the epoch's training took
     */
    public record Point(int epoch, double trainLoss, double validLoss, double trainScore, double validScore,
                        double seconds) {
    }

    /** The point of the best epoch. */
    public Point best() {
        return point(bestEpoch);
    }

    /** The point of the epoch whose weights the model holds. */
    public Point kept() {
        return point(keptEpoch);
    }

    private Point point(int epoch) {
        return points.stream().filter(p -> p.epoch() == epoch).findFirst().orElseThrow();
    }
}
