package io.chemdl4j.models.graphconv;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;

/** DeepChem's graph pool: each atom's features become the maxima over the atom and its neighbours. */
final class GraphMaxPool extends GraphLayer {
    private int[] argmax;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int c = (int) x.columns();
        double[] in = Matrices.values(x);
        double[] out = new double[in.length];
        argmax = new int[batch.atomCount * c];
        for (int i = 0; i < batch.atomCount; i++) {
            for (int f = 0; f < c; f++) {
                double best = in[i * c + f];
                int winner = i;
                for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                    int j = batch.neighbours[k];
                    if (in[j * c + f] > best) {
                        best = in[j * c + f];
                        winner = j;
                    }
                }
                out[i * c + f] = best;
                argmax[i * c + f] = winner;
            }
        }
        return Matrices.matrix(out, batch.atomCount, c, x.dataType());
    }

    /** The gradient goes to the atom that won each maximum. */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        int c = (int) dy.columns();
        double[] g = Matrices.values(dy);
        double[] dx = new double[g.length];
        for (int i = 0; i < batch.atomCount; i++) {
            for (int f = 0; f < c; f++) {
                dx[argmax[i * c + f] * c + f] += g[i * c + f];
            }
        }
        return Matrices.matrix(dx, batch.atomCount, c, dy.dataType());
    }
}
