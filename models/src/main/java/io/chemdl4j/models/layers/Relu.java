package io.chemdl4j.models.layers;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code max(x, 0)}, element-wise. In single precision both passes are one loop over the values: ND4J
 * 1.0.0-M2.1's native ReLU and its gradient take about 10 ns per value on one thread here, ten times a
 * native product, and dominated a message-passing epoch.
 */
public final class Relu implements Layer {
    private INDArray input;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        if (x.dataType() != DataType.FLOAT) {
            return Transforms.relu(x, true);
        }
        float[] v = FloatValues.of(x, 0);
        int n = (int) x.length();
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(v[i], 0f);
        }
        return FloatValues.matrix(v, x.shape());
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        if (dy.dataType() != DataType.FLOAT) {
            return dy.mul(Matrices.positive(input));
        }
        float[] x = FloatValues.of(input, 0);
        float[] g = FloatValues.of(dy, 1);
        int n = (int) dy.length();
        // x > 0 as a factor without a branch, so the loop vectorizes: min(1, max(0, x·2¹²⁶)) is 1 for every
        // positive normal float (and infinity), 0 for zero and below
        for (int i = 0; i < n; i++) {
            g[i] *= Math.min(1f, Math.max(0f, x[i] * 0x1p126f));
        }
        return FloatValues.matrix(g, dy.shape());
    }
}
