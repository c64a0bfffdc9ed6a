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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layers of DeepChem's {@code GraphConvModel} with their forward and backward passes: graph
 * convolution with degree-specific weights, batch normalization over atoms, dropout, graph max pool,
 * a dense ReLU layer, graph gather (sum and max, tanh) and the per-task output with its weighted loss.
 *
 * <p>The dense products run on ND4J; the graph-structured steps (neighbour sums, maxima over
 * neighbours and over molecules, and their gradients, which scatter back along the same index
 * lists) are plain loops over the batch's index lists: they touch each edge once, a few hundred
 * thousand numbers per batch. SameDiff 1.0.0-M2.1 cannot differentiate these steps itself: its gather
 * gradient is a control-flow loop with a fixed name, so a graph with more than one gather fails to
 * build its gradient function (and the loop would run once per index).
 *
 * <p>Not thread-safe: the owning model serializes access.
 */
final class GraphConvNetwork {
    static final double BN_EPSILON = 1e-3;
    static final double BN_MOMENTUM = 0.99;
    private static final int DEGREES = GraphLayout.MAX_DEGREE + 1;

    private final DataType dtype;
    private final GraphConvConfig config;
    private final boolean classification;
    private final int tasks;
    private final int atomFeatures;
    /** Trainable parameters by name, in a fixed order. */
    final Map<String, INDArray> params = new LinkedHashMap<>();
    /** Batch-normalization moving means and variances by name. */
    final Map<String, INDArray> moving = new LinkedHashMap<>();

    GraphConvNetwork(boolean classification, int tasks, int atomFeatures, GraphConvConfig config, DataType dtype) {
        this.dtype = dtype;
        this.config = config;
        this.classification = classification;
        this.tasks = tasks;
        this.atomFeatures = atomFeatures;
        Random init = new Random(config.seed());
        int in = atomFeatures;
        for (int l = 0; l < config.convLayers().size(); l++) {
            int out = config.convLayers().get(l);
            for (int d = 0; d < DEGREES; d++) {
                params.put(conv(l, "Wself", d), glorot(init, in, out));
                if (d > 0) {
                    params.put(conv(l, "Wneighbour", d), glorot(init, in, out));
                }
                params.put(conv(l, "b", d), Nd4j.zeros(dtype, 1, out));
            }
            addBatchNorm("conv" + l, out);
            in = out;
        }
        params.put("dense_W", glorot(init, in, config.denseSize()));
        params.put("dense_b", Nd4j.zeros(dtype, 1, config.denseSize()));
        addBatchNorm("dense", config.denseSize());
        int outputs = classification ? 2 * tasks : tasks;
        params.put("out_W", glorot(init, 2 * config.denseSize(), outputs));
        params.put("out_b", Nd4j.zeros(dtype, 1, outputs));
    }

    private static String conv(int layer, String kind, int degree) {
        return "conv" + layer + "_" + kind + "_" + degree;
    }

    private void addBatchNorm(String name, int channels) {
        if (config.batchNormalize()) {
            params.put(name + "_gamma", Nd4j.ones(dtype, 1, channels));
            params.put(name + "_beta", Nd4j.zeros(dtype, 1, channels));
            moving.put(name + "_movingMean", Nd4j.zeros(dtype, 1, channels));
            moving.put(name + "_movingVariance", Nd4j.ones(dtype, 1, channels));
        }
    }

    /** Keras's glorot_uniform, from the seeded generator. */
    private INDArray glorot(Random random, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        double[] v = new double[in * out];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * random.nextDouble() - 1) * limit;
        }
        return matrix(v, in, out);
    }

    private INDArray matrix(double[] values, int rows, int columns) {
        return Nd4j.create(values, new long[] {rows, columns}, 'c').castTo(dtype);
    }

    private static double[] values(INDArray x) {
        return x.dup('c').data().asDouble();
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

    /** Outputs of a pass: predictions {@code [molecules × tasks]}, the loss, and gradients when asked for. */
    record Result(double[] predictions, double loss, Map<String, INDArray> gradients) {
    }

    /** What the backward pass needs from one layer. */
    private static final class Cache {
        INDArray input;
        INDArray neighbourSum;
        INDArray preActivation;
        INDArray normalized;
        INDArray inverseStd;
        INDArray mask;
        int[] argmax;
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
        boolean dropout = config.dropout() > 0 && (mode == Mode.TRAIN || mode == Mode.INFER_WITH_DROPOUT);
        int layers = config.convLayers().size();
        List<Cache> convs = new ArrayList<>();
        INDArray x = matrix(batch.features, batch.atomCount, batch.featureLength);
        for (int l = 0; l < layers; l++) {
            Cache c = new Cache();
            int out = config.convLayers().get(l);
            c.input = x;
            c.neighbourSum = neighbourSum(batch, x);
            c.preActivation = Nd4j.zeros(dtype, batch.atomCount, out);
            for (int d = 0; d < DEGREES; d++) {
                int from = batch.degreeStart[d];
                int to = batch.degreeStart[d + 1];
                if (from == to) {
                    continue;
                }
                INDArray z = rows(x, from, to).mmul(params.get(conv(l, "Wself", d)));
                if (d > 0) {
                    z.addi(rows(c.neighbourSum, from, to).mmul(params.get(conv(l, "Wneighbour", d))));
                }
                z.addiRowVector(params.get(conv(l, "b", d)));
                rows(c.preActivation, from, to).assign(z);
            }
            x = relu(c.preActivation);
            x = batchNorm(c, "conv" + l, x, batchStatistics, mode == Mode.TRAIN);
            x = dropout(c, x, dropout, random);
            c.argmax = new int[batch.atomCount * out];
            x = pool(batch, x, c.argmax);
            convs.add(c);
        }
        Cache dense = new Cache();
        dense.input = x;
        dense.preActivation = x.mmul(params.get("dense_W")).addiRowVector(params.get("dense_b"));
        x = relu(dense.preActivation);
        x = batchNorm(dense, "dense", x, batchStatistics, mode == Mode.TRAIN);
        x = dropout(dense, x, dropout, random);
        Cache gather = new Cache();
        gather.input = x;
        gather.argmax = new int[batch.moleculeCount * config.denseSize()];
        INDArray molecules = gather(batch, x, gather.argmax);
        INDArray logits = molecules.mmul(params.get("out_W")).addiRowVector(params.get("out_b"));
        double[] z = values(logits);
        int m = batch.moleculeCount;
        double[] predictions = new double[m * tasks];
        double[] dLogits = new double[z.length];
        double loss = 0;
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < tasks; t++) {
                int k = i * tasks + t;
                double w = labels == null ? 0 : weights[k];
                double y = labels == null ? 0 : labels[k];
                if (classification) {
                    double diff = z[i * 2 * tasks + 2 * t + 1] - z[i * 2 * tasks + 2 * t];
                    double p = sigmoid(diff);
                    predictions[k] = p;
                    loss += w * (y * softplus(-diff) + (1 - y) * softplus(diff));
                    double g = w * (p - y) / m;
                    dLogits[i * 2 * tasks + 2 * t + 1] = g;
                    dLogits[i * 2 * tasks + 2 * t] = -g;
                } else {
                    double o = z[i * tasks + t];
                    predictions[k] = o;
                    loss += w * (o - y) * (o - y);
                    dLogits[k] = 2 * w * (o - y) / m;
                }
            }
        }
        loss /= m;
        if (!gradients) {
            return new Result(predictions, loss, Map.of());
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        INDArray dz = matrix(dLogits, m, logits.columns());
        grads.put("out_W", molecules.transpose().mmul(dz));
        grads.put("out_b", dz.sum(true, 0));
        INDArray dMolecules = dz.mmul(params.get("out_W").transpose());
        INDArray dx = gatherBackward(batch, gather, molecules, dMolecules);
        dx = dropoutBackward(dense, dx);
        dx = batchNormBackward(dense, "dense", dx, grads);
        INDArray dPre = dx.mul(positive(dense.preActivation));
        grads.put("dense_W", dense.input.transpose().mmul(dPre));
        grads.put("dense_b", dPre.sum(true, 0));
        dx = dPre.mmul(params.get("dense_W").transpose());
        for (int l = layers - 1; l >= 0; l--) {
            Cache c = convs.get(l);
            dx = poolBackward(batch, c.argmax, dx);
            dx = dropoutBackward(c, dx);
            dx = batchNormBackward(c, "conv" + l, dx, grads);
            dPre = dx.mul(positive(c.preActivation));
            int in = (int) c.input.columns();
            INDArray dInput = Nd4j.zeros(dtype, batch.atomCount, in);
            INDArray dNeighbourSum = Nd4j.zeros(dtype, batch.atomCount, in);
            for (int d = 0; d < DEGREES; d++) {
                int from = batch.degreeStart[d];
                int to = batch.degreeStart[d + 1];
                INDArray wSelf = params.get(conv(l, "Wself", d));
                if (from == to) {
                    grads.put(conv(l, "Wself", d), Nd4j.zeros(dtype, wSelf.shape()));
                    grads.put(conv(l, "b", d), Nd4j.zeros(dtype, 1, wSelf.columns()));
                    if (d > 0) {
                        grads.put(conv(l, "Wneighbour", d), Nd4j.zeros(dtype, wSelf.shape()));
                    }
                    continue;
                }
                INDArray g = rows(dPre, from, to);
                grads.put(conv(l, "Wself", d), rows(c.input, from, to).transpose().mmul(g));
                grads.put(conv(l, "b", d), g.sum(true, 0));
                rows(dInput, from, to).assign(g.mmul(wSelf.transpose()));
                if (d > 0) {
                    INDArray wNeighbour = params.get(conv(l, "Wneighbour", d));
                    grads.put(conv(l, "Wneighbour", d), rows(c.neighbourSum, from, to).transpose().mmul(g));
                    rows(dNeighbourSum, from, to).assign(g.mmul(wNeighbour.transpose()));
                }
            }
            // the neighbour relation is symmetric: the gradient of a neighbour sum is a neighbour sum
            dx = dInput.addi(neighbourSum(batch, dNeighbourSum));
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            ordered.put(name, grads.get(name));
        }
        return new Result(predictions, loss, ordered);
    }

    private static INDArray rows(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private INDArray relu(INDArray x) {
        return x.mul(positive(x));
    }

    private INDArray positive(INDArray x) {
        return x.gt(0).castTo(dtype);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Row i of the result is the sum of the rows of {@code x} at i's neighbours. */
    private INDArray neighbourSum(GraphLayout batch, INDArray x) {
        int c = (int) x.columns();
        double[] in = values(x);
        double[] out = new double[in.length];
        for (int i = 0; i < batch.atomCount; i++) {
            for (int k = batch.neighbourStart[i]; k < batch.neighbourStart[i + 1]; k++) {
                int j = batch.neighbours[k];
                for (int f = 0; f < c; f++) {
                    out[i * c + f] += in[j * c + f];
                }
            }
        }
        return matrix(out, batch.atomCount, c);
    }

    /** Max over each atom and its neighbours; {@code argmax} records the winning atom per element. */
    private INDArray pool(GraphLayout batch, INDArray x, int[] argmax) {
        int c = (int) x.columns();
        double[] in = values(x);
        double[] out = new double[in.length];
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
        return matrix(out, batch.atomCount, c);
    }

    private INDArray poolBackward(GraphLayout batch, int[] argmax, INDArray dy) {
        int c = (int) dy.columns();
        double[] g = values(dy);
        double[] dx = new double[g.length];
        for (int i = 0; i < batch.atomCount; i++) {
            for (int f = 0; f < c; f++) {
                dx[argmax[i * c + f] * c + f] += g[i * c + f];
            }
        }
        return matrix(dx, batch.atomCount, c);
    }

    /** tanh of [sum ‖ max] over each molecule's atoms: {@code [molecules × 2c]}. */
    private INDArray gather(GraphLayout batch, INDArray x, int[] argmax) {
        int c = (int) x.columns();
        double[] in = values(x);
        double[] out = new double[batch.moleculeCount * 2 * c];
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
        return matrix(out, batch.moleculeCount, 2 * c);
    }

    private INDArray gatherBackward(GraphLayout batch, Cache cache, INDArray molecules, INDArray dMolecules) {
        int c = (int) cache.input.columns();
        double[] g = values(dMolecules);
        double[] y = values(molecules);
        double[] dx = new double[batch.atomCount * c];
        for (int m = 0; m < batch.moleculeCount; m++) {
            for (int f = 0; f < c; f++) {
                int s = m * 2 * c + f;
                int mx = m * 2 * c + c + f;
                double dSum = g[s] * (1 - y[s] * y[s]);
                double dMax = g[mx] * (1 - y[mx] * y[mx]);
                for (int k = batch.moleculeStart[m]; k < batch.moleculeStart[m + 1]; k++) {
                    dx[batch.moleculeAtoms[k] * c + f] += dSum;
                }
                dx[cache.argmax[m * c + f] * c + f] += dMax;
            }
        }
        return matrix(dx, batch.atomCount, c);
    }

    private INDArray batchNorm(Cache cache, String name, INDArray x, boolean batchStatistics, boolean updateMoving) {
        if (!config.batchNormalize()) {
            return x;
        }
        INDArray mean;
        INDArray variance;
        if (batchStatistics) {
            mean = x.mean(true, 0);
            INDArray centred = x.subRowVector(mean);
            variance = centred.mul(centred).mean(true, 0);
            if (updateMoving) {
                moving.get(name + "_movingMean").muli(BN_MOMENTUM).addi(mean.mul(1 - BN_MOMENTUM));
                moving.get(name + "_movingVariance").muli(BN_MOMENTUM).addi(variance.mul(1 - BN_MOMENTUM));
            }
        } else {
            mean = moving.get(name + "_movingMean");
            variance = moving.get(name + "_movingVariance");
        }
        cache.inverseStd = Transforms.pow(variance.add(BN_EPSILON), -0.5, false);
        cache.normalized = x.subRowVector(mean).muliRowVector(cache.inverseStd);
        return cache.normalized.mulRowVector(params.get(name + "_gamma")).addiRowVector(params.get(name + "_beta"));
    }

    /** Batch-statistics batch norm: dx = invstd/N · (N·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)), dx̂ = dy·γ. */
    private INDArray batchNormBackward(Cache cache, String name, INDArray dy, Map<String, INDArray> grads) {
        if (!config.batchNormalize()) {
            return dy;
        }
        grads.put(name + "_gamma", dy.mul(cache.normalized).sum(true, 0));
        grads.put(name + "_beta", dy.sum(true, 0));
        INDArray dNormalized = dy.mulRowVector(params.get(name + "_gamma"));
        long n = dy.rows();
        INDArray sum = dNormalized.sum(true, 0);
        INDArray sumWithNormalized = dNormalized.mul(cache.normalized).sum(true, 0);
        return dNormalized.mul(n).subiRowVector(sum).subi(cache.normalized.mulRowVector(sumWithNormalized))
                .muliRowVector(cache.inverseStd).divi(n);
    }

    private INDArray dropout(Cache cache, INDArray x, boolean on, SplittableRandom random) {
        if (!on) {
            return x;
        }
        double keep = 1 / (1 - config.dropout());
        double[] mask = new double[(int) x.length()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < config.dropout() ? 0 : keep;
        }
        cache.mask = matrix(mask, (int) x.rows(), (int) x.columns());
        return x.mul(cache.mask);
    }

    private static INDArray dropoutBackward(Cache cache, INDArray dy) {
        return cache.mask == null ? dy : dy.mul(cache.mask);
    }

    int atomFeatures() {
        return atomFeatures;
    }
}
