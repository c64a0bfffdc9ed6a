package io.chemdl4j.models.multitask;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import io.chemdl4j.models.NdArrays;
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
                        MultiLayerNetwork network, List<EpochRecord> history) {
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
    double[][] decodeOutputs(INDArray outputs) {
        int classes = classes();
        int rows = (int) outputs.size(0);
        int width = (int) outputs.size(1);
        float[] z = NdArrays.toFloats(outputs);
        double[][] p = new double[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < width; g += classes) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, z[r * width + g + c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    p[r][g + c] = Math.exp(z[r * width + g + c] - max);
                    sum += p[r][g + c];
                }
                for (int c = 0; c < classes; c++) {
                    p[r][g + c] /= sum;
                }
            }
        }
        return p;
    }
}
