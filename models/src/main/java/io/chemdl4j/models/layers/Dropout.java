package io.chemdl4j.models.layers;

import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: with the pass's dropout on, each element is zeroed with probability {@code rate} and the
 * others scaled by {@code 1 / (1 - rate)}, masks drawn from the pass's seeded generator; otherwise the identity.
 * Each element's decision takes 16 bits of the generator (four per draw; the rate is applied to 1/65,536), and in
 * single precision the mask and its product are Java loops: a message-passing batch drops a million values per
 * layer, and one draw per value with ND4J's multiplication had doubled the epoch.
 */
public final class Dropout implements Layer {
    private final double rate;
    /** Elements dropped: those whose 16-bit draw is below this. */
    private final int threshold;
    private float[] mask;
    private INDArray maskArray;

    /** Drops each element with probability {@code rate} (0 &le; rate &lt; 1) in training, scaling the rest by 1/(1 - rate). */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.threshold = (int) Math.round(rate * 65536);
        if (rate > 0 && threshold == 0) {
            throw new IllegalArgumentException("dropout below 1/65,536 is not resolved, got " + rate);
        }
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        maskArray = null;
        if (!pass.dropout() || rate == 0) {
            mask = null;
            return x;
        }
        int n = (int) x.length();
        double keep = 1 / (1 - rate);
        if (mask == null || mask.length != n) {
            mask = new float[n]; // kept for the next pass of the same size: a batch's mask is megabytes
        }
        draw(pass.random(), mask, (float) keep);
        if (x.dataType() != DataType.FLOAT) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = mask[i] == 0 ? 0 : keep;
            }
            maskArray = Matrices.matrix(values, (int) x.rows(), (int) x.columns(), x.dataType());
            return x.mul(maskArray);
        }
        return times(x, mask);
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        if (maskArray != null) {
            return dy.mul(maskArray);
        }
        return mask == null ? dy : times(dy, mask);
    }

    /**
     * Fills {@code m} with 0 or {@code keep}, four decisions per 64-bit draw, without a branch per value (a
     * value is dropped one time in ten: as branches, those mispredict).
     */
    private void draw(SplittableRandom random, float[] m, float keep) {
        int n = m.length;
        int last = threshold - 1;
        for (int i = 0; i < n; i += 4) {
            long bits = random.nextLong();
            int end = Math.min(4, n - i);
            for (int k = 0; k < end; k++) {
                int v = (int) (bits >>> (16 * k)) & 0xFFFF;
                m[i + k] = keep * ((last - v) >>> 31); // 1 where v >= threshold (kept), else 0
            }
        }
    }

    private static INDArray times(INDArray x, float[] m) {
        float[] v = FloatValues.of(x, 0);
        int n = m.length;
        for (int i = 0; i < n; i++) {
            v[i] *= m[i];
        }
        return FloatValues.matrix(v, x.shape());
    }
}
