package io.chemdl4j.models.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a hand-written network on a matrix of rows (atoms or molecules), with its backward pass.
 * A layer keeps what its backward pass needs from its last forward pass, so it serves one pass at a
 * time: not thread-safe (the owning model serializes passes).
 */
public interface Layer {
    /** The output for input rows {@code x}. */
    INDArray forward(INDArray x, Pass pass);

    /**
     * The gradient with respect to the last forward pass's input, given the gradient {@code dy} with respect
     * to its output; the gradients of the layer's parameters are put into {@code gradients} by name.
     */
    INDArray backward(INDArray dy, Map<String, INDArray> gradients);

    /** Trainable parameters by name (the live arrays), in a fixed order; empty for none. */
    default Map<String, INDArray> parameters() {
        return Map.of();
    }

    /** Arrays that are saved with the model but not trained (batch-normalization moving statistics). */
    default Map<String, INDArray> state() {
        return Map.of();
    }
}
