package io.chemdl4j.models;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.TaskOutputLoss;

/**
 * The toolkit's weighted loss ({@link TaskOutputLoss}, the one the hand-written networks use) as a DL4J loss
 * function, for the multitask networks: the weights travel in the labels array, never in DL4J's label mask (DL4J
 * multiplies the output layer's pre-activations and deltas by that mask, which is right for 0/1 masks and wrong
 * for weights). A subclass reads its label layout into per-task labels and weights; a mask, if DL4J gives one, is
 * treated as DL4J treats 0/1 masks (a masked column counts for nothing). The toolkit's own training step of
 * multitask networks calls the same loss, so there is one definition of it.
 */
public abstract sealed class WeightedLoss implements ILossFunction permits TaskSoftmaxCrossEntropy, WeightedSquaredError {
    private static final long serialVersionUID = 1L;

    /** Output columns per task. */
    abstract int outputsPerTask();

    /** The loss for {@code tasks} tasks. */
    abstract TaskOutputLoss loss(int tasks);

    /**
     * Reads a batch's labels array (and DL4J's 0/1 mask over the outputs, or {@code null}) into per-task labels
     * {@code y} and weights {@code w}, {@code rows × tasks} row-major.
     *
     * @throws IllegalArgumentException if the labels are not of this loss's layout
     */
    abstract void decode(float[] labels, long[] labelShape, float[] mask, int rows, int tasks, double[] y, double[] w);

    @Override
    public final Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                                IActivation activationFn, INDArray mask,
                                                                boolean average) {
        requireIdentity(activationFn);
        int rows = (int) preOutput.size(0);
        int columns = (int) preOutput.size(1);
        TaskOutputLoss.Result result = evaluate(labels, preOutput, mask, rows, columns);
        double score = average && rows > 0 ? result.loss() / rows : result.loss();
        float[] gradient = new float[result.dOutputs().length];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) result.dOutputs()[i];
        }
        return new Pair<>(score, Matrices.matrix(gradient, rows, columns).castTo(preOutput.dataType()));
    }

    @Override
    public final INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                            INDArray mask) {
        requireIdentity(activationFn);
        int rows = (int) preOutput.size(0);
        int columns = (int) preOutput.size(1);
        double[] perExample = new double[rows];
        for (int r = 0; r < rows; r++) {
            INDArray row = preOutput.getRow(r, true);
            perExample[r] = evaluate(labels.getRow(r, true), row, mask == null ? null : mask.getRow(r, true), 1,
                    columns).loss();
        }
        return Nd4j.createFromArray(perExample).reshape(rows, 1).castTo(preOutput.dataType());
    }

    private TaskOutputLoss.Result evaluate(INDArray labels, INDArray preOutput, INDArray mask, int rows, int columns) {
        int perTask = outputsPerTask();
        if (columns % perTask != 0 || labels.size(0) != rows) {
            throw new IllegalArgumentException(name() + " needs " + perTask + " outputs per task and a label row per "
                    + "output row: outputs " + java.util.Arrays.toString(preOutput.shape()) + ", labels "
                    + java.util.Arrays.toString(labels.shape()));
        }
        int tasks = columns / perTask;
        float[] maskValues = mask == null ? null : NdArrays.toFloats(mask);
        if (maskValues != null && maskValues.length != rows * columns) {
            throw new IllegalArgumentException("the mask must have one entry per output column");
        }
        double[] y = new double[rows * tasks];
        double[] w = new double[rows * tasks];
        decode(NdArrays.toFloats(labels), labels.shape(), maskValues, rows, tasks, y, w);
        return loss(tasks).evaluate(Matrices.values(preOutput), rows, y, w, false);
    }

    @Override
    public final double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                     boolean average) {
        return computeGradientAndScore(labels, preOutput, activationFn, mask, average).getFirst();
    }

    @Override
    public final INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
                                          INDArray mask) {
        return computeGradientAndScore(labels, preOutput, activationFn, mask, false).getSecond();
    }

    /** These losses work on logits: the output layer must not apply an activation of its own. */
    void requireIdentity(IActivation activationFn) {
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalStateException(name() + " works on raw outputs: the output activation must be the "
                    + "identity, not " + activationFn);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return name() + "()";
    }
}
