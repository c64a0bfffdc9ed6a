package io.chemdl4j.models.graphconv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;

/**
 * DeepChem's graph convolution (Duvenaud et al. 2015): for an atom of degree d,
 * {@code x W_self[d] + (Σ neighbours x) W_neighbour[d] + b[d]}, degrees 0 to {@value GraphLayout#MAX_DEGREE}.
 * Atoms are sorted by degree in the batch, so each degree's weights are one matrix product. Parameters
 * {@code conv<l>_Wself_<d>}, {@code conv<l>_Wneighbour_<d>} (d ≥ 1) and {@code conv<l>_b_<d>}, Glorot-uniform
 * and zero.
 */
final class DegreeGraphConv extends GraphLayer {
    private static final int DEGREES = GraphLayout.MAX_DEGREE + 1;

    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final String prefix;
    private final int out;
    private final DataType dtype;
    private INDArray input;
    private INDArray neighbourSum;

    DegreeGraphConv(int layer, int in, int out, Random init, DataType dtype) {
        this.prefix = "conv" + layer + "_";
        this.out = out;
        this.dtype = dtype;
        for (int d = 0; d < DEGREES; d++) {
            parameters.put(name("Wself", d), Matrices.glorotUniform(init, in, out, dtype));
            if (d > 0) {
                parameters.put(name("Wneighbour", d), Matrices.glorotUniform(init, in, out, dtype));
            }
            parameters.put(name("b", d), Nd4j.zeros(dtype, 1, out));
        }
    }

    private String name(String kind, int degree) {
        return prefix + kind + "_" + degree;
    }

    /**
     * Per degree, the self and neighbour products accumulate in that degree's rows of the output (BLAS's
     * {@code C = A·B + C}), and the biases are added in one Java pass.
     */
    @Override
    public INDArray forward(INDArray x, Pass pass) {
        input = x;
        neighbourSum = neighbourSum(batch, x);
        if (batch.atomCount == 0) {
            return Nd4j.create(dtype, 0, out);
        }
        INDArray z = Nd4j.createUninitialized(dtype, new long[] {batch.atomCount, out}, 'c');
        INDArray[] biases = new INDArray[DEGREES];
        for (int d = 0; d < DEGREES; d++) {
            int from = batch.degreeStart[d];
            int to = batch.degreeStart[d + 1];
            if (from == to) {
                continue;
            }
            INDArray zd = rows(z, from, to);
            Nd4j.gemm(rows(x, from, to), parameters.get(name("Wself", d)), zd, false, false, 1.0, 0.0);
            if (d > 0) {
                Nd4j.gemm(rows(neighbourSum, from, to), parameters.get(name("Wneighbour", d)), zd, false, false,
                        1.0, 1.0);
            }
            biases[d] = parameters.get(name("b", d));
        }
        return Matrices.addRowVectors(z, batch.degreeStart, biases);
    }

    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        int in = (int) input.columns();
        INDArray dInput = Nd4j.zeros(dtype, batch.atomCount, in);
        INDArray dNeighbourSum = Nd4j.zeros(dtype, batch.atomCount, in);
        for (int d = 0; d < DEGREES; d++) {
            int from = batch.degreeStart[d];
            int to = batch.degreeStart[d + 1];
            INDArray wSelf = parameters.get(name("Wself", d));
            if (from == to) {
                gradients.put(name("Wself", d), Nd4j.zeros(dtype, wSelf.shape()));
                gradients.put(name("b", d), Nd4j.zeros(dtype, 1, wSelf.columns()));
                if (d > 0) {
                    gradients.put(name("Wneighbour", d), Nd4j.zeros(dtype, wSelf.shape()));
                }
                continue;
            }
            INDArray g = rows(dy, from, to);
            gradients.put(name("Wself", d), Matrices.product(rows(input, from, to), true, g, false));
            gradients.put(name("b", d), g.sum(true, 0));
            rows(dInput, from, to).assign(Matrices.product(g, false, wSelf, true));
            if (d > 0) {
                INDArray wNeighbour = parameters.get(name("Wneighbour", d));
                gradients.put(name("Wneighbour", d), Matrices.product(rows(neighbourSum, from, to), true, g, false));
                rows(dNeighbourSum, from, to).assign(Matrices.product(g, false, wNeighbour, true));
            }
        }
        // the neighbour relation is symmetric: the gradient of a neighbour sum is a neighbour sum
        return dInput.addi(neighbourSum(batch, dNeighbourSum));
    }

    @Override
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    private static INDArray rows(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /**
     * Row i of the result is the sum of the rows of {@code x} at i's neighbours: each row's sums in double
     * precision, in the neighbours' order, then stored in {@code x}'s precision.
     */
    private static INDArray neighbourSum(GraphLayout batch, INDArray x) {
        int c = (int) x.columns();
        if (x.dataType() == DataType.FLOAT) {
            return singleNeighbourSum(batch, x, c);
        }
        double[] in = Matrices.values(x, 1);
        double[] sums = Matrices.zeroedScratch(2, batch.atomCount * c);
        for (int i = 0; i < batch.atomCount; i++) {
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int j = batch.neighbours[k] * c;
                for (int f = 0; f < c; f++) {
                    sums[i * c + f] += in[j + f];
                }
            }
        }
        return Matrices.matrix(sums, batch.atomCount, c, x.dataType());
    }

    /**
     * {@link #neighbourSum} of a single-precision {@code x}: read as floats rather than first widened into a double
     * array (a pass over every value saved; widening is exact, so the doubles summed are the same), each row summed
     * in double precision and written as floats.
     */
    private static INDArray singleNeighbourSum(GraphLayout batch, INDArray x, int c) {
        float[] in = Matrices.floats(x, 1);
        double[] sums = Matrices.scratch(0, c);
        float[] narrow = Matrices.floatScratch(0, batch.atomCount * c);
        for (int i = 0; i < batch.atomCount; i++) {
            java.util.Arrays.fill(sums, 0, c, 0.0);
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int j = batch.neighbours[k] * c;
                for (int f = 0; f < c; f++) {
                    sums[f] += in[j + f];
                }
            }
            for (int f = 0; f < c; f++) {
                narrow[i * c + f] = (float) sums[f];
            }
        }
        return Matrices.matrix(narrow, batch.atomCount, c);
    }
}
