package io.chemdl4j.models;

import io.chemdl4j.models.layers.TaskOutputLoss;

/**
 * Multitask squared error weighted per label (DeepChem's {@code L2Loss} times {@code w}): for
 * {@code T} outputs the labels have {@code 2T} columns, the target values then their weights, and the
 * loss of a molecule is {@code sum_t w_t (z_t - y_t)^2}. A label of weight 0 contributes nothing,
 * whatever its value.
 *
 * <p>The weights travel in the labels, not in DL4J's label mask, because DL4J also multiplies the
 * output layer's pre-activations and deltas by the mask. The output activation must be the identity.
 *
 * <p>Its fully qualified name is written into the DL4J configuration of format-1 model files, so it
 * stays in this package: moving it would stop those files from loading ({@code GoldenModelTest}).
 */
public final class WeightedSquaredError extends WeightedLoss {
    private static final long serialVersionUID = 1L;

    @Override
    int outputsPerTask() {
        return 1;
    }

    @Override
    TaskOutputLoss loss(int tasks) {
        return new TaskOutputLoss(false, tasks);
    }

    /** Labels hold the values, then the weights; a masked output's weight is 0. */
    @Override
    void decode(float[] labels, long[] labelShape, float[] mask, int rows, int tasks, double[] y, double[] w) {
        if (labelShape.length != 2 || labelShape[1] != 2L * tasks) {
            throw new IllegalArgumentException("labels must hold values then weights: " + rows + "x" + 2 * tasks
                    + " expected, got " + java.util.Arrays.toString(labelShape));
        }
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < tasks; t++) {
                y[r * tasks + t] = labels[r * 2 * tasks + t];
                w[r * tasks + t] = labels[r * 2 * tasks + tasks + t] * (mask == null ? 1f : mask[r * tasks + t]);
            }
        }
    }

    @Override
    public String name() {
        return "WeightedSquaredError";
    }
}
