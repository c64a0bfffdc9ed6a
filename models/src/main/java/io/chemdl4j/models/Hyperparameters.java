package io.chemdl4j.models;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.models.training.LearningRateSchedule;

/**
 * Hyperparameters that several model kinds share, each {@code null} where it is not set: what the
 * command line's network options and a hyperparameter search point override in a kind's
 * {@link ModelConfig} ({@link ModelConfig#with}). A kind that lacks one that is set refuses it by name.
 *
 * @param layerSizes   hidden layer widths (multitask network) or graph convolution widths (graphconv)
 * @param dropout      dropout probability
 * @param learningRate initial learning rate
 * @param weightDecay  L2 penalty on the weights
 * @param batchSize    molecules per gradient step
 * @param schedule     how the learning rate changes over the epochs
 * @param head         what a regression network predicts per task (a value, or a distribution with its spread)
 */
public record Hyperparameters(List<Integer> layerSizes, Double dropout, Double learningRate, Double weightDecay,
                              Integer batchSize, LearningRateSchedule schedule, RegressionHead head) {
    public Hyperparameters {
        layerSizes = layerSizes == null ? null : List.copyOf(layerSizes);
    }

    /** Nothing set. */
    public static Hyperparameters none() {
        return new Hyperparameters(null, null, null, null, null, null, null);
    }

    /** The names of the hyperparameters set, as the command line spells them. */
    public List<String> setNames() {
        List<String> names = new ArrayList<>();
        if (layerSizes != null) {
            names.add("layers");
        }
        if (dropout != null) {
            names.add("dropout");
        }
        if (learningRate != null) {
            names.add("learning-rate");
        }
        if (weightDecay != null) {
            names.add("weight-decay");
        }
        if (batchSize != null) {
            names.add("batch-size");
        }
        if (schedule != null) {
            names.add("lr-decay");
        }
        if (head != null) {
            names.add("head");
        }
        return names;
    }

    /**
     * Refuses the hyperparameters set here that are not among {@code supported} (names as
     * {@link #setNames()} spells them), naming them and {@code kind}.
     */
    public void requireOnly(String kind, List<String> supported) {
        List<String> unsupported = setNames().stream().filter(n -> !supported.contains(n)).toList();
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("the " + kind + " model has no hyperparameter "
                    + String.join(", ", unsupported) + "; it takes " + (supported.isEmpty() ? "none" : supported));
        }
    }

    /** Shared hyperparameters, the regression head the kind's own. */
    public Hyperparameters(List<Integer> layerSizes, Double dropout, Double learningRate, Double weightDecay,
                           Integer batchSize, LearningRateSchedule schedule) {
        this(layerSizes, dropout, learningRate, weightDecay, batchSize, schedule, null);
    }

    /** With hidden layer sizes {@code v} (null: the kind's own). */
    public Hyperparameters withLayerSizes(List<Integer> v) {
        return new Hyperparameters(v, dropout, learningRate, weightDecay, batchSize, schedule, head);
    }

    /** With dropout {@code v} (null: the kind's own). */
    public Hyperparameters withDropout(Double v) {
        return new Hyperparameters(layerSizes, v, learningRate, weightDecay, batchSize, schedule, head);
    }

    /** With learning rate {@code v} (null: the kind's own). */
    public Hyperparameters withLearningRate(Double v) {
        return new Hyperparameters(layerSizes, dropout, v, weightDecay, batchSize, schedule, head);
    }

    /** With weight decay {@code v} (null: the kind's own). */
    public Hyperparameters withWeightDecay(Double v) {
        return new Hyperparameters(layerSizes, dropout, learningRate, v, batchSize, schedule, head);
    }

    /** With batch size {@code v} (null: the kind's own). */
    public Hyperparameters withBatchSize(Integer v) {
        return new Hyperparameters(layerSizes, dropout, learningRate, weightDecay, v, schedule, head);
    }

    /** With regression head {@code v} ({@code null}: the kind's own). */
    public Hyperparameters withHead(RegressionHead v) {
        return new Hyperparameters(layerSizes, dropout, learningRate, weightDecay, batchSize, schedule, v);
    }

    /** With learning-rate schedule {@code v} (null: the kind's own). */
    public Hyperparameters withSchedule(LearningRateSchedule v) {
        return new Hyperparameters(layerSizes, dropout, learningRate, weightDecay, batchSize, v, head);
    }
}
