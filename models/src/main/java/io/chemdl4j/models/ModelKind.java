package io.chemdl4j.models;

import java.util.Locale;

import io.chemdl4j.moleculenet.TaskType;

/** The model architectures that can be chosen by name. */
public enum ModelKind {
    /** Fully connected multitask network on fingerprints ({@link MultitaskClassifier}, {@link MultitaskRegressor}). */
    MULTITASK,
    /** DeepChem's graph convolution network on molecular graphs ({@link GraphConvModel}). */
    GRAPHCONV,
    /** A random forest per task on fingerprints ({@link RandomForestModel}): the baseline. */
    RANDOM_FOREST;

    /** A fresh fingerprint model for the given task type (the {@link #MULTITASK} kind). */
    public static MultitaskModel multitask(TaskType type, java.util.List<String> tasks, int featureCount,
                                           MultitaskConfig config) {
        return type == TaskType.CLASSIFICATION
                ? new MultitaskClassifier(tasks, featureCount, config)
                : new MultitaskRegressor(tasks, featureCount, config);
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
