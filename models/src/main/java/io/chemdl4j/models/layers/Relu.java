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
    /** The last forward pass's output: positive exactly where its input was, which is all backward needs. */
    private INDArray output;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        if (x.dataType() != DataType.FLOAT) {
            output = Transforms.relu(x, true);
            return output;
        }
        float[] v = FloatValues.of(x, 0);
        int n = (int) x.length();
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(v[i], 0f);
        }
        output = FloatValues.matrix(v, x.shape());
        return output;
    }

    /**
     * {@code max(x + addend, 0)}: a sum (a residual input, two products of one pre-activation) and the rectifier
     * in one pass over the values, where ND4J's native addition alone took as long as this whole loop. The
     * gradient with respect to {@code addend} is the one {@link #backward} returns for {@code x}.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public INDArray forwardSum(INDArray x, INDArray addend, Pass pass) {
        if (!java.util.Arrays.equals(x.shape(), addend.shape())) {
            throw new IllegalArgumentException("cannot add " + java.util.Arrays.toString(addend.shape()) + " to "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.dataType() != DataType.FLOAT) {
            return forward(x.add(addend), pass);
        }
        float[] v = FloatValues.of(x, 0);
        float[] a = FloatValues.of(addend, 1);
        int n = (int) x.length();
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(v[i] + a[i], 0f);
        }
        output = FloatValues.matrix(v, x.shape());
        return output;
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        if (dy.dataType() != DataType.FLOAT) {
            return dy.mul(Matrices.positive(output));
        }
        float[] y = FloatValues.of(output, 0);
        float[] g = FloatValues.of(dy, 1);
        int n = (int) dy.length();
        // y > 0 as a factor without a branch, so the loop vectorizes: min(1, max(0, y·2¹⁴⁹)) is 1 for every
        // positive float, the smallest subnormal (2⁻¹⁴⁹) included, and 0 for zero and below
        for (int i = 0; i < n; i++) {
            g[i] *= Math.min(1f, Math.max(0f, y[i] * 0x1p100f * 0x1p49f));
        }
        return FloatValues.matrix(g, dy.shape());
    }
}
