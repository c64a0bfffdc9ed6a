package io.chemdl4j.models.multitask;

import java.nio.FloatBuffer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import io.chemdl4j.models.OpenBlas;
import io.chemdl4j.moleculenet.Dataset;

/**
 * Prediction by the toolkit's multitask architecture ({@link SparseInputTrainer#architecture}) computed in Java with
 * the first layer reading sparse rows: a fingerprint row sets about 5% of its bits, so adding up the weight rows of
 * the set bits does a twentieth of the first layer's dense product, which is most of the network's arithmetic. The
 * same function as DL4J's {@code output} without dropout, to float rounding (its sums run in another order).
 *
 * <p>An immutable copy of a network's weights as they were when it was made: safe from any number of threads.
 */
final class SparseInputForward {
    private final int[] width;
    /** Each layer's activation, the output layer's {@link HiddenActivation#IDENTITY}. */
    private final HiddenActivation[] activation;
    private final float[][] weights;
    private final float[][] biases;
    /** The first layer's weights a row per input, for the sparse product (see {@link SparseFeatureRows#forEachRowOfProduct}). */
    private final float[][] firstLayerRows;

    /**
     * The network of layer widths {@code width} (inputs first), activations (one per layer, the output layer's
     * identity) and these weights (each layer's row-major {@code width[l] × width[l+1]}) and biases, which it keeps
     * and never changes.
     */
    SparseInputForward(int[] width, HiddenActivation[] activation, float[][] weights, float[][] biases) {
        this.width = width;
        this.activation = activation;
        this.weights = weights;
        this.biases = biases;
        this.firstLayerRows = SparseInputTrainer.rowsOf(weights[0], width[0], width[1]);
    }

    /** A copy of {@code network}'s weights, or {@code null} if the network is not of the toolkit's architecture. */
    static SparseInputForward of(MultiLayerNetwork network) {
        SparseInputTrainer.Architecture architecture = SparseInputTrainer.architecture(network);
        if (architecture == null) {
            return null;
        }
        int[] width = architecture.width();
        int layers = width.length - 1;
        float[][] weights = new float[layers][];
        float[][] biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = SparseInputTrainer.values(network.getParam(l + "_W"), 'c');
            biases[l] = SparseInputTrainer.values(network.getParam(l + "_b"), 'c');
        }
        return new SparseInputForward(width, architecture.activation(), weights, biases);
    }

    /** Inputs per molecule. */
    int inputs() {
        return width[0];
    }

    /** Outputs per molecule (the output layer's, before the loss's link: logits or values). */
    int outputs() {
        return width[width.length - 1];
    }

    /** The network's outputs for rows {@code idx} of {@code data}: {@code idx.length × outputs()}, row-major. */
    float[] outputs(Dataset data, int[] idx) {
        SparseFeatureRows sparse = SparseFeatureRows.ofRows(data, idx, SparseInputTrainer.SPARSE_DENSITY);
        float[] x = null;
        if (sparse == null) {
            x = new float[idx.length * width[0]];
            data.copyFeatures(idx, x);
        }
        return outputs(sparse, x, idx.length);
    }

    /**
     * The network's outputs for {@code rows} given by their nonzero entries: {@code rows.size() × outputs()},
     * row-major; the same numbers as {@link #outputs(Dataset, int[])} gives for the same rows.
     *
     * @throws IllegalArgumentException if a row's length is not {@link #inputs()}
     */
    float[] outputs(java.util.List<io.chemdl4j.featurize.SparseFeatures> rows) {
        for (io.chemdl4j.featurize.SparseFeatures row : rows) {
            if (row.length() != width[0]) {
                throw new IllegalArgumentException("model expects " + width[0] + " features, a row has " + row.length());
            }
        }
        SparseFeatureRows sparse = SparseFeatureRows.of(rows, width[0], SparseInputTrainer.SPARSE_DENSITY);
        float[] x = null;
        if (sparse == null) {
            x = new float[rows.size() * width[0]];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r).toDense(), 0, x, r * width[0], width[0]);
            }
        }
        return outputs(sparse, x, rows.size());
    }

    /** The outputs of {@code rows} rows, read from {@code sparse}, or from the dense {@code x} when it is null. */
    private float[] outputs(SparseFeatureRows sparse, float[] x, int rows) {
        int layers = width.length - 1;
        if (rows == 0) {
            return new float[0];
        }
        float[] h;
        int l;
        if (sparse != null && layers > 1) {
            // Each molecule's first-layer row gets its bias and activation while still in cache and is copied once, into
            // the matrix that the second layer's product reads: a 1,024-molecule chunk's 4 MB of activations are
            // not zeroed, copied and passed over again (measured: 4.4 µs a molecule for the whole network, was 5.2).
            float[] firstBias = biases[0];
            int firstWidth = width[1];
            FloatBuffer firstValues = OpenBlas.left(rows * firstWidth);
            sparse.forEachRowOfProduct(firstLayerRows, firstWidth, (row, values) -> {
                SparseInputTrainer.addBias(values, firstBias, activation[0]);
                firstValues.put(row * firstWidth, values);
            });
            h = new float[rows * width[2]];
            OpenBlas.productOfLeft(rows, firstWidth, weights[1], width[2], h);
            SparseInputTrainer.addBias(h, rows, biases[1], activation[1]);
            l = 2;
        } else { // dense rows, or sparse ones whose first layer is the output layer
            int firstWidth = width[1];
            if (sparse != null) {
                float[] output = new float[rows * firstWidth];
                sparse.forEachRowOfProduct(firstLayerRows, firstWidth,
                        (row, values) -> System.arraycopy(values, 0, output, row * firstWidth, firstWidth));
                h = output;
            } else {
                h = OpenBlas.product(x, rows, width[0], weights[0], firstWidth);
            }
            SparseInputTrainer.addBias(h, rows, biases[0], activation[0]);
            l = 1;
        }
        for (; l < layers; l++) {
            h = OpenBlas.product(h, rows, width[l], weights[l], width[l + 1]);
            SparseInputTrainer.addBias(h, rows, biases[l], activation[l]);
        }
        return h;
    }
}
