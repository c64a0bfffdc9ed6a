package io.chemdl4j.models.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: with the pass's dropout on, each element is zeroed with probability {@code rate} and the
 * others scaled by {@code 1 / (1 - rate)}, masks drawn from the pass's seeded generator; otherwise the identity.
 */
public final class Dropout implements Layer {
    private final double rate;
    private INDArray mask;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        if (!pass.dropout() || rate == 0) {
            mask = null;
            return x;
        }
        double keep = 1 / (1 - rate);
        double[] m = new double[(int) x.length()];
        for (int i = 0; i < m.length; i++) {
            m[i] = pass.random().nextDouble() < rate ? 0 : keep;
        }
        mask = Matrices.matrix(m, (int) x.rows(), (int) x.columns(), x.dataType());
        return x.mul(mask);
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        return mask == null ? dy : dy.mul(mask);
    }
}
