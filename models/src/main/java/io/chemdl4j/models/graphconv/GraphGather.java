package io.chemdl4j.models.graphconv;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;

/** DeepChem's graph gather: per molecule, {@code tanh} of the sum and of the maximum over its atoms, {@code [molecules × 2c]}. */
final class GraphGather extends GraphLayer {
    private int atomColumns;
    private int[] argmax;
    /** Whether the last forward pass recorded {@link #argmax} (not for predictions alone). */
    private boolean keptArgmax;
    private INDArray output;
    /** {@link #predictionForward}'s maxima of one molecule, reused batch after batch. */
    private float[] maxima;

    /**
     * Atom row by atom row (contiguous reads), each feature's sum and maximum over the molecule's atoms in the same
     * order as one feature at a time would be, in double precision. Single-precision outputs are the tangents of
     * those doubles rounded to float ({@link #roundedTanh}), as rounding {@code Math.tanh}'s would give.
     */
    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int c = (int) x.columns();
        atomColumns = c;
        boolean keep = pass.backward();
        keptArgmax = keep;
        if (keep) {
            argmax = reuse(argmax, batch.moleculeCount * c);
        }
        boolean single = x.dataType() == DataType.FLOAT;
        if (single && !keep) {
            output = predictionForward(x, c);
            return output;
        }
        int n = batch.moleculeCount * 2 * c;
        double[] in = Matrices.values(x, 0);
        double[] sums = Matrices.scratch(1, 2 * c); // the sums, then the maxima
        double[] wide = single ? null : Matrices.scratch(2, n);
        float[] narrow = single ? Matrices.floatScratch(0, n) : null;
        for (int m = 0; m < batch.moleculeCount; m++) {
            java.util.Arrays.fill(sums, 0, c, 0.0);
            java.util.Arrays.fill(sums, c, 2 * c, Double.NEGATIVE_INFINITY);
            if (keep) {
                java.util.Arrays.fill(argmax, m * c, m * c + c, -1);
            }
            for (int k = batch.moleculeStart[m]; k < batch.moleculeStart[m + 1]; k++) {
                int a = batch.moleculeAtoms[k];
                int row = a * c;
                for (int f = 0; f < c; f++) {
                    double v = in[row + f];
                    sums[f] += v;
                    if (keep && v > sums[c + f]) {
                        argmax[m * c + f] = a;
                    }
                    // strictly greater: a NaN never takes the maximum, and on a tie the earlier atom keeps it
                    sums[c + f] = v > sums[c + f] ? v : sums[c + f];
                }
            }
            int o = m * 2 * c;
            for (int f = 0; f < 2 * c; f++) {
                if (single) {
                    narrow[o + f] = roundedTanh(sums[f]);
                } else {
                    wide[o + f] = Math.tanh(sums[f]);
                }
            }
        }
        output = single ? Matrices.matrix(narrow, batch.moleculeCount, 2 * c)
                : Matrices.matrix(wide, batch.moleculeCount, 2 * c, x.dataType());
        return output;
    }

    /**
     * The forward pass in single precision when no backward pass follows: the same floats as {@link #forward}'s loop,
     * about three times faster (1.2 against 3.5 ns per value on one thread here, measured). The input is read as floats (widening to double is exact, so the sums are the
     * same doubles); the maxima are taken in single precision with {@code Math.max}, which vectorizes where the
     * comparison that records winners does not: the maximum of floats is the float of the doubles' maximum. The two
     * differ only where {@code Math.max} propagates a NaN, or where the maximum is a zero whose sign depends on
     * which atom holds it; such a feature's maximum is taken again with the forward loop's rule.
     */
    private INDArray predictionForward(INDArray x, int c) {
        float[] in = Matrices.floats(x, 0);
        float[] out = Matrices.floatScratch(1, batch.moleculeCount * 2 * c);
        double[] sums = Matrices.scratch(1, c);
        if (maxima == null || maxima.length < c) {
            maxima = new float[c];
        }
        float[] max = maxima;
        for (int m = 0; m < batch.moleculeCount; m++) {
            java.util.Arrays.fill(sums, 0, c, 0.0);
            java.util.Arrays.fill(max, 0, c, Float.NEGATIVE_INFINITY);
            int first = batch.moleculeStart[m];
            int end = batch.moleculeStart[m + 1];
            for (int k = first; k < end; k++) {
                int row = batch.moleculeAtoms[k] * c;
                for (int f = 0; f < c; f++) {
                    sums[f] += in[row + f];
                }
                for (int f = 0; f < c; f++) {
                    max[f] = Math.max(max[f], in[row + f]);
                }
            }
            int o = m * 2 * c;
            for (int f = 0; f < c; f++) {
                float mx = max[f];
                if (mx == 0f || mx != mx) { // a zero or a NaN: the forward loop's rule decides
                    mx = Float.NEGATIVE_INFINITY;
                    for (int k = first; k < end; k++) {
                        float v = in[batch.moleculeAtoms[k] * c + f];
                        mx = v > mx ? v : mx;
                    }
                }
                out[o + f] = roundedTanh(sums[f]);
                out[o + c + f] = roundedTanh(mx);
            }
        }
        return Matrices.matrix(out, batch.moleculeCount, 2 * c);
    }

    /** Relative error bound of {@link #approximateTanh}, with a margin: see {@link #roundedTanh}. */
    static final double APPROXIMATION_ERROR = 0x1p-40;

    /**
     * {@code (float) Math.tanh(x)}, the same float, about four times faster. {@code Math.tanh} is fdlibm's (JDK 17:
     * native, no intrinsic), about 45 ns a call here, and took two thirds of the gather's time in predictions. The
     * approximation {@link #approximateTanh} is within {@link #APPROXIMATION_ERROR} of the exact value, relatively,
     * and {@code Math.tanh} within an ulp (2⁻⁵²), so when both ends of that interval round to the same float, so does
     * {@code Math.tanh}'s result; otherwise (about one value in 30,000) that result is computed.
     */
    static float roundedTanh(double x) {
        double t = approximateTanh(x);
        float rounded = (float) t;
        double margin = Math.abs(t) * APPROXIMATION_ERROR;
        if ((float) (t - margin) == rounded && (float) (t + margin) == rounded) {
            return rounded;
        }
        return (float) Math.tanh(x);
    }

    /**
     * {@code tanh(x)} to within {@link #APPROXIMATION_ERROR} relatively (the test checks it against
     * {@code Math.tanh}): {@code (e − 1) / (e + 1)} with {@code e = exp(2|x|)} ({@code Math.exp}, within an ulp, an
     * intrinsic), whose cancellation loses at most a factor of {@code 1 / (2|x|)} ≤ 512 (about 2⁻⁴⁴ in all); below
     * {@code |x| = 2⁻¹⁰} the series {@code x − x³/3 + 2x⁵/15 − 17x⁷/315} (its next term is below 2⁻⁷⁴ relatively),
     * below 2⁻²⁸ {@code x} itself. NaN for NaN, ±1 for ±∞.
     */
    static double approximateTanh(double x) {
        double a = Math.abs(x);
        if (a < 0x1p-28) {
            return x; // tanh(x) = x(1 − x²/3 …): the same to 2⁻⁵⁶, and zero keeps its sign
        }
        if (a < 0x1p-10) {
            double x2 = x * x;
            return x + x * x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315)));
        }
        double e = Math.exp(2 * a);
        double t = e == Double.POSITIVE_INFINITY ? 1 : (e - 1) / (e + 1);
        return Math.copySign(t, x);
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        if (!keptArgmax) {
            throw new IllegalStateException("the last forward pass was for predictions alone and kept no maxima");
        }
        int c = atomColumns;
        double[] g = Matrices.values(dy, 0);
        double[] y = Matrices.values(output, 1); // tanh outputs as stored, for tanh' = 1 - y²
        double[] dx = Matrices.zeroedScratch(2, batch.atomCount * c);
        for (int m = 0; m < batch.moleculeCount; m++) {
            for (int f = 0; f < c; f++) {
                int s = m * 2 * c + f;
                int mx = m * 2 * c + c + f;
                double dSum = g[s] * (1 - y[s] * y[s]);
                double dMax = g[mx] * (1 - y[mx] * y[mx]);
                for (int k = batch.moleculeStart[m]; k < batch.moleculeStart[m + 1]; k++) {
                    dx[batch.moleculeAtoms[k] * c + f] += dSum;
                }
                dx[argmax[m * c + f] * c + f] += dMax;
            }
        }
        return Matrices.matrix(dx, batch.atomCount, c, dy.dataType());
    }
}
