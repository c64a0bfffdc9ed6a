package io.chemdl4j.models.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y = S x} for a sparse matrix {@code S} bound to the current batch ({@link SparseRows}): gathering rows,
 * summing messages along a graph, pooling atoms into molecules. The gradient is {@code Sᵀ dy}. No parameters.
 */
public final class Aggregation implements Layer {
    private SparseRows map;

    /** The matrix the next forward and backward pass apply. */
    public Aggregation bind(SparseRows matrix) {
        this.map = matrix;
        return this;
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        return map.apply(x);
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        return map.transpose().apply(dy);
    }
}
