package io.chemdl4j.models.multitask;

import java.util.List;

import org.nd4j.linalg.lossfunctions.ILossFunction;

import io.chemdl4j.models.layers.TaskOutputLoss;
import io.chemdl4j.models.TaskSoftmaxCrossEntropy;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Multitask multiclass classifier (DeepChem's {@code MultitaskClassifier} with {@code n_classes = K}): a
 * K-class softmax per task trained with {@link TaskSoftmaxCrossEntropy}; predictions are the K class
 * probabilities of each task in turn.
 */
public final class MultitaskMulticlass extends MultitaskModel {
    public static final String TYPE_ID = "multitask_multiclass";

    /** A new, untrained network for labels 0..{@code classes}-1. */
    public MultitaskMulticlass(List<String> tasks, int featureCount, MultitaskConfig config, int classes) {
        this(tasks, featureCount, config, classes, null, List.of());
    }

    MultitaskMulticlass(List<String> tasks, int featureCount, MultitaskConfig config, int classes,
                        Restored network, List<EpochRecord> history) {
        super(tasks, featureCount, config, classes, network, history);
        if (classes < 2) {
            throw new IllegalArgumentException("a multiclass model needs at least 2 classes, got " + classes);
        }
    }

    @Override
    int outputsPerTask() {
        return classes();
    }

    @Override
    int labelColumnsPerTask() {
        return classes();
    }

    @Override
    ILossFunction lossFunction() {
        return new TaskSoftmaxCrossEntropy(classes());
    }

    @Override
    public TaskType taskType() {
        return TaskType.MULTICLASS;
    }

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    void encodeLabels(float[] y, float[] w, int rows, float[] labelsOut) {
        int classes = classes();
        // weighted one-hot targets: see TaskSoftmaxCrossEntropy
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            float label = y[i];
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                throw new IllegalArgumentException("multiclass labels must be classes 0.." + (classes - 1)
                        + ", found " + label);
            }
            labelsOut[classes * i + (int) label] = w[i];
        }
    }

    @Override
    double[][] decodeOutputs(float[] outputs, int rows, int width) {
        int classes = classes();
        double[] z = new double[width]; // one molecule's logits, widened (exactly) for the softmax
        double[][] p = new double[rows][];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                z[i] = outputs[r * width + i];
            }
            p[r] = new double[width];
            for (int g = 0; g < width; g += classes) {
                TaskOutputLoss.softmax(z, g, classes, p[r]);
            }
        }
        return p;
    }
}
