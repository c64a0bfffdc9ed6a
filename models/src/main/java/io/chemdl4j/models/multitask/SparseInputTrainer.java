package io.chemdl4j.models.multitask;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.schedule.ISchedule;

import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.SeededDropout;
import io.chemdl4j.models.WeightedLoss;
import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.moleculenet.Dataset;

/**
 * The training step of the toolkit's multitask architecture, computed as DL4J computes it but with the first
 * layer reading its input as sparse rows: an ECFP row has about 5% ones, so adding up the weight rows of the
 * set bits (and adding the gradient into those rows only) replaces the first layer's two dense matrix products,
 * which are most of an epoch, with a twentieth of the arithmetic.
 *
 * <p>Everything else follows DL4J 1.0.0-M2.1's step for the same configuration, so that the same seed trains
 * the same network (to float rounding, {@code SparseInputTrainerTest}): hidden layers with ReLU (the toolkit's
 * networks), tanh, sigmoid or no activation ({@link HiddenActivation}), {@link SeededDropout} on a layer's input with
 * DL4J's iteration count, the output layer's own {@link WeightedLoss}, gradients divided by the batch size, L2 added
 * to the gradient before the updater, Adam as ND4J's {@code AdamUpdater} computes it (bias-corrected step size,
 * epsilon outside the square root) or plain SGD, and Adam's state kept in DL4J's layout, so that a model trained
 * here saves, loads and goes on training under DL4J unchanged. The dense layers after the first multiply through
 * BLAS. A user's own network of this shape ({@link MultitaskModel#wrap}) trains here too, which spares it DL4J's
 * fixed cost of about a millisecond a step (most of an epoch for a small network). A configuration outside it
 * (another activation, updater or regularization, other layers) gets no trainer: {@link #of} returns {@code null}
 * and the model trains through DL4J.
 *
 * <p>{@link #load} takes the parameters and the updater's state from the network, {@link #store} puts them back:
 * in between, the trainer's arrays are the network's weights. Not thread-safe; the model serializes training.
 */
final class SparseInputTrainer {
    /** Above this share of non-zero inputs, the first layer multiplies densely (descriptor rows, for example). */
    static final double SPARSE_DENSITY = 0.25;
    private static final String WORKSPACE = "multitask-train";

    private final int layers;
    /** {@code width[l]} inputs and {@code width[l + 1]} outputs of layer {@code l}. */
    private final int[] width;
    /** Per layer its weights, row-major; {@code weights[0]} is {@code null}: the first layer's are {@link #firstWeights}. */
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] weightGradients;
    private final float[][] biasGradients;
    /**
     * Adam's first and second moments, in the layout of the parameters they belong to (the first layer's: below);
     * {@code null} for parameters that SGD updates, which keeps no state.
     */
    private final float[][] weightMoment1;
    private final float[][] weightMoment2;
    private final float[][] biasMoment1;
    private final float[][] biasMoment2;
    /**
     * The first layer's weights and Adam's moments as arrays of rows, one of {@code width[1]} floats per input: the
     * sparse products read each weight row from index 0, which the compiler vectorizes (see {@link SparseFeatureRows}), and
     * each row is updated as soon as its gradient is summed, while that is in cache: no copy of the weight matrix and
     * no gradient matrix per step (4 MB each at 1,024 × 1,000). Their gradient has a matrix only for dense input.
     */
    private final float[][] firstWeights;
    private final float[][] firstMoment1;
    private final float[][] firstMoment2;
    /** The first layer's weights as one row-major matrix, for dense input's product ({@code null} until needed). */
    private float[] firstWeightMatrix;
    private final SeededDropout[] dropout;
    /** Each layer's activation, the output layer's {@link HiddenActivation#IDENTITY}. */
    private final HiddenActivation[] activation;
    /** Each layer's updaters of weights and biases: {@link Adam} or {@link Sgd}. */
    private final IUpdater[] weightUpdater;
    private final IUpdater[] biasUpdater;
    private final ISchedule[] weightL2;
    private final ISchedule[] biasL2;
    private final ILossFunction loss;
    /** The dataset last trained on, and its feature rows as sparse rows ({@code null}: dense rows). */
    private java.lang.ref.WeakReference<Dataset> featuresOf = new java.lang.ref.WeakReference<>(null);
    private SparseFeatureRows features;
    /** The network's flattened parameters as this trainer last stored them ({@code null}: not since it loaded). */
    private float[] stored;
    /** The training step's arrays. */
    private final StepBuffers buffers;
    /**
     * Whether every layer has fewer than {@link #SMALL_LAYER} weights: such a network multiplies in Java, the others
     * through BLAS (see {@link #product}). A step of a 17 → 32 → 1 network took 0.48 ms through ND4J and 0.12 ms so;
     * the toolkit's own networks (a 1,024 × 1,000 first layer) multiply through BLAS, as before.
     */
    private final boolean small;

    private SparseInputTrainer(Architecture architecture) {
        this.width = architecture.width();
        this.layers = width.length - 1;
        this.dropout = architecture.dropout();
        this.activation = architecture.activation();
        this.weightUpdater = architecture.weightUpdater();
        this.biasUpdater = architecture.biasUpdater();
        this.weightL2 = architecture.weightL2();
        this.biasL2 = architecture.biasL2();
        this.loss = architecture.loss();
        weights = new float[layers][];
        biases = new float[layers][];
        weightGradients = new float[layers][];
        biasGradients = new float[layers][];
        weightMoment1 = new float[layers][];
        weightMoment2 = new float[layers][];
        biasMoment1 = new float[layers][];
        biasMoment2 = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int n = width[l] * width[l + 1];
            boolean weightState = weightUpdater[l] instanceof Adam;
            boolean biasState = biasUpdater[l] instanceof Adam;
            if (l > 0) {
                weights[l] = new float[n];
                weightGradients[l] = new float[n];
                weightMoment1[l] = weightState ? new float[n] : null;
                weightMoment2[l] = weightState ? new float[n] : null;
            }
            biases[l] = new float[width[l + 1]];
            biasGradients[l] = new float[width[l + 1]];
            biasMoment1[l] = biasState ? new float[width[l + 1]] : null;
            biasMoment2[l] = biasState ? new float[width[l + 1]] : null;
        }
        boolean firstState = weightUpdater[0] instanceof Adam;
        firstWeights = new float[width[0]][width[1]];
        firstMoment1 = firstState ? new float[width[0]][width[1]] : null;
        firstMoment2 = firstState ? new float[width[0]][width[1]] : null;
        buffers = new StepBuffers();
        small = java.util.stream.IntStream.range(0, layers).allMatch(l -> (long) width[l] * width[l + 1] < SMALL_LAYER);
    }

    /**
     * A trainer for {@code network}, or {@code null} if its configuration is not the toolkit's multitask
     * architecture (then DL4J trains it): dense layers with a {@link HiddenActivation} and an identity output layer
     * with a {@link WeightedLoss}, all with biases, Adam or SGD on weights and biases, at most L2 regularization, dropout
     * {@link SeededDropout} or none, no gradient normalization, weight noise, constraints or preprocessors,
     * stochastic gradient descent on minibatches, float parameters.
     */
    static SparseInputTrainer of(MultiLayerNetwork network) {
        Architecture architecture = architecture(network);
        return architecture == null ? null : new SparseInputTrainer(architecture);
    }

    /**
     * What the toolkit's multitask architecture is made of, read from a network's configuration: layer widths
     * ({@code width[l]} inputs, {@code width[l + 1]} outputs of layer {@code l}), each layer's activation (the
     * output layer's identity), dropout on each layer's input ({@code null}: none), the updaters ({@link Adam} or
     * {@link Sgd}) and L2 coefficients ({@code null}: none) of weights and biases, and the loss.
     */
    record Architecture(int[] width, HiddenActivation[] activation, SeededDropout[] dropout, IUpdater[] weightUpdater,
                        IUpdater[] biasUpdater, ISchedule[] weightL2, ISchedule[] biasL2, ILossFunction loss) {
    }

    /** The architecture of {@code network}, or {@code null} if it is not the toolkit's (see {@link #of}). */
    static Architecture architecture(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        int layers = network.getnLayers();
        if (layers < 1 || !conf.getInputPreProcessors().isEmpty() || network.params().dataType() != DataType.FLOAT
                || !(network.getUpdater(true) instanceof BaseMultiLayerUpdater<?>)) {
            return null;
        }
        int[] width = new int[layers + 1];
        HiddenActivation[] activation = new HiddenActivation[layers];
        SeededDropout[] dropout = new SeededDropout[layers];
        IUpdater[] weightUpdater = new IUpdater[layers];
        IUpdater[] biasUpdater = new IUpdater[layers];
        ISchedule[] weightL2 = new ISchedule[layers];
        ISchedule[] biasL2 = new ISchedule[layers];
        ILossFunction loss = null;
        for (int l = 0; l < layers; l++) {
            NeuralNetConfiguration layerConf = conf.getConf(l);
            if (!layerConf.isMiniBatch() || !layerConf.isMinimize()
                    || layerConf.getOptimizationAlgo() != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT) {
                return null;
            }
            boolean last = l == layers - 1;
            org.deeplearning4j.nn.conf.layers.Layer layer = layerConf.getLayer();
            if (last ? !(layer instanceof OutputLayer output && output.getLossFn() instanceof WeightedLoss
                    && output.getActivationFn() instanceof ActivationIdentity && output.hasBias())
                    : !(layer instanceof DenseLayer dense && dense.hasBias() && !dense.hasLayerNorm()
                    && HiddenActivation.of(dense.getActivationFn()) != null)) {
                return null;
            }
            activation[l] = last ? HiddenActivation.IDENTITY
                    : HiddenActivation.of(((DenseLayer) layer).getActivationFn());
            BaseLayer base = (BaseLayer) layer;
            if (base.getGradientNormalization() != org.deeplearning4j.nn.conf.GradientNormalization.None
                    || base.getWeightNoise() != null || (base.getConstraints() != null && !base.getConstraints().isEmpty())) {
                return null;
            }
            if (base.getIDropout() != null && !(base.getIDropout() instanceof SeededDropout)) {
                return null;
            }
            dropout[l] = (SeededDropout) base.getIDropout();
            IUpdater bias = base.getBiasUpdater() != null ? base.getBiasUpdater() : base.getIUpdater();
            if (!isComputedHere(base.getIUpdater()) || !isComputedHere(bias)) {
                return null;
            }
            weightUpdater[l] = base.getIUpdater();
            biasUpdater[l] = bias;
            weightL2[l] = l2(base.getRegularization());
            biasL2[l] = l2(base.getRegularizationBias());
            if ((weightL2[l] == null && hasAny(base.getRegularization()))
                    || (biasL2[l] == null && hasAny(base.getRegularizationBias()))) {
                return null;
            }
            org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer;
            width[l] = Math.toIntExact(ff.getNIn());
            width[l + 1] = Math.toIntExact(ff.getNOut());
            if (last) {
                loss = ((OutputLayer) layer).getLossFn();
            }
        }
        for (int l = 1; l < layers; l++) {
            long nIn = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf.getConf(l).getLayer()).getNIn();
            if (nIn != width[l]) {
                return null;
            }
        }
        return new Architecture(width, activation, dropout, weightUpdater, biasUpdater, weightL2, biasL2, loss);
    }

    /** Whether this trainer computes {@code updater}'s step: Adam's or SGD's (exactly these classes). */
    private static boolean isComputedHere(IUpdater updater) {
        return updater != null && (updater.getClass() == Adam.class || updater.getClass() == Sgd.class);
    }

    private static boolean hasAny(List<Regularization> regularization) {
        return regularization != null && !regularization.isEmpty();
    }

    /** The coefficient schedule of the one L2 term in {@code regularization}, or {@code null}. */
    private static ISchedule l2(List<Regularization> regularization) {
        if (regularization == null || regularization.size() != 1
                || !(regularization.get(0) instanceof L2Regularization l2)) {
            return null;
        }
        return l2.getL2();
    }

    /**
     * {@code data}'s feature rows as sparse rows, or {@code null} when more than a quarter of their values are
     * non-zero (descriptors, say: the first layer then multiplies densely). Kept for the dataset last asked about,
     * which is the training split, epoch after epoch.
     */
    SparseFeatureRows sparseFeatures(Dataset data) {
        if (featuresOf.get() != data) {
            features = SparseFeatureRows.ofRows(data, java.util.stream.IntStream.range(0, data.size()).toArray(),
                    SPARSE_DENSITY);
            featuresOf = new java.lang.ref.WeakReference<>(data);
        }
        return features;
    }

    /**
     * Takes the network's parameters and the updater's (Adam's) state as they are now; nothing to do when the
     * parameters are still those this trainer last {@linkplain #store stored} (nothing else trained or restored
     * them in between, and only training changes Adam's state).
     */
    void load(MultiLayerNetwork network) {
        if (stored != null && Arrays.equals(stored, values(network.params(), 'c'))) {
            return;
        }
        stored = null;
        for (int l = 0; l < layers; l++) {
            float[] w = values(network.getParam(l + "_W"), 'c');
            if (l == 0) {
                split(w, firstWeights);
            } else {
                System.arraycopy(w, 0, weights[l], 0, weights[l].length);
            }
            System.arraycopy(values(network.getParam(l + "_b"), 'c'), 0, biases[l], 0, biases[l].length);
        }
        copyMoments(network, false);
    }

    /** The forward pass over this trainer's weights as they are now: a copy, which training on leaves as it is. */
    SparseInputForward forward() {
        float[][] weightCopies = new float[layers][];
        float[][] biasCopies = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weightCopies[l] = l == 0 ? join(firstWeights) : weights[l].clone();
            biasCopies[l] = biases[l].clone();
        }
        return new SparseInputForward(width.clone(), activation.clone(), weightCopies, biasCopies);
    }

    /** Puts the trained parameters and the updater's state back into the network. */
    void store(MultiLayerNetwork network) {
        for (int l = 0; l < layers; l++) {
            network.getParam(l + "_W").assign(Matrices.matrix(l == 0 ? join(firstWeights) : weights[l], width[l],
                    width[l + 1]));
            network.getParam(l + "_b").assign(Matrices.matrix(biases[l], 1, width[l + 1]));
        }
        copyMoments(network, true);
        stored = values(network.params(), 'c');
    }

    /** {@code rows} joined into one row-major matrix (a new array). */
    private static float[] join(float[][] rows) {
        return join(rows, new float[rows.length == 0 ? 0 : rows.length * rows[0].length]);
    }

    /** {@code rows} joined into row-major {@code matrix}, which it returns. */
    private static float[] join(float[][] rows, float[] matrix) {
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, matrix, r * rows[r].length, rows[r].length);
        }
        return matrix;
    }

    /** Row-major {@code matrix} into {@code rows}, each as long as it is. */
    private static void split(float[] matrix, float[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(matrix, r * rows[r].length, rows[r], 0, rows[r].length);
        }
    }

    /** Row-major {@code matrix} of {@code rows × columns} as an array of {@code rows} new rows. */
    static float[][] rowsOf(float[] matrix, int rows, int columns) {
        float[][] split = new float[rows][columns];
        split(matrix, split);
        return split;
    }

    /** The values of {@code x} in {@code order} ('c' row-major, 'f' column-major), as floats. */
    static float[] values(INDArray x, char order) {
        INDArray copy = x.castTo(DataType.FLOAT).dup(order);
        float[] out = new float[(int) copy.length()];
        copy.data().asNioFloat().get(out);
        return out;
    }

    /**
     * Copies Adam's moments between the network's updater state and this trainer's arrays ({@code toNetwork}:
     * into the network). DL4J keeps them per updater block, first moments of all the block's parameters then
     * second moments, each parameter in its view's order: column-major for weight matrices, so a weight's
     * moments are transposed on the way (this trainer keeps them row-major, as its weights). A block of SGD's
     * parameters has no state.
     */
    private void copyMoments(MultiLayerNetwork network, boolean toNetwork) {
        BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) network.getUpdater(true);
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            INDArray view = block.getUpdaterView();
            int blockParams = block.getParamOffsetEnd() - block.getParamOffsetStart();
            if (!(block.getGradientUpdater().getConfig() instanceof Adam)) {
                continue; // SGD's block: no state (the only other updater the architecture admits)
            }
            if (view == null || view.length() != 2L * blockParams) {
                throw new IllegalStateException("not Adam's state: " + blockParams + " parameters, state of "
                        + (view == null ? 0 : view.length()));
            }
            float[] state = toNetwork ? new float[2 * blockParams] : values(view, 'c');
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                int l = ((Layer) param.getLayer()).getIndex();
                int offset = param.getParamOffsetStart() - block.getParamOffsetStart();
                boolean weight = param.getParamName().equals("W");
                // a weight's column-major rows × columns is a row-major columns × rows; a bias is one row either way
                int rows = weight ? width[l] : 1;
                int columns = width[l + 1];
                boolean firstWeight = weight && l == 0;
                float[] m = firstWeight ? join(firstMoment1) : weight ? weightMoment1[l] : biasMoment1[l];
                float[] v = firstWeight ? join(firstMoment2) : weight ? weightMoment2[l] : biasMoment2[l];
                if (toNetwork) {
                    transpose(m, 0, rows, columns, state, offset);
                    transpose(v, 0, rows, columns, state, blockParams + offset);
                } else {
                    transpose(state, offset, columns, rows, m, 0);
                    transpose(state, blockParams + offset, columns, rows, v, 0);
                    if (firstWeight) {
                        split(m, firstMoment1);
                        split(v, firstMoment2);
                    }
                }
            }
            if (toNetwork) {
                view.assign(Matrices.matrix(state, 1, state.length).reshape(view.shape()));
            }
        }
    }

    /** The row-major {@code rows × columns} matrix at {@code from[fromOffset…]}, transposed into {@code to[toOffset…]}. */
    private static void transpose(float[] from, int fromOffset, int rows, int columns, float[] to, int toOffset) {
        final int block = 32; // in blocks, so that both sides stay in cache
        for (int r0 = 0; r0 < rows; r0 += block) {
            for (int c0 = 0; c0 < columns; c0 += block) {
                for (int r = r0; r < Math.min(rows, r0 + block); r++) {
                    for (int c = c0; c < Math.min(columns, c0 + block); c++) {
                        to[toOffset + c * rows + r] = from[fromOffset + r * columns + c];
                    }
                }
            }
        }
    }

    /**
     * One training step on rows {@code idx} of {@code data}: forward pass with dropout, the loss's gradient, backward
     * pass, L2 and Adam, as DL4J's step {@code iteration} of epoch {@code epoch}.
     *
     * @param labels the loss's label array, {@code idx.length × columns} row-major
     * @return the step's score as DL4J reports it: the mean loss per molecule plus the L2 penalty
     */
    double step(Dataset data, int[] idx, float[] labels, int columns, int iteration, int epoch) {
        try (MemoryWorkspace ignored = Nd4jRuntime.scope(WORKSPACE)) {
            return stepInWorkspace(data, idx, labels, columns, iteration, epoch);
        }
    }

    private double stepInWorkspace(Dataset data, int[] idx, float[] labels, int columns, int iteration, int epoch) {
        int rows = idx.length;
        buffers.fit(rows);
        SparseFeatureRows sparse = forward(data, idx, iteration);
        int outputs = width[layers];
        Pair<Double, INDArray> scored = loss.computeGradientAndScore(Matrices.matrix(labels, rows, columns),
                Matrices.matrix(buffers.activations[layers], rows, outputs), new ActivationIdentity(), null, true);
        float[] delta = buffers.delta[layers - 1];
        scored.getSecond().castTo(DataType.FLOAT).dup('c').data().asNioFloat().get(delta, 0, rows * outputs);
        float perMolecule = 1f / rows; // DL4J divides the gradients by the minibatch size
        for (int i = 0; i < rows * outputs; i++) {
            delta[i] *= perMolecule;
        }
        // the L2 penalty (added to the score) is of the parameters before the step, and the backward pass updates
        // the first layer's weights
        UpdateStep first = UpdateStep.of(weightUpdater[0], weightL2[0], iteration, epoch);
        double firstPenalty = penalty(firstWeights, first.coefficient());
        backward(rows, sparse, first);
        double penalty = 0;
        for (int l = 0; l < layers; l++) {
            penalty += l == 0 ? firstPenalty : update(weights[l], weightGradients[l], weightMoment1[l],
                    weightMoment2[l], UpdateStep.of(weightUpdater[l], weightL2[l], iteration, epoch), width[l],
                    width[l + 1]);
            penalty += update(biases[l], biasGradients[l], biasMoment1[l], biasMoment2[l],
                    UpdateStep.of(biasUpdater[l], biasL2[l], iteration, epoch), 1, width[l + 1]);
        }
        return scored.getFirst() + penalty;
    }

    /**
     * The forward pass with dropout over rows {@code idx} into the step's buffers: each layer's input as multiplied
     * (its dropout mask applied) and its output after bias and activation. Returns the batch's sparse first-layer input,
     * its mask applied, or {@code null} when the features are dense rows.
     */
    private SparseFeatureRows forward(Dataset data, int[] idx, int iteration) {
        int rows = idx.length;
        SparseFeatureRows sparseFeatures = sparseFeatures(data);
        SparseFeatureRows sparse = null;
        float[][] activations = buffers.activations;
        if (sparseFeatures == null) {
            data.copyFeatures(idx, activations[0]);
        }
        for (int l = 0; l < layers; l++) {
            float[] input = activations[l];
            int n = rows * width[l];
            float[] mask = null;
            if (dropout[l] != null) {
                mask = buffers.masks[l];
                dropout[l].drawMask(iteration, mask, n);
                if (l > 0 || sparseFeatures == null) {
                    float[] dropped = buffers.inputs[l];
                    for (int i = 0; i < n; i++) {
                        dropped[i] = input[i] * mask[i];
                    }
                    input = dropped;
                }
            }
            buffers.layerInput[l] = input;
            buffers.layerMask[l] = mask;
            int out = width[l + 1];
            float[] z = activations[l + 1];
            if (l == 0 && sparseFeatures != null) {
                sparse = sparseFeatures.select(idx, mask);
                sparse.times(firstWeights, out, z);
            } else {
                product(input, rows, width[l], false, l == 0 ? firstWeightMatrix() : weights[l], width[l], out, false,
                        z);
            }
            addBias(z, rows, biases[l], activation[l]);
        }
        return sparse;
    }

    /**
     * The backward pass from the loss's gradient (in the last layer's delta buffer) into the parameters' gradients,
     * the first layer's weights updated on the way ({@code first}: their step; see {@link #updateFirstLayer});
     * {@code sparse} is the batch's sparse first-layer input, or {@code null} for dense rows.
     */
    private void backward(int rows, SparseFeatureRows sparse, UpdateStep first) {
        for (int l = layers - 1; l >= 0; l--) {
            int in = width[l];
            int out = width[l + 1];
            float[] delta = buffers.delta[l];
            if (l == 0 && sparse != null) {
                float[][] deltaRows = buffers.firstDeltaRows;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(delta, r * out, deltaRows[r], 0, out);
                }
                updateFirstLayer(sparse, deltaRows, first);
            } else if (l == 0) {
                if (weightGradients[0] == null) {
                    weightGradients[0] = new float[in * out];
                }
                product(buffers.layerInput[0], rows, in, true, delta, rows, out, false, weightGradients[0]);
                updateFirstLayer(null, null, first);
            } else {
                product(buffers.layerInput[l], rows, in, true, delta, rows, out, false, weightGradients[l]);
            }
            // the bias gradient, summed over the rows in order, each row read from index 0 (see SparseFeatureRows): the
            // sparse first layer's rows as they are, the others through a copy
            float[] db = biasGradients[l];
            Arrays.fill(db, 0f);
            float[] row = buffers.deltaRow;
            for (int r = 0; r < rows; r++) {
                float[] deltaRow = row;
                if (l == 0 && sparse != null) {
                    deltaRow = buffers.firstDeltaRows[r];
                } else {
                    System.arraycopy(delta, r * out, row, 0, out);
                }
                for (int j = 0; j < out; j++) {
                    db[j] += deltaRow[j];
                }
            }
            if (l > 0) {
                float[] upstream = buffers.delta[l - 1];
                product(delta, rows, out, false, weights[l], in, out, true, upstream);
                int n = rows * in;
                float[] mask = buffers.layerMask[l];
                if (mask != null) {
                    for (int i = 0; i < n; i++) {
                        upstream[i] *= mask[i];
                    }
                }
                activation[l - 1].backward(buffers.activations[l], upstream, n);
            }
        }
    }

    /**
     * A step's arrays, reused step after step (a step of 100 molecules otherwise allocated about 2 MB, and the heap
     * growing under that churn cost the first epochs a third of their time in page faults): per layer its input
     * with dropout applied, the dropout mask, its output, and the gradient at its output; sized for the largest
     * batch so far. Which input and mask the current step used are recorded for its backward pass.
     */
    private final class StepBuffers {
        private int capacity = -1;
        final float[][] activations = new float[layers + 1][];
        final float[][] inputs = new float[layers][];
        final float[][] masks = new float[layers][];
        final float[][] delta = new float[layers][];
        final float[][] layerInput = new float[layers][];
        final float[][] layerMask = new float[layers][];
        /**
         * The gradient at the first layer's output as arrays of rows, which its sparse product reads from index 0
         * ({@link SparseFeatureRows}).
         */
        float[][] firstDeltaRows = new float[0][];
        /** One row of a layer's output gradient, as wide as the widest layer, for the bias gradient's sums. */
        final float[] deltaRow = new float[Arrays.stream(width, 1, width.length).max().orElse(0)];

        /** Makes every array large enough for a batch of {@code rows}. */
        void fit(int rows) {
            if (rows <= capacity) {
                return;
            }
            for (int l = 0; l <= layers; l++) {
                activations[l] = new float[rows * width[l]];
            }
            for (int l = 0; l < layers; l++) {
                inputs[l] = dropout[l] == null ? null : new float[rows * width[l]];
                masks[l] = dropout[l] == null ? null : new float[rows * width[l]];
                delta[l] = new float[rows * width[l + 1]];
            }
            firstDeltaRows = new float[rows][width[1]];
            capacity = rows;
        }
    }

    /**
     * Adds {@code bias} to every row of {@code z} ({@code rows × bias.length}, row-major), then applies
     * {@code activation}. Row by row through a scratch row, so that the loop reads both arrays at the same index
     * (which HotSpot vectorizes; see {@link SparseFeatureRows}).
     */
    static void addBias(float[] z, int rows, float[] bias, HiddenActivation activation) {
        int out = bias.length;
        float[] row = new float[out];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(z, r * out, row, 0, out);
            addBias(row, bias, activation);
            System.arraycopy(row, 0, z, r * out, out);
        }
    }

    /** Adds {@code bias} to the one row {@code row} of as many values, then applies {@code activation}. */
    static void addBias(float[] row, float[] bias, HiddenActivation activation) {
        for (int j = 0; j < row.length; j++) {
            row[j] += bias[j];
        }
        activation.apply(row);
    }

    /** The first layer's weights as one row-major matrix, as they are now (dense input's product). */
    private float[] firstWeightMatrix() {
        if (firstWeightMatrix == null) {
            firstWeightMatrix = new float[width[0] * width[1]];
        }
        return join(firstWeights, firstWeightMatrix);
    }

    /**
     * L2 and the updater's step on the first layer's weights, each row as soon as its gradient is summed (in cache), on
     * every core: from the sparse input's columns and the gradient at the layer's output ({@code deltaRows}), or, for
     * dense input ({@code sparse} {@code null}), from the gradient matrix. A row that no molecule of the batch sets has
     * a zero gradient: Adam's moments decay, as Adam's do.
     */
    private void updateFirstLayer(SparseFeatureRows sparse, float[][] deltaRows, UpdateStep step) {
        int out = width[1];
        float[] matrix = weightGradients[0];
        Nd4jRuntime.forChunks(width[0], Math.max(1, SparseFeatureRows.PARALLEL_MIN / out), (first, last) -> {
            float[] gradient = new float[out];
            for (int k = first; k < last; k++) {
                if (sparse == null) {
                    System.arraycopy(matrix, k * out, gradient, 0, out);
                }
                float[] m1 = firstMoment1 == null ? null : firstMoment1[k];
                float[] m2 = firstMoment2 == null ? null : firstMoment2[k];
                if (sparse == null || sparse.transposedRow(k, deltaRows, gradient)) {
                    step.apply(firstWeights[k], gradient, m1, m2, 0, out);
                } else {
                    step.applyWithoutGradient(firstWeights[k], m1, m2, 0, out);
                }
            }
        });
    }

    /**
     * L2 (added to the gradient) and the updater's {@code step} on one row-major {@code rows × columns} parameter
     * array, on every core; returns the L2 penalty of the parameters before the step, which DL4J adds to the score.
     */
    private static double update(float[] p, float[] g, float[] m1, float[] m2, UpdateStep step, int rows,
                                 int columns) {
        double penalty = penalty(new float[][] {p}, step.coefficient());
        // rows in chunks on every core: each value's update is its own
        Nd4jRuntime.forChunks(rows, Math.max(1, SparseFeatureRows.PARALLEL_MIN / columns),
                (first, last) -> step.apply(p, g, m1, m2, first * columns, last * columns));
        return penalty;
    }

    /** The L2 penalty {@code coefficient / 2 · Σ p²} of the values of {@code rows}, summed in order (0 without L2). */
    private static double penalty(float[][] rows, float coefficient) {
        if (coefficient == 0) {
            return 0;
        }
        double penalty = 0;
        for (float[] row : rows) {
            for (float v : row) {
                penalty += (double) v * v;
            }
        }
        return penalty * (coefficient / 2.0);
    }

    /**
     * One training step of an updater with L2 regularization for parameter arrays, at one iteration: the L2 term
     * added to the gradient, then the updater's rule. The moments' arrays are {@code null} for an updater that keeps
     * no state.
     */
    private sealed interface UpdateStep permits AdamStep, SgdStep {
        /** The step of {@code updater} ({@link Adam} or {@link Sgd}) and L2 schedule {@code l2} ({@code null}: none). */
        static UpdateStep of(IUpdater updater, ISchedule l2, int iteration, int epoch) {
            float coefficient = l2 == null ? 0f : (float) l2.valueAt(iteration, epoch);
            return updater instanceof Adam adam ? AdamStep.of(adam, coefficient, iteration, epoch)
                    : new SgdStep(coefficient, (float) updater.getLearningRate(iteration, epoch));
        }

        /** The L2 coefficient of this step (0 without L2). */
        float coefficient();

        /** Updates values {@code [from, to)} of {@code p} and its moments by gradient {@code g}. */
        void apply(float[] p, float[] g, float[] m1, float[] m2, int from, int to);

        /**
         * Updates values {@code [from, to)} of {@code p} and its moments whose gradient is zero: L2's term alone (not
         * added to a zero, whose sign could differ from the term's).
         */
        void applyWithoutGradient(float[] p, float[] m1, float[] m2, int from, int to);
    }

    /**
     * Plain SGD with L2 regularization, as ND4J's {@code SgdUpdater} computes it in the parameters' precision: the
     * gradient with the L2 term, times the learning rate, subtracted.
     */
    private record SgdStep(float coefficient, float learningRate) implements UpdateStep {
        @Override
        public void apply(float[] p, float[] g, float[] m1, float[] m2, int from, int to) {
            for (int i = from; i < to; i++) {
                p[i] -= (g[i] + coefficient * p[i]) * learningRate;
            }
        }

        @Override
        public void applyWithoutGradient(float[] p, float[] m1, float[] m2, int from, int to) {
            for (int i = from; i < to; i++) {
                p[i] -= coefficient * p[i] * learningRate;
            }
        }
    }

    /**
     * One training step of Adam with L2 regularization for one parameter array, as ND4J's {@code AdamUpdater} computes
     * it in the parameters' precision: the L2 term added to the gradient, the bias corrections folded into the step
     * size, epsilon outside the square root.
     */
    private record AdamStep(float coefficient, float beta1, float beta2, float keep1, float keep2, float step,
                            float epsilon) implements UpdateStep {
        /** The step of {@code adam} with L2 coefficient {@code coefficient} at this iteration. */
        static AdamStep of(Adam adam, float coefficient, int iteration, int epoch) {
            float beta1 = (float) adam.getBeta1();
            float beta2 = (float) adam.getBeta2();
            float epsilon = (float) adam.getEpsilon();
            double learningRate = adam.getLearningRate(iteration, epoch);
            float beta1T = (float) Math.pow(beta1, iteration + 1);
            float beta2T = (float) Math.pow(beta2, iteration + 1);
            float step = (float) (learningRate * Math.sqrt(1.0 - beta2T) / (1.0 - beta1T));
            if (Float.isNaN(step) || Float.isInfinite(step) || step == 0f) {
                step = epsilon;
            }
            return new AdamStep(coefficient, beta1, beta2, 1f - beta1, 1f - beta2, step, epsilon);
        }

        @Override
        public void apply(float[] p, float[] g, float[] m1, float[] m2, int from, int to) {
            for (int i = from; i < to; i++) {
                update(p, m1, m2, i, g[i] + coefficient * p[i]);
            }
        }

        @Override
        public void applyWithoutGradient(float[] p, float[] m1, float[] m2, int from, int to) {
            for (int i = from; i < to; i++) {
                update(p, m1, m2, i, coefficient * p[i]);
            }
        }

        /** Value {@code i} of {@code p} and its moments, whose gradient with L2 is {@code gradient}. */
        private void update(float[] p, float[] m1, float[] m2, int i, float gradient) {
            float a = beta1 * m1[i] + keep1 * gradient;
            float b = beta2 * m2[i] + keep2 * gradient * gradient;
            m1[i] = a;
            m2[i] = b;
            p[i] -= a * step / ((float) Math.sqrt(b) + epsilon);
        }
    }

    /**
     * {@code op(a) · op(b)} of row-major float matrices (the first {@code rows × columns} values of each array) into
     * the start of {@code out}: through BLAS, or in plain Java for a {@link #small} network, for which handing a
     * product to ND4J (arrays made and copied, tens of microseconds) costs more than the product.
     */
    private void product(float[] a, int aRows, int aColumns, boolean transposeA, float[] b, int bRows, int bColumns,
                         boolean transposeB, float[] out) {
        if (!small) {
            INDArray c = Matrices.product(Matrices.matrix(a, aRows, aColumns), transposeA,
                    Matrices.matrix(b, bRows, bColumns), transposeB);
            c.data().asNioFloat().get(out, 0, (int) c.length());
            return;
        }
        int rows = transposeA ? aColumns : aRows;
        int inner = transposeA ? aRows : aColumns;
        int columns = transposeB ? bRows : bColumns;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                float sum = 0f;
                for (int k = 0; k < inner; k++) {
                    sum += (transposeA ? a[k * aColumns + i] : a[i * aColumns + k])
                            * (transposeB ? b[j * bColumns + k] : b[k * bColumns + j]);
                }
                out[i * columns + j] = sum;
            }
        }
    }

    /** Weights per layer below which a network is {@link #small}. */
    static final int SMALL_LAYER = 1 << 14;
}
