package io.chemdl4j.models;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Base of the per-label weighted losses: the weights travel in the labels array, never in DL4J's
 * label mask (DL4J multiplies the output layer's pre-activations and deltas by that mask, which is
 * right for 0/1 masks and wrong for weights). Subclasses compute score and gradient together on
 * logits; the per-batch arrays are small (batch × tasks), so they do it in plain Java. The toolkit's own
 * training step of multitask networks calls the same loss, so there is one definition of it.
 */
public abstract sealed class WeightedLoss implements ILossFunction permits TaskSoftmaxCrossEntropy, WeightedSquaredError {
    private static final long serialVersionUID = 1L;

    @Override
    public final double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                     boolean average) {
        double score = computeGradientAndScore(labels, preOutput, activationFn, mask, false).getFirst();
        return average ? score / preOutput.size(0) : score;
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
