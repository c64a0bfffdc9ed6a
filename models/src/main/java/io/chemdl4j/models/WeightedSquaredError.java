package io.chemdl4j.models;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireIdentity(activationFn);
        Batch b = new Batch(labels, preOutput, mask);
        double[] perExample = new double[b.rows];
        for (int r = 0; r < b.rows; r++) {
            for (int t = 0; t < b.outputs; t++) {
                perExample[r] += b.loss(r, t);
            }
        }
        return Nd4j.createFromArray(perExample).reshape(b.rows, 1).castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        requireIdentity(activationFn);
        Batch b = new Batch(labels, preOutput, mask);
        float[] grad = new float[b.rows * b.outputs];
        double score = 0;
        for (int r = 0; r < b.rows; r++) {
            for (int t = 0; t < b.outputs; t++) {
                score += b.loss(r, t);
                int i = r * b.outputs + t;
                grad[i] = (float) (2 * b.weight(r, t) * (b.z[i] - b.value(r, t)));
            }
        }
        if (average) {
            score /= b.rows;
        }
        return new Pair<>(score, Nd4j.create(grad, new long[] {b.rows, b.outputs}, 'c').castTo(preOutput.dataType()));
    }

    @Override
    public String name() {
        return "WeightedSquaredError";
    }

    /** One batch's outputs and [values | weights] labels as flat Java arrays. */
    private static final class Batch {
        final int rows;
        final int outputs;
        final float[] z;
        final float[] labels;
        final float[] mask;

        Batch(INDArray labelsArray, INDArray preOutput, INDArray maskArray) {
            rows = (int) preOutput.size(0);
            outputs = (int) preOutput.size(1);
            if (labelsArray.size(0) != rows || labelsArray.size(1) != 2L * outputs) {
                throw new IllegalArgumentException("labels must hold values then weights: " + rows + "x" + 2 * outputs
                        + " expected, got " + java.util.Arrays.toString(labelsArray.shape()));
            }
            z = NdArrays.toFloats(preOutput);
            labels = NdArrays.toFloats(labelsArray);
            mask = maskArray == null ? null : NdArrays.toFloats(maskArray);
        }

        double value(int r, int t) {
            return labels[r * 2 * outputs + t];
        }

        double weight(int r, int t) {
            double w = labels[r * 2 * outputs + outputs + t];
            return mask == null ? w : w * mask[r * outputs + t];
        }

        double loss(int r, int t) {
            double w = weight(r, t);
            if (w == 0) {
                return 0;
            }
            double d = z[r * outputs + t] - value(r, t);
            return w * d * d;
        }
    }
}
