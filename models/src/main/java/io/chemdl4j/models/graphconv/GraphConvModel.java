package io.chemdl4j.models.graphconv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.DropoutUncertainty;
import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.SavableModel;
import io.chemdl4j.models.TrainableModel;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.layers.TaskOutputLoss;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.split.Permutations;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * DeepChem's {@code GraphConvModel} (Duvenaud et al. 2015): graph convolutions with degree-specific
 * weights, each followed by batch normalization, optional dropout and a graph max pool; a dense ReLU
 * layer on every atom with batch normalization; a graph gather (sum and max over each molecule's
 * atoms, tanh); and per-task outputs, a two-class softmax per task for classification or one value
 * per task for regression. The loss multiplies every label's loss by its weight {@code w}, so missing
 * labels count for nothing and balancing weights apply. Layers: {@link GraphConvNetwork}.
 *
 * <p>A batch of molecules is one disjoint graph ({@link GraphLayout}). {@link #fit} trains in place
 * with Adam and records each epoch; prediction and evaluation may be called from several threads,
 * serialized with training.
 */
public final class GraphConvModel implements SavableModel, TrainableModel<GraphDataset>, DropoutUncertainty<GraphDataset>,
        io.chemdl4j.models.AtomAttribution {
    /** Manifest model type of a saved classifier. */
    public static final String CLASSIFIER_TYPE_ID = "graphconv_classifier";
    /** Manifest model type of a saved regressor. */
    public static final String REGRESSOR_TYPE_ID = "graphconv_regressor";
    /** Model type of saved multiclass models. */
    public static final String MULTICLASS_TYPE_ID = "graphconv_multiclass";
    /** Name of the weights file inside a model directory. */
    public static final String PARAMETERS = "parameters.zip";
    private static final int PREDICT_BATCH = 64;
    private static final String PREDICT_WORKSPACE = "graphconv-predict";
    private static final String TRAIN_WORKSPACE = "graphconv-train";
    private static final String SHARD_WORKSPACE = "graphconv-predict-shard";

    private final List<String> tasks;
    private final TaskType taskType;
    private final int classes;
    private final GraphConvConfig config;
    private final GraphConvNetwork network;
    private final Map<String, AdamUpdater> updaters = new java.util.LinkedHashMap<>();
    private final List<EpochRecord> history = new ArrayList<>();
    private final SplittableRandom batchOrder;
    private final SplittableRandom dropout;
    /** The workers' copies of the network ({@link #replica}); guarded by this model's lock. */
    private final List<GraphConvNetwork> replicas = new ArrayList<>();
    private int iteration;

    /**
     * A new, untrained model.
     *
     * @param atomFeatures features per atom of the graphs it will see ({@link GraphFeaturizer#ATOM_FEATURES}
     *                     for the toolkit's graph featurizer)
     */
    public GraphConvModel(TaskType taskType, List<String> tasks, int atomFeatures, GraphConvConfig config) {
        this(taskType, 0, tasks, atomFeatures, config, DataType.FLOAT);
    }

    /**
     * A new, untrained model of {@code classes} classes per task ({@link TaskType#MULTICLASS}; 0 for the
     * other task types).
     */
    public GraphConvModel(TaskType taskType, int classes, List<String> tasks, int atomFeatures,
                          GraphConvConfig config) {
        this(taskType, classes, tasks, atomFeatures, config, DataType.FLOAT);
    }

    /** With the arithmetic in {@code dtype}: double precision for gradient checks. */
    GraphConvModel(TaskType taskType, List<String> tasks, int atomFeatures, GraphConvConfig config, DataType dtype) {
        this(taskType, 0, tasks, atomFeatures, config, dtype);
    }

    GraphConvModel(TaskType taskType, int classes, List<String> tasks, int atomFeatures, GraphConvConfig config,
                   DataType dtype) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one task");
        }
        if (atomFeatures < 1) {
            throw new IllegalArgumentException("atom feature count must be positive, got " + atomFeatures);
        }
        Nd4jRuntime.ensureConfigured();
        this.tasks = List.copyOf(tasks);
        this.taskType = taskType;
        this.classes = classes;
        this.config = config;
        this.network = new GraphConvNetwork(TaskOutputLoss.of(taskType, tasks.size(), false, classes), atomFeatures,
                config, dtype);
        this.batchOrder = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
        this.dropout = new SplittableRandom(config.seed() * 0x2545F4914F6CDD1DL + 7);
        org.nd4j.linalg.schedule.ISchedule schedule = config.schedule().toNd4j(config.learningRate());
        Adam adam = schedule == null ? new Adam(config.learningRate()) : new Adam(schedule);
        network.params.forEach((name, param) -> {
            AdamUpdater updater = new AdamUpdater(adam);
            updater.setStateViewArray(Nd4j.zeros(dtype, 1, adam.stateSize(param.length())), param.shape(), 'c', true);
            updaters.put(name, updater);
        });
    }

    /**
     * A model holding {@code state} (names and shapes as {@link #state()} gives them) and {@code history}:
     * a saved model, loaded. Adam's moment estimates are not saved, so training it further starts them
     * afresh.
     *
     * @throws IllegalArgumentException if {@code state} lacks an array of this configuration or has one
     *                                  of another shape
     */
    static GraphConvModel restore(TaskType taskType, int classes, List<String> tasks, int atomFeatures,
                                  GraphConvConfig config, Map<String, INDArray> state, List<EpochRecord> history) {
        GraphConvModel model = new GraphConvModel(taskType, classes, tasks, atomFeatures, config);
        io.chemdl4j.models.NdArrays.assignChecked(model.state(), state);
        model.history.addAll(history);
        return model;
    }

    /**
     * Saves this model to {@code directory} (replaced atomically) with what predicting from SMILES
     * needs: the featurizer of its graphs and the label transformers to undo; {@link ModelIO#load}
     * reads it back.
     */
    @Override
    public synchronized void save(Path directory, FeaturizerSpec featurizer, List<Transformer> transformers)
            throws IOException {
        ModelIO.write(directory, new ModelIO.Contents(typeId(), ModelIO.Contents.formatVersion(
                ModelIO.ARRAYS_FORMAT_VERSION, classes), tasks, atomFeatures(), "graphConfig", config, history(),
                classes), featurizer, transformers,
                dir -> ModelIO.writeArrays(dir.resolve(PARAMETERS), state()));
    }

    /**
     * Reads back a model saved by {@link #save}: its configuration from the manifest, its weights and
     * batch-normalization statistics from {@value #PARAMETERS}, each checked against the shape the
     * configuration needs.
     *
     * @throws ModelFormatException if a file is missing, cannot be read, or does not fit the configuration
     */
    public static GraphConvModel load(ModelIO.SavedFiles files) throws ModelFormatException {
        TaskType type = files.taskType(CLASSIFIER_TYPE_ID, REGRESSOR_TYPE_ID, MULTICLASS_TYPE_ID);
        GraphConvConfig config = files.config("graphConfig", GraphConvConfig.class);
        Map<String, INDArray> arrays = files.arrays(PARAMETERS);
        try {
            return restore(type, files.classes(), files.tasks(), files.featureCount(), config, arrays,
                    files.history());
        } catch (RuntimeException e) {
            throw new ModelFormatException(files.directory().resolve(PARAMETERS) + " cannot be read: "
                    + e.getMessage(), e);
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

    /** Features per atom of the graphs it reads. */
    public int atomFeatures() {
        return network.atomFeatures();
    }

    /**
     * Trains for {@code epochs} passes over {@code train} in shuffled batches, seeded by the
     * configuration's seed, and returns the records of these epochs.
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
                // each batch's arrays in memory reused batch after batch, not allocated and zeroed afresh
                try (MemoryWorkspace ignored = Nd4jRuntime.scope(TRAIN_WORKSPACE)) {
                    GraphConvNetwork.Result r = run(train, rows, GraphConvNetwork.Mode.TRAIN, true);
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

    private GraphConvNetwork.Result run(GraphDataset data, int[] rows, GraphConvNetwork.Mode mode, boolean gradients) {
        return run(data, rows, mode, gradients, dropout);
    }

    private GraphConvNetwork.Result run(GraphDataset data, int[] rows, GraphConvNetwork.Mode mode, boolean gradients,
                                        SplittableRandom masks) {
        return run(network, data, rows, mode, gradients, masks);
    }

    private static GraphConvNetwork.Result run(GraphConvNetwork network, GraphDataset data, int[] rows,
                                               GraphConvNetwork.Mode mode, boolean gradients, SplittableRandom masks) {
        List<MolecularGraph> graphs = new ArrayList<>(rows.length);
        for (int r : rows) {
            graphs.add(data.graph(r));
        }
        double[][] labels = data.labelsAndWeights(rows);
        return network.run(GraphLayout.of(graphs), labels[0], labels[1], mode, masks, gradients);
    }

    private void step(Map<String, INDArray> gradients, int epoch) {
        for (Map.Entry<String, INDArray> p : network.params.entrySet()) {
            INDArray gradient = gradients.get(p.getKey());
            if (config.weightDecay() > 0 && p.getKey().contains("_W")) {
                gradient.addi(p.getValue().mul(config.weightDecay()));
            }
            updaters.get(p.getKey()).applyUpdater(gradient, iteration, epoch);
            p.getValue().subi(gradient);
        }
        iteration++;
    }

    @Override
    public double[][] predict(GraphDataset data) {
        return predict(data, GraphConvNetwork.Mode.INFER, null);
    }

    /** {@inheritDoc} In inference mode (moving batch-normalization statistics, no dropout), on one thread. */
    @Override
    public synchronized Attributions atomContributions(List<MolecularGraph> graphs, int task) {
        io.chemdl4j.models.AtomAttribution.checkRequest(task, tasks.size(), classes);
        GraphLayout layout = GraphLayout.of(graphs);
        double[][] terms;
        try (MemoryWorkspace ignored = Nd4jRuntime.scope(PREDICT_WORKSPACE)) {
            terms = network.inputAttributions(layout, task, taskType == TaskType.CLASSIFICATION);
        }
        double[][] atoms = new double[graphs.size()][];
        for (int m = 0; m < graphs.size(); m++) {
            atoms[m] = new double[graphs.get(m).atomCount()];
            for (int a = 0; a < atoms[m].length; a++) {
                atoms[m][a] = terms[1][layout.moleculeAtoms[layout.moleculeStart[m] + a]];
            }
        }
        return new Attributions(terms[0], atoms);
    }

    /** Whether it was trained with dropout, which Monte-Carlo sampling needs. */
    @Override
    public boolean givesUncertainty() {
        return config.dropout() > 0;
    }

    /**
     * Monte-Carlo dropout (Gal and Ghahramani 2016): {@code samples} predictions with dropout left on,
     * each with its own masks drawn from {@code seed}, summarized as mean and standard deviation in
     * original units ({@code transformers} undone). The model must have been configured with dropout.
     */
    @Override
    public Uncertainty predictWithDropout(GraphDataset data, int samples, long seed, List<Transformer> transformers) {
        return Uncertainty.sampleDropout(config.dropout(), samples, s -> Transformer.untransformAll(
                predict(data, GraphConvNetwork.Mode.INFER_WITH_DROPOUT, new SplittableRandom(seed + 7919L * s)),
                transformers));
    }

    /**
     * Predicts in batches of {@value #PREDICT_BATCH} consecutive molecules. Plain predictions run on every core: the
     * caller's thread and the shared workers ({@link Nd4jRuntime#workerPool()}) each take the next batch until none
     * is left, each on a network of its own (the layers keep per-pass state; the others are the model's copies, given
     * the network's values at each call), so a batch's numbers do not depend on the thread. Monte-Carlo dropout samples run in order on one
     * thread: their masks come from one generator. Each batch's arrays live in a workspace, reused batch after batch.
     */
    private synchronized double[][] predict(GraphDataset data, GraphConvNetwork.Mode mode, SplittableRandom masks) {
        checkAtoms(data);
        double[][] out = new double[data.size()][];
        int batches = (data.size() + PREDICT_BATCH - 1) / PREDICT_BATCH;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int threads = mode == GraphConvNetwork.Mode.INFER ? Math.min(Nd4jRuntime.workers(), batches) : 1;
        List<java.util.concurrent.CompletableFuture<Void>> others = new ArrayList<>();
        for (int k = 1; k < threads; k++) {
            GraphConvNetwork copy = replica(k);
            others.add(java.util.concurrent.CompletableFuture.runAsync(
                    () -> predictBatches(copy, SHARD_WORKSPACE, data, batches, next, mode, null, out),
                    Nd4jRuntime.workerPool()));
        }
        predictBatches(network, PREDICT_WORKSPACE, data, batches, next, mode, masks, out);
        others.forEach(java.util.concurrent.CompletableFuture::join);
        return out;
    }

    /**
     * The {@code k}-th copy of the network for the workers (k ≥ 1), made once and kept for the model's life, with the
     * network's current values. (Native crashes were once put down to copies made per call; the crashes seen since
     * were inside ND4J broadcasts, which the prediction path no longer uses: see
     * {@link io.chemdl4j.models.layers.Matrices#addRowVector}.)
     */
    private GraphConvNetwork replica(int k) {
        while (replicas.size() < k) {
            replicas.add(network.copy());
        }
        GraphConvNetwork replica = replicas.get(k - 1);
        replica.takeValuesOf(network);
        return replica;
    }

    /** Takes the next batch until none is left and predicts it with {@code net} into its rows of {@code out}. */
    private void predictBatches(GraphConvNetwork net, String workspace, GraphDataset data, int batches,
                                java.util.concurrent.atomic.AtomicInteger next, GraphConvNetwork.Mode mode,
                                SplittableRandom masks, double[][] out) {
        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
            int from = b * PREDICT_BATCH;
            int rows = Math.min(PREDICT_BATCH, data.size() - from);
            double[] p;
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored = Nd4jRuntime.scope(workspace)) {
                p = run(net, data, IntStream.range(from, from + rows).toArray(), mode, false, masks).predictions();
            }
            int width = p.length / rows;
            for (int i = 0; i < rows; i++) {
                out[from + i] = Arrays.copyOfRange(p, i * width, (i + 1) * width);
            }
        }
    }

    /** Loss of {@code data} as one batch with batch statistics and no dropout, and its gradients. For tests. */
    synchronized GraphConvNetwork.Result lossAndGradients(GraphDataset data) {
        return run(data, IntStream.range(0, data.size()).toArray(), GraphConvNetwork.Mode.TRAIN_DETERMINISTIC, true);
    }

    /** Loss of {@code data} as {@link #lossAndGradients} computes it, without the gradients. For tests. */
    synchronized double loss(GraphDataset data) {
        return run(data, IntStream.range(0, data.size()).toArray(), GraphConvNetwork.Mode.TRAIN_DETERMINISTIC, false).loss();
    }

    /** The live parameter arrays and batch-normalization moving statistics, by name. */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new java.util.LinkedHashMap<>(network.params);
        state.putAll(network.moving);
        return state;
    }

    /** The live parameter arrays by name (tests perturb them for finite differences). */
    Map<String, INDArray> parameters() {
        return network.params;
    }

    private void checkCompatible(GraphDataset data) {
        checkAtoms(data);
        if (!data.tasks().equals(tasks)) {
            throw new IllegalArgumentException("model tasks " + tasks + " differ from dataset tasks " + data.tasks());
        }
    }

    private void checkAtoms(GraphDataset data) {
        if (data.size() > 0 && data.graph(0).atomFeatureLength() != network.atomFeatures()) {
            throw new IllegalArgumentException("model expects " + network.atomFeatures() + " atom features, graphs have "
                    + data.graph(0).atomFeatureLength());
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

    /** The configuration it was made with. */
    public GraphConvConfig config() {
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
