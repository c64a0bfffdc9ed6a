package io.chemdl4j.models.multitask;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activations of a dense layer that the toolkit's own training step and forward pass compute themselves
 * ({@link SparseInputTrainer}, {@link SparseInputForward}), each as DL4J computes it to float rounding: the
 * function, and its derivative from the function's output (which the step keeps), as DL4J's backward pass takes it
 * from the layer's input. A network with any other activation trains and predicts through DL4J.
 */
enum HiddenActivation {
    /** {@code max(0, z)}: the toolkit's own networks. */
    RELU {
        @Override
        void apply(float[] row) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(row[j], 0f);
            }
        }

        @Override
        void backward(float[] output, float[] gradient, int n) {
            for (int i = 0; i < n; i++) {
                gradient[i] = output[i] > 0 ? gradient[i] : 0f;
            }
        }
    },
    /** {@code tanh(z)}, derivative {@code 1 - tanh²(z)}. */
    TANH {
        @Override
        void apply(float[] row) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) Math.tanh(row[j]);
            }
        }

        @Override
        void backward(float[] output, float[] gradient, int n) {
            for (int i = 0; i < n; i++) {
                gradient[i] *= 1f - output[i] * output[i];
            }
        }
    },
    /** {@code 1 / (1 + e^-z)}, derivative {@code σ(z)(1 - σ(z))}. */
    SIGMOID {
        @Override
        void apply(float[] row) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (1.0 / (1.0 + Math.exp(-row[j])));
            }
        }

        @Override
        void backward(float[] output, float[] gradient, int n) {
            for (int i = 0; i < n; i++) {
                gradient[i] *= output[i] * (1f - output[i]);
            }
        }
    },
    /** {@code z}: the output layer's, and a linear hidden layer's. */
    IDENTITY {
        @Override
        void apply(float[] row) {
        }

        @Override
        void backward(float[] output, float[] gradient, int n) {
        }
    };

    /** Applies the function to every value of {@code row} in place. */
    abstract void apply(float[] row);

    /**
     * Multiplies the first {@code n} values of {@code gradient} (at the layer's output) by the derivative at the
     * layer's outputs {@code output}, giving the gradient at the layer's input sums.
     */
    abstract void backward(float[] output, float[] gradient, int n);

    /**
     * The activation DL4J's {@code fn} computes, or {@code null} when it is none of these (a ReLU with a cap, a
     * threshold or a slope included).
     */
    static HiddenActivation of(IActivation fn) {
        if (fn instanceof ActivationReLU relu) {
            boolean plain = relu.getMax() == null && (relu.getThreshold() == null || relu.getThreshold() == 0.0)
                    && (relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0.0);
            return plain ? RELU : null;
        }
        if (fn instanceof ActivationTanH) {
            return TANH;
        }
        if (fn instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        return fn instanceof ActivationIdentity ? IDENTITY : null;
    }
}
