package io.chemdl4j.models.graphconv;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;

/**
 * DeepChem's graph pool: each atom's features become the maxima over the atom and its neighbours. The forward pass
 * also records each maximum's winner for the backward pass: the first of the atom and then its neighbours, in order,
 * that holds the maximum (the atom itself where the maximum is NaN).
 */
final class GraphMaxPool extends GraphLayer {
    /** Per atom and feature, the atom whose value the last forward pass took. */
    private int[] winners;
    /** Whether the last forward pass recorded {@link #winners} (not for predictions alone). */
    private boolean keptWinners;

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int c = (int) x.columns();
        int n = batch.atomCount * c;
        keptWinners = pass.backward() || x.dataType() != DataType.FLOAT;
        if (!keptWinners) {
            return maxima(x, c);
        }
        double[] in = Matrices.values(x, 0);
        double[] out = Matrices.scratch(1, n);
        winners = reuse(winners, n);
        int[] winner = winners;
        // Row by row: contiguous reads, not one column at a time across the neighbours.
        for (int i = 0; i < batch.atomCount; i++) {
            int row = i * c;
            System.arraycopy(in, row, out, row, c);
            java.util.Arrays.fill(winner, row, row + c, i);
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int atom = batch.neighbours[k];
                int other = atom * c;
                for (int f = 0; f < c; f++) {
                    double held = out[row + f];
                    double value = in[other + f];
                    // strictly greater: on a tie the earlier holder keeps it
                    winner[row + f] = value > held ? atom : winner[row + f];
                    out[row + f] = Math.max(held, value);
                }
            }
            for (int f = 0; f < c; f++) {
                if (Double.isNaN(out[row + f])) {
                    winner[row + f] = i; // no atom holds a NaN maximum: the atom takes its gradient
                }
            }
        }
        return Matrices.matrix(out, batch.atomCount, c, x.dataType());
    }

    /**
     * The maxima alone, in single precision, for a pass that no backward pass follows: the same values as the loop
     * that records winners (the maximum of two floats is the maximum of their doubles), read and written as floats,
     * with no winner to compare and store.
     */
    private INDArray maxima(INDArray x, int c) {
        float[] in = Matrices.floats(x, 0);
        float[] out = Matrices.floatScratch(1, batch.atomCount * c);
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
        return Matrices.matrix(out, batch.atomCount, c);
    }

    /** The gradient goes to the atom that won each maximum in the forward pass. */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        if (!keptWinners) {
            throw new IllegalStateException("the last forward pass was for predictions alone and kept no winners");
        }
        int c = (int) dy.columns();
        int n = batch.atomCount * c;
        double[] g = Matrices.values(dy, 0);
        double[] dx = Matrices.zeroedScratch(1, n);
        for (int row = 0; row < n; row += c) {
            for (int f = 0; f < c; f++) {
                dx[winners[row + f] * c + f] += g[row + f];
            }
        }
        return Matrices.matrix(dx, batch.atomCount, c, dy.dataType());
    }
}
