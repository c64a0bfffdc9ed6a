package io.chemdl4j.models.graphconv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.models.layers.BatchNorm;
import io.chemdl4j.models.layers.Dense;
import io.chemdl4j.models.layers.Dropout;
import io.chemdl4j.models.layers.Layer;
import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.Pass;
import io.chemdl4j.models.layers.Relu;
import io.chemdl4j.models.layers.TaskOutputLoss;

/**
 * DeepChem's {@code GraphConvModel} as a composition of layers, each with its own backward pass: per graph
 * convolution {@link DegreeGraphConv}, ReLU, batch normalization, dropout and {@link GraphMaxPool}; then a
 * dense ReLU layer with batch normalization and dropout, {@link GraphGather} (sum and max, tanh), and a dense
 * per-task output with its weighted loss ({@link TaskOutputLoss}).
 *
 * <p>The dense products run on ND4J; the graph-structured steps (neighbour sums, maxima over neighbours
 * and over molecules, and their gradients, which scatter back along the same index lists) are plain
 * loops over the batch's index lists. SameDiff 1.0.0-M2.1 cannot differentiate these steps itself: its
 * gather gradient is a control-flow loop with a fixed name, so a graph with more than one gather fails
 * to build its gradient function.
 *
 * <p>Not thread-safe: the owning model serializes access.
 */
final class GraphConvNetwork {
    private final int atomFeatures;
    private final GraphConvConfig config;
    private final DataType dtype;
    private final double dropout;
    /** The layers in forward order. */
    private final List<Layer> layers = new ArrayList<>();
    private final TaskOutputLoss output;
    /** Trainable parameters by name, in a fixed order. */
    final Map<String, INDArray> params = new LinkedHashMap<>();
    /** Batch-normalization moving means and variances by name. */
    final Map<String, INDArray> moving = new LinkedHashMap<>();

    /** @param output the per-task output and its loss (DeepChem's: a two-class softmax per task for binary labels) */
    GraphConvNetwork(TaskOutputLoss output, int atomFeatures, GraphConvConfig config, DataType dtype) {
        this.atomFeatures = atomFeatures;
        this.config = config;
        this.dtype = dtype;
        this.dropout = config.dropout();
        this.output = output;
        // one generator, drawn in layer order: the same seed gives the same initial weights
        Random init = new Random(config.seed());
        int in = atomFeatures;
        for (int l = 0; l < config.convLayers().size(); l++) {
            int out = config.convLayers().get(l);
            add(new DegreeGraphConv(l, in, out, init, dtype));
            add(new Relu());
            if (config.batchNormalize()) {
                add(new BatchNorm("conv" + l, out, dtype));
            }
            add(new Dropout(config.dropout()));
            add(new GraphMaxPool());
            in = out;
        }
        add(new Dense("dense", in, config.denseSize(), init, dtype));
        add(new Relu());
        if (config.batchNormalize()) {
            add(new BatchNorm("dense", config.denseSize(), dtype));
        }
        add(new Dropout(config.dropout()));
        add(new GraphGather());
        add(new Dense("out", 2 * config.denseSize(), output.outputs(), init, dtype));
    }

    /**
     * A network of the same shape holding copies of these parameters and moving statistics: the layers keep what
     * their backward pass needs, so each thread that runs passes at the same time needs a network of its own.
     */
    GraphConvNetwork copy() {
        GraphConvNetwork copy;
        // outside any workspace the caller may have open: the copy outlives it
        try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                     org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copy = new GraphConvNetwork(output, atomFeatures, config, dtype);
        }
        copy.takeValuesOf(this);
        return copy;
    }

    /** Sets this network's parameters and moving statistics to {@code other}'s (a network of the same shape). */
    void takeValuesOf(GraphConvNetwork other) {
        params.forEach((name, array) -> array.assign(other.params.get(name)));
        moving.forEach((name, array) -> array.assign(other.moving.get(name)));
    }

    private void add(Layer layer) {
        layers.add(layer);
        params.putAll(layer.parameters());
        moving.putAll(layer.state());
    }

    /** How a pass runs. */
    enum Mode {
        /** Batch statistics, dropout on, moving averages updated. */
        TRAIN,
        /** Batch statistics, no dropout, nothing updated: the loss surface that gradients are checked on. */
        TRAIN_DETERMINISTIC,
        /** Moving averages, no dropout. */
        INFER,
        /** Moving averages with dropout on: one Monte-Carlo dropout sample. */
        INFER_WITH_DROPOUT
    }

    /**
     * Outputs of a pass: predictions {@code [molecules × tasks]} ({@code × K} class probabilities for multiclass),
     * the loss, and gradients when asked for.
     */
    record Result(double[] predictions, double loss, Map<String, INDArray> gradients) {
    }

    /**
     * One pass over a batch.
     *
     * @param labels  {@code [molecules × tasks]} row-major, or {@code null} for prediction only
     * @param weights same shape as labels
     * @param random  dropout masks' generator (training)
     */
    Result run(GraphLayout batch, double[] labels, double[] weights, Mode mode, SplittableRandom random,
               boolean gradients) {
        boolean batchStatistics = mode == Mode.TRAIN || mode == Mode.TRAIN_DETERMINISTIC;
        boolean dropoutOn = dropout > 0 && (mode == Mode.TRAIN || mode == Mode.INFER_WITH_DROPOUT);
        Pass pass = new Pass(batchStatistics, mode == Mode.TRAIN, dropoutOn, dropoutOn ? random : null, gradients);
        INDArray x = forward(batch, input(batch), pass);
        TaskOutputLoss.Result r = output.evaluate(Matrices.values(x), batch.moleculeCount, labels, weights);
        if (!gradients) {
            return new Result(r.predictions(), r.loss(), Map.of());
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        backward(Matrices.matrix(r.dOutputs(), batch.moleculeCount, (int) x.columns(), dtype), grads);
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            ordered.put(name, grads.get(name));
        }
        return new Result(r.predictions(), r.loss(), ordered);
    }

    /**
     * Gradient × input of task {@code task}'s raw output for every molecule of {@code batch}, in inference mode (the
     * moving batch-normalization statistics, no dropout, so molecules are independent): the value for regression,
     * the log-odds {@code z₁ − z₀} of a two-class softmax for classification.
     *
     * @return the raw outputs {@code [molecule]} and per batch row (degree order) the sum over its atom's features of
     *         feature × gradient
     */
    double[][] inputAttributions(GraphLayout batch, int task, boolean softmaxPair) {
        return inputAttributions(batch, input(batch), task, softmaxPair);
    }

    /** {@link #inputAttributions(GraphLayout, int, boolean)} of given atom features {@code input} (batch order). */
    double[][] inputAttributions(GraphLayout batch, INDArray input, int task, boolean softmaxPair) {
        INDArray x = forward(batch, input, new Pass(false, false, false, null));
        double[] raw = new double[batch.moleculeCount];
        INDArray dx = Nd4j.zeros(dtype, batch.moleculeCount, x.columns());
        for (int m = 0; m < raw.length; m++) {
            if (softmaxPair) {
                raw[m] = x.getDouble(m, 2 * task + 1) - x.getDouble(m, 2 * task);
                dx.putScalar(m, 2 * task + 1, 1);
                dx.putScalar(m, 2 * task, -1);
            } else {
                raw[m] = x.getDouble(m, task);
                dx.putScalar(m, task, 1);
            }
        }
        dx = backward(dx, new LinkedHashMap<>());
        double[] perRow = dx.castTo(DataType.DOUBLE).mul(input.castTo(DataType.DOUBLE)).sum(1).toDoubleVector();
        return new double[][] {raw, perRow};
    }

    /** {@code batch}'s atom features as a matrix in this network's precision. */
    private INDArray input(GraphLayout batch) {
        INDArray features = batch.features();
        return dtype == DataType.FLOAT ? features : features.castTo(dtype);
    }

    /** Every layer forward over {@code batch}'s atom features {@code x}: the raw outputs per molecule. */
    private INDArray forward(GraphLayout batch, INDArray x, Pass pass) {
        for (Layer layer : layers) {
            if (layer instanceof GraphLayer graph) {
                graph.bind(batch);
            }
            x = layer.forward(x, pass);
        }
        return x;
    }

    /** Every layer backward from the outputs' gradient {@code dy} into {@code grads}; the input features' gradient. */
    private INDArray backward(INDArray dy, Map<String, INDArray> grads) {
        for (int k = layers.size() - 1; k >= 0; k--) {
            dy = layers.get(k).backward(dy, grads);
        }
        return dy;
    }

    int atomFeatures() {
        return atomFeatures;
    }
}
