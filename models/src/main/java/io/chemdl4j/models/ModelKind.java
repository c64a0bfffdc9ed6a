package io.chemdl4j.models;

import java.util.Locale;

import io.chemdl4j.moleculenet.TaskType;

/** The model architectures that can be chosen by name. */
public enum ModelKind {
    /** Fully connected multitask network on fingerprints ({@link MultitaskClassifier}, {@link MultitaskRegressor}). */
    MULTITASK;

    /** A fresh model of this kind for the given task type. */
    public MultitaskModel create(TaskType type, java.util.List<String> tasks, int featureCount, MultitaskConfig config) {
        return switch (this) {
            case MULTITASK -> type == TaskType.CLASSIFICATION
                    ? new MultitaskClassifier(tasks, featureCount, config)
                    : new MultitaskRegressor(tasks, featureCount, config);
        };
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
