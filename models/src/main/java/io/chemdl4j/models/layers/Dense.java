package io.chemdl4j.models.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code y = x W + b}, with Glorot-uniform weights and zero biases, named {@code <name>_W} and {@code <name>_b};
 * or {@code y = x W} without a bias. A layer applied more than once per pass with the same weights (message
 * passing) is one instance per application, made by {@link #sharingWeights()}; their gradients add up.
 */
public final class Dense implements Layer {
    private final String name;
    private final INDArray weights;
    private final INDArray bias;
    private final boolean inputGradient;
    private INDArray input;

    /** Draws the weights from {@code init}; with a bias. */
    public Dense(String name, int in, int out, Random init, DataType dtype) {
        this(name, in, out, true, init, dtype);
    }

    /** Draws the weights from {@code init}; with a bias or without. */
    public Dense(String name, int in, int out, boolean withBias, Random init, DataType dtype) {
        this(name, Matrices.glorotUniform(init, in, out, dtype), withBias ? Nd4j.zeros(dtype, 1, out) : null);
    }

    /**
     * Chemprop's initialisation (PyTorch's {@code xavier_normal_} weights, zero bias) of the {@code in × out} block of
     * a layer whose whole input is {@code fanIn} wide.
     */
    public static Dense glorotNormal(String name, int in, int out, int fanIn, boolean withBias, Random init,
                                     DataType dtype) {
        return new Dense(name, Matrices.glorotNormal(init, in, out, fanIn, dtype),
                withBias ? Nd4j.zeros(dtype, 1, out) : null);
    }

    private Dense(String name, INDArray weights, INDArray bias, boolean inputGradient) {
        this.name = name;
        this.weights = weights;
        this.bias = bias;
        this.inputGradient = inputGradient;
    }

    private Dense(String name, INDArray weights, INDArray bias) {
        this(name, weights, bias, true);
    }

    /** Another application of these very weights, with its own record of its input. */
    public Dense sharingWeights() {
        return new Dense(name, weights, bias, inputGradient);
    }

    /**
     * This layer reading the network's input (features, whose gradient nobody needs): its backward pass
     * computes the parameters' gradients only and returns {@code null}, one matrix product fewer.
     */
    public Dense onInput() {
        return new Dense(name, weights, bias, false);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        INDArray y = Matrices.product(x, false, weights, false);
        return bias == null ? y : Matrices.addRowVector(y, bias);
    }

    /**
     * Adds to a gradient already in {@code gradients} under the same name (shared weights); returns
     * {@code null} for a layer {@link #onInput() on the input}.
     */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        gradients.merge(name + "_W", Matrices.product(input, true, dy, false), INDArray::addi);
        if (bias != null) {
            gradients.merge(name + "_b", dy.sum(true, 0), INDArray::addi);
        }
        return inputGradient ? Matrices.product(dy, false, weights, true) : null;
    }

    @Override
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put(name + "_W", weights);
        if (bias != null) {
            p.put(name + "_b", bias);
        }
        return p;
    }
}
