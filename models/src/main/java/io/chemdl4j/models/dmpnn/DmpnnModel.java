package io.chemdl4j.models.dmpnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.AtomAttribution;
import io.chemdl4j.models.DropoutUncertainty;
import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.SavableModel;
import io.chemdl4j.models.TrainableModel;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.layers.TaskOutputLoss;
import io.chemdl4j.models.layers.Pass;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.models.training.NoamSchedule;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.split.Permutations;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Chemprop's directed message-passing network ({@link DmpnnNetwork}) on chemprop's molecular graphs
 * ({@link io.chemdl4j.featurize.graph.ChempropGraphFeaturizer}): per-task sigmoid outputs with a masked
 * cross-entropy for classification (a missing label counts for nothing; class-balancing weights only when the
 * configuration asks), one value per task with a weighted squared
 * error for regression (labels standardized by the data's transformers, as chemprop scales them), Adam with
 * the Noam schedule planned for the epochs it is made for.
 *
 * <p>{@link #fit} trains in place and records each epoch; prediction may be called from several threads,
 * serialized with training. Predictions do not depend on which molecules share a batch.
 */
public final class DmpnnModel implements SavableModel, TrainableModel<GraphDataset>, DropoutUncertainty<GraphDataset>,
        AtomAttribution {
    /** Manifest model type of a saved classifier. */
    public static final String CLASSIFIER_TYPE_ID = "dmpnn_classifier";
    /** Manifest model type of a saved regressor. */
    public static final String REGRESSOR_TYPE_ID = "dmpnn_regressor";
    /** Model type of saved multiclass models. */
    public static final String MULTICLASS_TYPE_ID = "dmpnn_multiclass";
    /** Name of the weights file inside a model directory. */
    public static final String PARAMETERS = "parameters.zip";
    private static final int PREDICT_BATCH = 32;
    private static final String TRAIN_WORKSPACE = "dmpnn-train";
    private static final String PREDICT_WORKSPACE = "dmpnn-predict";
    private static final String SHARD_WORKSPACE = "dmpnn-shard";
    /** Shards per batch ({@link #run}): fixed, so that the numbers do not depend on the cores. */
    private static final int SHARDS = 2;

    private final List<String> tasks;
    private final TaskType taskType;
    private final int classes;
    private final DmpnnConfig config;
    private final DmpnnNetwork network;
    /**
     * The network and its replicas (sharing its parameter arrays): one per training shard, and prediction adds one
     * per further thread it runs on ({@link #replicasFor}).
     */
    private final List<DmpnnNetwork> replicas = new ArrayList<>();
    /** Scaling of the graphs' molecule features; {@code null} when the model reads none. */
    private final MoleculeFeatureScaling scaling;
    private final NoamSchedule schedule;
    private final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    private final List<EpochRecord> history = new ArrayList<>();
    private final SplittableRandom batchOrder;
    private final SplittableRandom dropout;
    private int iteration;

    /**
     * A new, untrained model whose learning-rate schedule is planned for {@code plannedEpochs} epochs over a
     * training set of {@code trainSize} molecules (chemprop counts {@code trainSize / batchSize} steps per epoch).
     */
    public DmpnnModel(TaskType taskType, List<String> tasks, int atomFeatures, int bondFeatures, DmpnnConfig config,
                      int trainSize, int plannedEpochs) {
        this(taskType, 0, tasks, atomFeatures, bondFeatures, null, config, trainSize, plannedEpochs, DataType.FLOAT);
    }

    /**
     * A new, untrained model for {@code train}'s graphs (their atom, bond and molecule features, the last scaled
     * on {@code train}), its schedule planned for {@code plannedEpochs} epochs over it.
     *
     * @throws IllegalArgumentException if {@code train} is empty
     */
    public static DmpnnModel forTraining(TaskType taskType, DmpnnConfig config, GraphDataset train, int plannedEpochs) {
        return forTraining(taskType, 0, config, train, plannedEpochs);
    }

    /**
     * {@link #forTraining(TaskType, DmpnnConfig, GraphDataset, int)} for {@code classes} classes per task
     * ({@link TaskType#MULTICLASS}; 0 for the other task types).
     */
    public static DmpnnModel forTraining(TaskType taskType, int classes, DmpnnConfig config, GraphDataset train,
                                         int plannedEpochs) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training molecules");
        }
        MolecularGraph first = train.graph(0);
        return new DmpnnModel(taskType, classes, train.tasks(), first.atomFeatureLength(), first.bondFeatureLength(),
                MoleculeFeatureScaling.fit(train), config, train.size(), plannedEpochs, DataType.FLOAT);
    }

    /** With the arithmetic in {@code dtype}: double precision for gradient checks. */
    DmpnnModel(TaskType taskType, List<String> tasks, int atomFeatures, int bondFeatures, MoleculeFeatureScaling scaling,
               DmpnnConfig config, int trainSize, int plannedEpochs, DataType dtype) {
        this(taskType, 0, tasks, atomFeatures, bondFeatures, scaling, config, trainSize, plannedEpochs, dtype);
    }

    DmpnnModel(TaskType taskType, int classes, List<String> tasks, int atomFeatures, int bondFeatures,
               MoleculeFeatureScaling scaling, DmpnnConfig config, int trainSize, int plannedEpochs, DataType dtype) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one task");
        }
        if (atomFeatures < 1 || bondFeatures < 1) {
            throw new IllegalArgumentException("feature counts must be positive, got " + atomFeatures + " and "
                    + bondFeatures);
        }
        Nd4jRuntime.ensureConfigured();
        this.tasks = List.copyOf(tasks);
        this.taskType = taskType;
        this.classes = classes;
        this.config = config;
        this.scaling = scaling;
        if (config.head().predictsVariance() && taskType != TaskType.REGRESSION) {
            throw new IllegalArgumentException("a " + config.head().id() + " head predicts values; it is for "
                    + "regression, not " + taskType.id());
        }
        TaskOutputLoss output = config.head().predictsVariance() ? TaskOutputLoss.of(config.head(), tasks.size())
                : TaskOutputLoss.of(taskType, tasks.size(), true, classes);
        this.network = new DmpnnNetwork(output, atomFeatures,
                bondFeatures, scaling == null ? 0 : scaling.featureCount(), config, dtype);
        replicasFor(SHARDS);
        int stepsPerEpoch = Math.max(1, trainSize / config.batchSize());
        this.schedule = new NoamSchedule(config.initialLearningRate(), config.maxLearningRate(),
                config.finalLearningRate(), (int) (config.warmupEpochs() * stepsPerEpoch),
                Math.max(0, plannedEpochs) * stepsPerEpoch);
        this.batchOrder = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
        this.dropout = new SplittableRandom(config.seed() * 0x2545F4914F6CDD1DL + 7);
        Adam adam = new Adam(schedule);
        network.params.forEach((name, param) -> {
            AdamUpdater updater = new AdamUpdater(adam);
            updater.setStateViewArray(Nd4j.zeros(dtype, 1, adam.stateSize(param.length())), param.shape(), 'c', true);
            updaters.put(name, updater);
        });
    }

    /**
     * Saves this model to {@code directory} (replaced atomically) with the featurizer of its graphs and the
     * label transformers to undo; {@link ModelIO#load} reads it back.
     */
    @Override
    public synchronized void save(Path directory, FeaturizerSpec featurizer, List<Transformer> transformers)
            throws IOException {
        ModelIO.write(directory, new ModelIO.Contents(typeId(), ModelIO.Contents.formatVersion(
                ModelIO.ARRAYS_FORMAT_VERSION, classes), tasks, network.atomFeatures(), "config", config, history(),
                classes), featurizer, transformers,
                dir -> ModelIO.writeArrays(dir.resolve(PARAMETERS), savedArrays()));
    }

    private static final String FEATURE_MEANS = "molecule_features_mean";
    private static final String FEATURE_STDS = "molecule_features_std";

    /** The weights, and the molecule-feature scaling when there is one. */
    private Map<String, INDArray> savedArrays() {
        Map<String, INDArray> arrays = new LinkedHashMap<>(state());
        if (scaling != null) {
            arrays.put(FEATURE_MEANS, Nd4j.createFromArray(scaling.normalization().means()).reshape(1, -1));
            arrays.put(FEATURE_STDS, Nd4j.createFromArray(scaling.normalization().stds()).reshape(1, -1));
        }
        return arrays;
    }

    /**
     * Reads back a model saved by {@link #save}: its configuration from the manifest, its weights from
     * {@value #PARAMETERS}, each checked against the shape the configuration needs. Adam's moments are not
     * saved; training it further starts them afresh at the schedule's final rate.
     *
     * @throws ModelFormatException if a file is missing, cannot be read, or does not fit the configuration
     */
    public static DmpnnModel load(ModelIO.SavedFiles files) throws ModelFormatException {
        TaskType type = files.taskType(CLASSIFIER_TYPE_ID, REGRESSOR_TYPE_ID, MULTICLASS_TYPE_ID);
        DmpnnConfig config = files.config("config", DmpnnConfig.class);
        Map<String, INDArray> arrays = files.arrays(PARAMETERS);
        Path file = files.directory().resolve(PARAMETERS);
        INDArray bondWeights = arrays.get("W_i_bond_W");
        if (bondWeights == null || bondWeights.rank() != 2) {
            throw new ModelFormatException(file + " has no bond input weights 'W_i_bond_W'");
        }
        try {
            MoleculeFeatureScaling scaling = null;
            if (arrays.containsKey(FEATURE_MEANS) || arrays.containsKey(FEATURE_STDS)) {
                INDArray means = arrays.get(FEATURE_MEANS);
                INDArray stds = arrays.get(FEATURE_STDS);
                if (means == null || stds == null || means.length() != stds.length()) {
                    throw new IllegalArgumentException("molecule-feature means and standard deviations do not match");
                }
                scaling = new MoleculeFeatureScaling(new io.chemdl4j.moleculenet.transform.FeatureNormalizationTransformer(
                        means.toDoubleVector(), stds.toDoubleVector()));
            }
            DmpnnModel model = new DmpnnModel(type, files.classes(), files.tasks(), files.featureCount(),
                    (int) bondWeights.rows(), scaling, config, 0, 0, DataType.FLOAT);
            io.chemdl4j.models.NdArrays.assignChecked(model.state(), arrays);
            model.history.addAll(files.history());
            return model;
        } catch (RuntimeException e) {
            throw new ModelFormatException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The model type recorded in saved manifests. */
    public String typeId() {
        return switch (taskType) {
            case CLASSIFICATION -> CLASSIFIER_TYPE_ID;
            case REGRESSION -> REGRESSOR_TYPE_ID;
            case MULTICLASS -> MULTICLASS_TYPE_ID;
        };
    }

    /**
     * Trains for {@code epochs} passes over {@code train} in shuffled batches, seeded by the configuration's
     * seed, and returns the records of these epochs.
     */
    @Override
    public synchronized List<EpochRecord> fit(GraphDataset train, int epochs) {
        checkCompatible(train);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be non-negative, got " + epochs);
        }
        int n = train.size();
        List<EpochRecord> records = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            int[] order = Permutations.of(n, batchOrder);
            double lossSum = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
                try (MemoryWorkspace ignored = Nd4jRuntime.scope(TRAIN_WORKSPACE)) {
                    DmpnnNetwork.Result r = run(train, rows, Pass.training(dropout), true);
                    step(r.gradients(), history.size());
                    lossSum += r.loss() * rows.length;
                }
            }
            EpochRecord record = new EpochRecord(history.size() + 1, n == 0 ? 0 : lossSum / n,
                    (System.nanoTime() - start) / 1e9);
            history.add(record);
            records.add(record);
        }
        return List.copyOf(records);
    }

    /**
     * One pass over {@code rows} as {@value #SHARDS} shards of consecutive rows with about equal work
     * ({@link #shardBounds}), each on its own replica of the
     * network, the second on another core when there is one; the loss and gradients are the shards' weighted by
     * their molecules, added in shard order. The split does not depend on the cores, so neither do the numbers.
     * Each shard draws its dropout masks from its own generator, split from {@code pass}'s in shard order.
     */
    private DmpnnNetwork.Result run(GraphDataset data, int[] rows, Pass pass, boolean gradients) {
        int shards = Math.min(SHARDS, rows.length);
        if (shards <= 1) {
            return runShard(0, data, rows, pass, gradients);
        }
        int[] bounds = shardBounds(data, rows, shards);
        int[][] parts = new int[shards][];
        Pass[] passes = new Pass[shards];
        for (int k = 0; k < shards; k++) {
            parts[k] = Arrays.copyOfRange(rows, bounds[k], bounds[k + 1]);
            passes[k] = new Pass(pass.batchStatistics(), pass.updateMoving(), pass.dropout(),
                    pass.random() == null ? null : pass.random().split());
        }
        DmpnnNetwork.Result[] results = new DmpnnNetwork.Result[shards];
        List<java.util.concurrent.CompletableFuture<DmpnnNetwork.Result>> others = new ArrayList<>();
        boolean parallel = Nd4jRuntime.workers() > 1;
        for (int k = 1; k < shards; k++) {
            int shard = k;
            java.util.function.Supplier<DmpnnNetwork.Result> task = () -> {
                try (MemoryWorkspace ignored = Nd4jRuntime.scope(SHARD_WORKSPACE)) {
                    DmpnnNetwork.Result r = runShard(shard, data, parts[shard], passes[shard], gradients);
                    Map<String, INDArray> detached = new LinkedHashMap<>();
                    r.gradients().forEach((name, g) -> detached.put(name, g.detach()));
                    return new DmpnnNetwork.Result(r.loss(), r.predictions(), detached);
                }
            };
            others.add(parallel ? java.util.concurrent.CompletableFuture.supplyAsync(task, Nd4jRuntime.workerPool())
                    : java.util.concurrent.CompletableFuture.completedFuture(task.get()));
        }
        results[0] = runShard(0, data, parts[0], passes[0], gradients);
        for (int k = 1; k < shards; k++) {
            results[k] = others.get(k - 1).join();
        }
        double loss = 0;
        int width = predictionsPerMolecule();
        double[] predictions = new double[rows.length * width];
        Map<String, INDArray> sum = gradients ? results[0].gradients() : Map.of();
        for (int k = 0; k < shards; k++) {
            double share = (double) parts[k].length / rows.length;
            loss += share * results[k].loss();
            System.arraycopy(results[k].predictions(), 0, predictions, bounds[k] * width, parts[k].length * width);
            if (gradients) {
                for (Map.Entry<String, INDArray> g : sum.entrySet()) {
                    if (k == 0) {
                        g.getValue().muli(share);
                    } else {
                        g.getValue().addi(results[k].gradients().get(g.getKey()).mul(share));
                    }
                }
            }
        }
        return new DmpnnNetwork.Result(loss, predictions, sum);
    }

    /**
     * Where the shards of {@code rows} start (and the last ends): consecutive rows with about equal work (directed
     * bonds plus atoms), each shard at least one molecule. It depends on the molecules only.
     */
    private static int[] shardBounds(GraphDataset data, int[] rows, int shards) {
        long[] work = new long[rows.length + 1];
        for (int i = 0; i < rows.length; i++) {
            MolecularGraph g = data.graph(rows[i]);
            work[i + 1] = work[i] + g.edgeCount() + g.atomCount();
        }
        int[] bounds = new int[shards + 1];
        bounds[shards] = rows.length;
        for (int k = 1; k < shards; k++) {
            long target = work[rows.length] * k / shards;
            int b = bounds[k - 1] + 1;
            while (b < rows.length - (shards - k) && work[b] < target) {
                b++;
            }
            bounds[k] = b;
        }
        return bounds;
    }

    /**
     * Makes replicas until there are {@code count} networks (the first is the network itself); outside any
     * workspace the caller may have open, since they live as long as the model.
     */
    private void replicasFor(int count) {
        if (replicas.isEmpty()) {
            replicas.add(network);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            while (replicas.size() < count) {
                replicas.add(network.replica());
            }
        }
    }

    private DmpnnNetwork.Result runShard(int shard, GraphDataset data, int[] rows, Pass pass, boolean gradients) {
        List<MolecularGraph> graphs = new ArrayList<>(rows.length);
        for (int r : rows) {
            graphs.add(data.graph(r));
        }
        DirectedBatch batch = DirectedBatch.of(graphs, network.atomFeatures(), network.bondFeatures(),
                config.readout(), scaling, network.dtype());
        double[][] labels = data.labelsAndWeights(rows);
        if (taskType.isClassification() && !config.balanceClasses()) {
            for (int i = 0; i < labels[1].length; i++) {
                labels[1][i] = labels[1][i] > 0 ? 1 : 0;
            }
        }
        return replicas.get(shard).run(batch, labels[0], labels[1], pass, gradients);
    }

    private void step(Map<String, INDArray> gradients, int epoch) {
        for (Map.Entry<String, INDArray> p : network.params.entrySet()) {
            INDArray gradient = gradients.get(p.getKey());
            if (config.weightDecay() > 0 && p.getKey().endsWith("_W")) {
                gradient.addi(p.getValue().mul(config.weightDecay()));
            }
            updaters.get(p.getKey()).applyUpdater(gradient, iteration, epoch);
            p.getValue().subi(gradient);
        }
        iteration++;
    }

    /** {@inheritDoc} With a head that predicts its spread, the means. */
    @Override
    public double[][] predict(GraphDataset data) {
        double[][] out = predict(data, Pass.inference());
        if (config.head().predictsVariance()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Arrays.copyOf(out[i], tasks.size());
            }
        }
        return out;
    }

    /**
     * {@inheritDoc} Computed without dropout, on one thread; for a network with a mean-variance or evidential head,
     * of the mean.
     */
    @Override
    public synchronized Attributions atomContributions(List<MolecularGraph> graphs, int task) {
        AtomAttribution.checkRequest(task, tasks.size(), classes);
        double[][] perAtom = new double[graphs.size()][];
        double[] outputs;
        try (MemoryWorkspace ignored = Nd4jRuntime.scope(PREDICT_WORKSPACE)) {
            DirectedBatch batch = DirectedBatch.of(graphs, network.atomFeatures(), network.bondFeatures(),
                    config.readout(), scaling, network.dtype());
            double[][] terms = network.inputAttributions(batch, task);
            outputs = terms[0];
            int atomOffset = 0;
            int bondOffset = 0;
            for (int m = 0; m < graphs.size(); m++) {
                MolecularGraph g = graphs.get(m);
                double[] atoms = Arrays.copyOfRange(terms[1], atomOffset, atomOffset + g.atomCount());
                int[] sources = g.edgeSources();
                for (int e = 0; e < sources.length; e++) {
                    atoms[sources[e]] += terms[2][bondOffset + e]; // a directed bond's features go to the atom it leaves
                }
                perAtom[m] = atoms;
                atomOffset += g.atomCount();
                bondOffset += g.edgeCount();
            }
        }
        return new Attributions(outputs, perAtom);
    }

    /** Whether it was trained with dropout, which Monte-Carlo sampling needs, or predicts its variance. */
    @Override
    public boolean givesUncertainty() {
        return config.dropout() > 0 || config.head().predictsVariance();
    }

    @Override
    public boolean predictsVariance() {
        return config.head().predictsVariance();
    }

    /**
     * Monte-Carlo dropout: {@code samples} predictions with dropout left on, each with its own masks drawn from
     * {@code seed}, summarized as mean and standard deviation in original units ({@code transformers} undone).
     * The model must have been configured with dropout.
     */
    @Override
    public Uncertainty predictWithDropout(GraphDataset data, int samples, long seed, List<Transformer> transformers) {
        if (config.head().predictsVariance()) {
            return predictWithVariance(data, samples, seed, transformers);
        }
        return Uncertainty.sampleDropout(config.dropout(), samples, s -> Transformer.untransformAll(
                predict(data, new Pass(false, false, true, new SplittableRandom(seed + 7919L * s))), transformers));
    }

    /**
     * The mean and spread in original units of a head that predicts its variance: the predicted variance, plus the variance of the
     * means over {@code samples} dropout passes when it was trained with dropout (one pass without). The spread is
     * carried through the label transformers as {@code |u(μ + σ) − u(μ)|}, exact for the affine normalization.
     */
    private Uncertainty predictWithVariance(GraphDataset data, int samples, long seed, List<Transformer> transformers) {
        int passes = config.dropout() > 0 ? samples : 1;
        int n = data.size();
        int t = tasks.size();
        double[][] meanSum = new double[n][t];
        double[][] squareSum = new double[n][t];
        double[][] varianceSum = new double[n][t];
        for (int s = 0; s < passes; s++) {
            Pass pass = config.dropout() > 0 ? new Pass(false, false, true, new SplittableRandom(seed + 7919L * s))
                    : Pass.inference();
            double[][] out = predict(data, pass);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < t; k++) {
                    meanSum[i][k] += out[i][k];
                    squareSum[i][k] += out[i][k] * out[i][k];
                    varianceSum[i][k] += out[i][t + k];
                }
            }
        }
        double[][] mean = new double[n][t];
        double[][] upper = new double[n][t];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < t; k++) {
                double mu = meanSum[i][k] / passes;
                double spread = passes > 1 ? Math.max(0, squareSum[i][k] / passes - mu * mu) * passes / (passes - 1) : 0;
                mean[i][k] = mu;
                upper[i][k] = mu + Math.sqrt(varianceSum[i][k] / passes + spread);
            }
        }
        double[][] m = Transformer.untransformAll(mean, transformers);
        double[][] u = Transformer.untransformAll(upper, transformers);
        double[][] std = new double[n][t];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < t; k++) {
                std[i][k] = Math.abs(u[i][k] - m[i][k]);
            }
        }
        return new Uncertainty(m, std, passes);
    }

    /**
     * Predicts in batches of {@value #PREDICT_BATCH} consecutive molecules, small enough that a batch's messages
     * stay in the core's cache (256 ran 20% slower). Every core: the caller's thread and the shared workers
     * ({@link Nd4jRuntime#workerPool()}) each take the next batch until none is left, each on its own replica, so
     * none waits for another until the end. Batch {@code b} draws its dropout masks from the {@code b}-th
     * generator split from {@code pass}'s, so the numbers do not depend on the cores or on which thread ran it.
     */
    private synchronized double[][] predict(GraphDataset data, Pass pass) {
        checkFeatures(data);
        double[][] out = new double[data.size()][];
        Pass[] batches = new Pass[(data.size() + PREDICT_BATCH - 1) / PREDICT_BATCH];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new Pass(pass.batchStatistics(), pass.updateMoving(), pass.dropout(),
                    pass.random() == null ? null : pass.random().split());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int threads = Math.max(1, Math.min(Nd4jRuntime.workers(), batches.length));
        replicasFor(threads);
        List<java.util.concurrent.CompletableFuture<Void>> others = new ArrayList<>();
        for (int k = 1; k < threads; k++) {
            int replica = k;
            others.add(java.util.concurrent.CompletableFuture.runAsync(
                    () -> predictBatches(replica, data, batches, next, out), Nd4jRuntime.workerPool()));
        }
        predictBatches(0, data, batches, next, out);
        others.forEach(java.util.concurrent.CompletableFuture::join);
        return out;
    }

    private void predictBatches(int replica, GraphDataset data, Pass[] batches,
                                java.util.concurrent.atomic.AtomicInteger next, double[][] out) {
        int width = predictionsPerMolecule();
        for (int b = next.getAndIncrement(); b < batches.length; b = next.getAndIncrement()) {
            int start = b * PREDICT_BATCH;
            int rows = Math.min(PREDICT_BATCH, data.size() - start);
            double[] p;
            try (MemoryWorkspace ignored = Nd4jRuntime.scope(replica == 0 ? PREDICT_WORKSPACE : SHARD_WORKSPACE)) {
                p = runShard(replica, data, IntStream.range(start, start + rows).toArray(), batches[b], false)
                        .predictions();
            }
            for (int i = 0; i < rows; i++) {
                out[start + i] = Arrays.copyOfRange(p, i * width, (i + 1) * width);
            }
        }
    }

    /** Loss and gradients of {@code rows} of {@code data} as one batch without dropout. For tests. */
    synchronized DmpnnNetwork.Result lossAndGradients(GraphDataset data, int[] rows) {
        return run(data, rows, Pass.inference(), true);
    }

    /** The live parameter arrays by name: everything training changes and prediction reads. */
    @Override
    public Map<String, INDArray> state() {
        return network.params;
    }

    private void checkCompatible(GraphDataset data) {
        checkFeatures(data);
        if (!data.tasks().equals(tasks)) {
            throw new IllegalArgumentException("model tasks " + tasks + " differ from dataset tasks " + data.tasks());
        }
    }

    private void checkFeatures(GraphDataset data) {
        if (data.size() == 0) {
            return;
        }
        MolecularGraph g = data.graph(0);
        if (g.atomFeatureLength() != network.atomFeatures() || g.bondFeatureLength() != network.bondFeatures()
                || g.moleculeFeatureLength() != network.moleculeFeatures()) {
            throw new IllegalArgumentException("model expects graphs with " + network.atomFeatures() + " atom, "
                    + network.bondFeatures() + " bond and " + network.moleculeFeatures() + " molecule features, got "
                    + g.atomFeatureLength() + ", " + g.bondFeatureLength() + " and " + g.moleculeFeatureLength()
                    + " (chemprop-graph makes this model's graphs)");
        }
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    @Override
    public TaskType taskType() {
        return taskType;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Network predictions per molecule: one per task, K class probabilities per task, or a mean and a variance. */
    private int predictionsPerMolecule() {
        return tasks.size() * (config.head().predictsVariance() ? 2 : Math.max(1, classes));
    }

    /** The configuration it was made with. */
    public DmpnnConfig config() {
        return config;
    }

    /** Every epoch trained so far, in order. */
    public synchronized List<EpochRecord> history() {
        return List.copyOf(history);
    }

    /** Number of trainable parameters. */
    public long parameterCount() {
        return network.params.values().stream().mapToLong(INDArray::length).sum();
    }
}
