package io.chemdl4j.models.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code y = x W + b}, with Glorot-uniform weights and zero biases, named {@code <name>_W} and {@code <name>_b}. */
public final class Dense implements Layer {
    private final String name;
    private final INDArray weights;
    private final INDArray bias;
    private INDArray input;

    /** Draws the weights from {@code init}. */
    public Dense(String name, int in, int out, Random init, DataType dtype) {
        this.name = name;
        this.weights = Matrices.glorotUniform(init, in, out, dtype);
        this.bias = Nd4j.zeros(dtype, 1, out);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        return x.mmul(weights).addiRowVector(bias);
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        gradients.put(name + "_W", input.transpose().mmul(dy));
        gradients.put(name + "_b", dy.sum(true, 0));
        return dy.mmul(weights.transpose());
    }

    @Override
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put(name + "_W", weights);
        p.put(name + "_b", bias);
        return p;
    }
}
