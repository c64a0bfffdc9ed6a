package io.chemdl4j.models.training;

/**
 * Which training molecules {@link Training} scores after each epoch for the training curve
 * ({@link TrainingCurve.Point#trainScore}). The model's own training and the epoch it keeps do not depend on it.
 */
public enum TrainScoring {
    /**
     * An evenly spaced sample of the training split as large as the validation split (the whole training split when
     * it is not larger): both curves are then equally precise, and scoring them costs two validation passes instead
     * of a forward pass over the whole training split, which for a graph network is about a third of an epoch's
     * training.
     */
    SAMPLE_AS_LARGE_AS_VALIDATION,
    /** Every molecule of the training split. */
    WHOLE_SPLIT
}
