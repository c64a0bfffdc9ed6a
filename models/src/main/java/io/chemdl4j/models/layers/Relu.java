package io.chemdl4j.models.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code max(x, 0)}, element-wise. */
public final class Relu implements Layer {
    private INDArray input;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        return x.mul(Matrices.positive(x));
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        return dy.mul(Matrices.positive(input));
    }
}
