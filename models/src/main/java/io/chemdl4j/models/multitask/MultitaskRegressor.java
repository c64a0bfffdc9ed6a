package io.chemdl4j.models.multitask;

import java.util.List;

import org.nd4j.linalg.lossfunctions.ILossFunction;

import io.chemdl4j.models.WeightedSquaredError;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Multitask regressor: one linear output per task trained with {@link WeightedSquaredError}
 * (DeepChem's {@code L2Loss} weighted by {@code w}).
 */
public final class MultitaskRegressor extends MultitaskModel {
    public static final String TYPE_ID = "multitask_regressor";

    /** A new, untrained network for the values of {@code tasks} on {@code featureCount} features. */
    public MultitaskRegressor(List<String> tasks, int featureCount, MultitaskConfig config) {
        super(tasks, featureCount, config);
    }

    MultitaskRegressor(List<String> tasks, int featureCount, MultitaskConfig config, Restored network,
                       List<EpochRecord> history) {
        super(tasks, featureCount, config, network, history);
    }

    @Override
    int outputsPerTask() {
        return 1;
    }

    @Override
    int labelColumnsPerTask() {
        return 2;
    }

    @Override
    ILossFunction lossFunction() {
        return new WeightedSquaredError();
    }

    @Override
    public TaskType taskType() {
        return TaskType.REGRESSION;
    }

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    void encodeLabels(float[] y, float[] w, int rows, float[] labelsOut) {
        // [values | weights] per row: see WeightedSquaredError
        int tasks = y.length / Math.max(rows, 1);
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < tasks; t++) {
                labelsOut[r * 2 * tasks + t] = w[r * tasks + t] == 0 ? 0f : y[r * tasks + t];
                labelsOut[r * 2 * tasks + tasks + t] = w[r * tasks + t];
            }
        }
    }

    @Override
    double[][] decodeOutputs(float[] outputs, int rows, int width) {
        double[][] values = new double[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                values[r][c] = outputs[r * width + c];
            }
        }
        return values;
    }
}
