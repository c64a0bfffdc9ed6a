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
        double[] in = Matrices.values(x, 0);
        double[] out = Matrices.scratch(1, batch.atomCount * c);
        argmax = reuse(argmax, batch.atomCount * c);
        // Row by row (the neighbours in the same order, so the same winners): contiguous reads, not one column at a
        // time across the neighbours.
        for (int i = 0; i < batch.atomCount; i++) {
            int row = i * c;
            System.arraycopy(in, row, out, row, c);
            java.util.Arrays.fill(argmax, row, row + c, i);
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int j = batch.neighbours[k];
                int other = j * c;
                for (int f = 0; f < c; f++) {
                    if (in[other + f] > out[row + f]) {
                        out[row + f] = in[other + f];
                        argmax[row + f] = j;
                    }
                }
            }
        }
        return Matrices.matrix(out, batch.atomCount, c, x.dataType());
    }

    /** The gradient goes to the atom that won each maximum. */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        int c = (int) dy.columns();
        double[] g = Matrices.values(dy, 0);
        double[] dx = Matrices.zeroedScratch(1, batch.atomCount * c);
        for (int i = 0; i < batch.atomCount; i++) {
            for (int f = 0; f < c; f++) {
                dx[argmax[i * c + f] * c + f] += g[i * c + f];
            }
        }
        return Matrices.matrix(dx, batch.atomCount, c, dy.dataType());
    }
}
