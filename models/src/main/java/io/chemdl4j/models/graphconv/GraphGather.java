package io.chemdl4j.models.graphconv;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;

/** DeepChem's graph gather: per molecule, {@code tanh} of the sum and of the maximum over its atoms, {@code [molecules × 2c]}. */
final class GraphGather extends GraphLayer {
    private int atomColumns;
    private int[] argmax;
    private INDArray output;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int c = (int) x.columns();
        atomColumns = c;
        double[] in = Matrices.values(x, 0);
        double[] out = Matrices.scratch(1, batch.moleculeCount * 2 * c);
        argmax = reuse(argmax, batch.moleculeCount * c);
        for (int m = 0; m < batch.moleculeCount; m++) {
            for (int f = 0; f < c; f++) {
                double sum = 0;
                double best = Double.NEGATIVE_INFINITY;
                int winner = -1;
                for (int k = batch.moleculeStart[m]; k < batch.moleculeStart[m + 1]; k++) {
                    int a = batch.moleculeAtoms[k];
                    double v = in[a * c + f];
                    sum += v;
                    if (v > best) {
                        best = v;
                        winner = a;
                    }
                }
                out[m * 2 * c + f] = Math.tanh(sum);
                out[m * 2 * c + c + f] = Math.tanh(best);
                argmax[m * c + f] = winner;
            }
        }
        output = Matrices.matrix(out, batch.moleculeCount, 2 * c, x.dataType());
        return output;
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
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
