package io.chemdl4j.models.training;

import java.util.Objects;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * How the learning rate changes from epoch to epoch (epochs counted from 0 over the model's life).
 *
 * @param kind        constant, exponential or step decay
 * @param factor      multiplier: per epoch ({@link Kind#EXPONENTIAL}) or per step ({@link Kind#STEP}), in (0, 1]
 * @param everyEpochs epochs per step ({@link Kind#STEP}); 1 otherwise
 */
public record LearningRateSchedule(Kind kind, double factor, int everyEpochs) {
    /** The shapes of schedule. */
    public enum Kind {
        /** The base rate throughout. */
        CONSTANT,
        /** base × factor^epoch. */
        EXPONENTIAL,
        /** base × factor^floor(epoch / everyEpochs). */
        STEP
    }

    public LearningRateSchedule {
        Objects.requireNonNull(kind, "kind");
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("decay factor must be in (0, 1], got " + factor);
        }
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("epochs per step must be positive, got " + everyEpochs);
        }
    }

    /** The same rate every epoch. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 1, 1);
    }

    /** The rate multiplied by {@code factor} after every epoch. */
    public static LearningRateSchedule exponential(double factor) {
        return new LearningRateSchedule(Kind.EXPONENTIAL, factor, 1);
    }

    /** The rate multiplied by {@code factor} every {@code everyEpochs} epochs. */
    public static LearningRateSchedule step(double factor, int everyEpochs) {
        return new LearningRateSchedule(Kind.STEP, factor, everyEpochs);
    }

    /** The rate in {@code epoch} (0-based) for base rate {@code base}. */
    public double at(double base, int epoch) {
        return switch (kind) {
            case CONSTANT -> base;
            case EXPONENTIAL -> base * Math.pow(factor, epoch);
            case STEP -> base * Math.pow(factor, epoch / everyEpochs);
        };
    }

    /** ND4J's equivalent, counting epochs; {@code null} for a constant rate. */
    public ISchedule toNd4j(double base) {
        return switch (kind) {
            case CONSTANT -> null;
            case EXPONENTIAL -> new ExponentialSchedule(ScheduleType.EPOCH, base, factor);
            case STEP -> new StepSchedule(ScheduleType.EPOCH, base, factor, everyEpochs);
        };
    }
}
