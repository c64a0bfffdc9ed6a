package io.chemdl4j.models.graphconv;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;

/**
 * DeepChem's graph pool: each atom's features become the maxima over the atom and its neighbours. The forward pass
 * only takes maxima (a branch-free loop); the backward pass finds each maximum's winner again from the pass's input
 * and output, row by row: the first of the atom and then its neighbours, in order, that holds the maximum.
 */
final class GraphMaxPool extends GraphLayer {
    private INDArray input;
    private INDArray output;
    /** Each feature's winning atom while one row of the backward pass is worked out. */
    private int[] winners;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int c = (int) x.columns();
        double[] in = Matrices.values(x, 0);
        double[] out = Matrices.scratch(1, batch.atomCount * c);
        // Row by row: contiguous reads, not one column at a time across the neighbours.
        for (int i = 0; i < batch.atomCount; i++) {
            int row = i * c;
            System.arraycopy(in, row, out, row, c);
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int other = batch.neighbours[k] * c;
                for (int f = 0; f < c; f++) {
                    out[row + f] = Math.max(out[row + f], in[other + f]);
                }
            }
        }
        input = x;
        output = Matrices.matrix(out, batch.atomCount, c, x.dataType());
        return output;
    }

    /**
     * The gradient goes to the atom that won each maximum, found again row by row as the forward pass read: the atom
     * itself where it holds the maximum, else the first neighbour, in order, that does.
     */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        int c = (int) dy.columns();
        int n = batch.atomCount * c;
        double[] g = Matrices.values(dy, 0);
        double[] in = Matrices.values(input, 1);
        double[] out = Matrices.values(output, 2);
        double[] dx = new double[n];
        winners = reuse(winners, c);
        int[] winner = winners;
        for (int i = 0; i < batch.atomCount; i++) {
            int row = i * c;
            for (int f = 0; f < c; f++) {
                winner[f] = in[row + f] == out[row + f] ? i : -1;
            }
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int atom = batch.neighbours[k];
                int other = atom * c;
                for (int f = 0; f < c; f++) {
                    if (winner[f] < 0 && in[other + f] == out[row + f]) {
                        winner[f] = atom;
                    }
                }
            }
            for (int f = 0; f < c; f++) {
                int w = winner[f] < 0 ? i : winner[f]; // no holder only when a value is NaN: the atom takes it
                dx[w * c + f] += g[row + f];
            }
        }
        return Matrices.matrix(dx, batch.atomCount, c, dy.dataType());
    }
}
