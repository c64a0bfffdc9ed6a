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

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int c = (int) x.columns();
        atomColumns = c;
        boolean keep = pass.backward();
        keptArgmax = keep;
        if (keep) {
            argmax = reuse(argmax, batch.moleculeCount * c);
        }
        if (x.dataType() == DataType.FLOAT) {
            output = forwardSingle(x, c, keep);
            return output;
        }
        double[] in = Matrices.values(x, 0);
        double[] out = Matrices.scratch(1, batch.moleculeCount * 2 * c);
        // Atom row by atom row (contiguous reads): each feature's sum and maximum run over the molecule's atoms in
        // the same order as one feature at a time would.
        for (int m = 0; m < batch.moleculeCount; m++) {
            int sums = m * 2 * c;
            int maxima = sums + c;
            java.util.Arrays.fill(out, sums, maxima, 0.0);
            java.util.Arrays.fill(out, maxima, maxima + c, Double.NEGATIVE_INFINITY);
            if (keep) {
                java.util.Arrays.fill(argmax, m * c, m * c + c, -1);
            }
            for (int k = batch.moleculeStart[m]; k < batch.moleculeStart[m + 1]; k++) {
                int a = batch.moleculeAtoms[k];
                int row = a * c;
                for (int f = 0; f < c; f++) {
                    double v = in[row + f];
                    out[sums + f] += v;
                    if (keep && v > out[maxima + f]) {
                        argmax[m * c + f] = a;
                    }
                    // strictly greater: a NaN never takes the maximum, and on a tie the earlier atom keeps it
                    out[maxima + f] = v > out[maxima + f] ? v : out[maxima + f];
                }
            }
            for (int f = sums; f < maxima + c; f++) {
                out[f] = Math.tanh(out[f]);
            }
        }
        output = Matrices.matrix(out, batch.moleculeCount, 2 * c, x.dataType());
        return output;
    }

    /**
     * {@link #forward} in single precision, reading and writing floats: the same values, since the sums run in double
     * precision over the same floats in the same order, the maxima compare the same values, and the hyperbolic
     * tangents are of the same doubles, each rounded to float once.
     */
    private INDArray forwardSingle(INDArray x, int c, boolean keep) {
        float[] in = Matrices.floats(x, 0);
        float[] out = Matrices.floatScratch(1, batch.moleculeCount * 2 * c);
        double[] sums = Matrices.scratch(0, c);
        for (int m = 0; m < batch.moleculeCount; m++) {
            int maxima = m * 2 * c + c;
            java.util.Arrays.fill(sums, 0, c, 0.0);
            java.util.Arrays.fill(out, maxima, maxima + c, Float.NEGATIVE_INFINITY);
            if (keep) {
                java.util.Arrays.fill(argmax, m * c, m * c + c, -1);
            }
            for (int k = batch.moleculeStart[m]; k < batch.moleculeStart[m + 1]; k++) {
                int a = batch.moleculeAtoms[k];
                int row = a * c;
                for (int f = 0; f < c; f++) {
                    float v = in[row + f];
                    sums[f] += v;
                    if (keep && v > out[maxima + f]) {
                        argmax[m * c + f] = a;
                    }
                    out[maxima + f] = v > out[maxima + f] ? v : out[maxima + f];
                }
            }
            for (int f = 0; f < c; f++) {
                out[maxima - c + f] = (float) Math.tanh(sums[f]);
                out[maxima + f] = (float) Math.tanh(out[maxima + f]);
            }
        }
        return Matrices.matrix(out, batch.moleculeCount, 2 * c);
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
