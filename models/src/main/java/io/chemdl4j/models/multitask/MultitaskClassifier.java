package io.chemdl4j.models.multitask;

import java.util.List;

import org.nd4j.linalg.lossfunctions.ILossFunction;

import io.chemdl4j.models.TaskSoftmaxCrossEntropy;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Multitask binary classifier: a two-class softmax per task trained with
 * {@link TaskSoftmaxCrossEntropy}; predictions are the probabilities of class 1.
 */
public final class MultitaskClassifier extends MultitaskModel {
    public static final String TYPE_ID = "multitask_classifier";

    /** A new, untrained network for binary labels of {@code tasks} on {@code featureCount} features. */
    public MultitaskClassifier(List<String> tasks, int featureCount, MultitaskConfig config) {
        super(tasks, featureCount, config);
    }

    MultitaskClassifier(List<String> tasks, int featureCount, MultitaskConfig config, Restored network,
                        List<EpochRecord> history) {
        super(tasks, featureCount, config, network, history);
    }

    @Override
    int outputsPerTask() {
        return 2;
    }

    @Override
    int labelColumnsPerTask() {
        return 2;
    }

    @Override
    ILossFunction lossFunction() {
        return new TaskSoftmaxCrossEntropy();
    }

    @Override
    public TaskType taskType() {
        return TaskType.CLASSIFICATION;
    }

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    void encodeLabels(float[] y, float[] w, int rows, float[] labelsOut) {
        // weighted one-hot targets (w (1 - y), w y): see TaskSoftmaxCrossEntropy
        for (int i = 0; i < y.length; i++) {
            float label = y[i];
            if (w[i] != 0 && label != 0f && label != 1f) {
                throw new IllegalArgumentException("classification labels must be 0 or 1, found " + label);
            }
            labelsOut[2 * i] = w[i] == 0 ? 0f : w[i] * (1f - label);
            labelsOut[2 * i + 1] = w[i] == 0 ? 0f : w[i] * label;
        }
    }

    @Override
    double[][] decodeOutputs(float[] z, int rows, int width) {
        int tasks = width / 2;
        double[][] p = new double[rows][tasks];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < tasks; t++) {
                int i = r * 2 * tasks + 2 * t;
                p[r][t] = io.chemdl4j.models.layers.TaskOutputLoss.sigmoid(z[i + 1] - z[i]);
            }
        }
        return p;
    }
}
