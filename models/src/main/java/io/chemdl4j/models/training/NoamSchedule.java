package io.chemdl4j.models.training;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Chemprop's {@code NoamLR} learning-rate schedule, by gradient step: linear warm-up from the initial to the
 * peak rate over {@code warmupSteps}, then exponential decay to the final rate at {@code totalSteps}, and the
 * final rate after that. Immutable.
 *
 * @param warmupSteps steps of warm-up (chemprop: {@code int(warmup_epochs × steps_per_epoch)})
 * @param totalSteps  steps of the whole training ({@code epochs × steps_per_epoch})
 */
public record NoamSchedule(double initialRate, double maxRate, double finalRate, int warmupSteps, int totalSteps)
        implements ISchedule {
    public NoamSchedule {
        if (!(initialRate > 0 && maxRate > 0 && finalRate > 0)) {
            throw new IllegalArgumentException("learning rates must be positive");
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException("step counts must be non-negative");
        }
    }

    /** The rate at gradient step {@code step} (0 for the first). */
    public double rate(long step) {
        if (step <= warmupSteps) {
            return warmupSteps == 0 ? maxRate : initialRate + step * (maxRate - initialRate) / warmupSteps;
        }
        if (step <= totalSteps) {
            double gamma = Math.pow(finalRate / maxRate, 1.0 / (totalSteps - warmupSteps));
            return maxRate * Math.pow(gamma, step - warmupSteps);
        }
        return finalRate;
    }

    /** The rate at gradient step {@code iteration}; the epoch is not used. */
    @Override
    public double valueAt(int iteration, int epoch) {
        return rate(iteration);
    }

    @Override
    public ISchedule clone() {
        return this;
    }
}
