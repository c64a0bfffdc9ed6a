package io.chemdl4j.models.multitask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.models.DropoutUncertainty;
import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.NdArrays;
import io.chemdl4j.models.SavableModel;
import io.chemdl4j.models.SeededDropout;
import io.chemdl4j.models.TaskSoftmaxCrossEntropy;
import io.chemdl4j.models.TrainableModel;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.WeightedSquaredError;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.split.Permutations;
import io.chemdl4j.moleculenet.store.DiskDataset;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A fully connected multitask network on Deeplearning4j (DeepChem's {@code MultitaskClassifier} /
 * {@code MultitaskRegressor}): hidden ReLU layers with dropout, one output block per task, and a
 * loss that multiplies every label's loss by its weight {@code w}, so missing labels (weight 0)
 * count for nothing.
 *
 * <p>{@link #fit} trains in place, as DeepChem's models do, and records each epoch in
 * {@link #history()}. Prediction and evaluation are safe from several threads; {@code fit} is
 * serialized with them.
 *
 * <p>The network is DL4J's (its configuration, parameters and Adam's state are what a saved model holds), but the
 * toolkit's own architecture trains and predicts without DL4J's dense products: {@link SparseInputTrainer} takes
 * the same training steps with a first layer that adds up the weight rows of the set fingerprint bits, and
 * {@link SparseInputForward} predicts so, about three times faster on Tox21. A network of one's own ({@link #wrap})
 * made of dense layers with ReLU, tanh, sigmoid or no activation, trained by Adam or SGD, trains and predicts so too;
 * one of another shape trains and predicts through DL4J. A loaded model of the toolkit's architecture predicts from
 * its saved weights ({@link SavedNetwork}) and builds DL4J's network only when something needs it (training, dropout
 * sampling, the live parameters), which a prediction never does.
 */
public abstract sealed class MultitaskModel implements SavableModel, TrainableModel<Dataset>, DropoutUncertainty<Dataset>,
        io.chemdl4j.models.SparseRowPredictor
        permits MultitaskClassifier, MultitaskRegressor, MultitaskMulticlass {
    private static final int PREDICT_BATCH = 2048;

    private final List<String> tasks;
    private final int featureCount;
    /** K of a multiclass network, else 0; set before the network is built, whose output width it fixes. */
    private final int classes;
    private final MultitaskConfig config;
    /** DL4J's network; {@code null} until first needed when the model was loaded as {@link #unbuilt}. */
    private MultiLayerNetwork network;
    /**
     * The saved network this model was loaded from, predicting without DL4J, until {@link #net} builds DL4J's
     * network from it; else {@code null}.
     */
    private SavedNetwork unbuilt;
    private final List<EpochRecord> history;
    private final SplittableRandom batchOrder;
    /** The toolkit's own training step for this network, chosen at the first fit ({@code null}: DL4J's fit). */
    private SparseInputTrainer trainer;
    private boolean trainerChosen;
    /**
     * The trainer whose weights and Adam's state are newer than the network's ({@code null}: none): training leaves
     * them in the trainer from epoch to epoch, and {@link #net} puts them into the network when anything else needs
     * it (saving, the live parameters, dropout sampling), not after every epoch (a copy and a transposition of
     * 12 MB each time).
     */
    private SparseInputTrainer ahead;
    /**
     * The toolkit's own forward pass over a copy of the current weights ({@code null}: to be made); dropped
     * whenever the weights may change (training, and handing out the live parameter arrays).
     */
    private SparseInputForward forward;
    private boolean forwardChecked;

    MultitaskModel(List<String> tasks, int featureCount, MultitaskConfig config) {
        this(tasks, featureCount, config, null, List.of());
    }

    /** Restores a model; {@code network == null} builds a fresh one. */
    MultitaskModel(List<String> tasks, int featureCount, MultitaskConfig config, Restored network,
                   List<EpochRecord> history) {
        this(tasks, featureCount, config, 0, network, history);
    }

    /** Restores a model of {@code classes} classes per task (0 unless multiclass); {@code network == null} builds one. */
    MultitaskModel(List<String> tasks, int featureCount, MultitaskConfig config, int classes, Restored network,
                   List<EpochRecord> history) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one task");
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("feature count must be positive, got " + featureCount);
        }
        this.tasks = List.copyOf(tasks);
        this.featureCount = featureCount;
        this.classes = classes;
        this.config = config;
        if (network != null && network.saved() != null) {
            // predicting from the saved arrays needs no ND4J (SparseInputForward), which starts when DL4J's network is
            // built (training, dropout, the live parameters)
            this.unbuilt = network.saved();
        } else {
            Nd4jRuntime.ensureConfigured();
            this.network = network != null ? network.network() : buildNetwork();
        }
        this.history = new ArrayList<>(history);
        this.batchOrder = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L * (history.size() + 1));
    }

    /**
     * The output layer a user's own network must end with to be wrapped by {@link #wrap}: per task two
     * logits (classification) or one value (regression), identity activation, and the toolkit's loss
     * that multiplies each label's loss by its weight {@code w}. Set its {@code nIn} and build it.
     */
    public static OutputLayer.Builder outputLayer(TaskType type, int tasks) {
        if (type == TaskType.MULTICLASS) {
            throw new IllegalArgumentException("a multiclass output needs its class count: outputLayer(type, tasks, classes)");
        }
        return outputLayer(type, tasks, 0);
    }

    /** {@link #outputLayer(TaskType, int)} with {@code classes} logits per task for {@link TaskType#MULTICLASS}. */
    public static OutputLayer.Builder outputLayer(TaskType type, int tasks, int classes) {
        int perTask = outputsPerTask(type, classes);
        return new OutputLayer.Builder(type == TaskType.REGRESSION ? new WeightedSquaredError()
                : new TaskSoftmaxCrossEntropy(perTask)).nOut((long) tasks * perTask).activation(Activation.IDENTITY);
    }

    private static int outputsPerTask(TaskType type, int classes) {
        if ((type == TaskType.MULTICLASS) != (classes != 0) || (classes != 0 && classes < 2)) {
            throw new IllegalArgumentException("classes are 2 or more for multiclass labels and 0 otherwise, got "
                    + classes + " for " + type.id());
        }
        return switch (type) {
            case CLASSIFICATION -> 2;
            case REGRESSION -> 1;
            case MULTICLASS -> classes;
        };
    }

    /**
     * A user's own DL4J network as a toolkit model (DeepChem's {@code KerasModel} case): it then trains
     * with {@link #fit} in seeded shuffled batches with the weighted loss, predicts, evaluates with
     * transformers undone, samples Monte-Carlo dropout if its layers have dropout, trains under
     * {@link io.chemdl4j.models.training.Training} (early stopping, checkpoints) and saves and loads like the built-in networks.
     *
     * @param network  an initialized network whose input is the feature rows and whose last layer is
     *                 {@link #outputLayer}; the model owns it from now on
     * @param training batch size and seed (batch order) for {@link #fit}; its layer sizes, dropout and
     *                 learning rate do not apply, as the network brings its own
     * @throws IllegalArgumentException if the network is not initialized or does not end with {@link #outputLayer}
     */
    public static MultitaskModel wrap(TaskType type, List<String> tasks, MultiLayerNetwork network,
                                      MultitaskConfig training) {
        return wrap(type, 0, tasks, network, training);
    }

    /**
     * {@link #wrap(TaskType, List, MultiLayerNetwork, MultitaskConfig)} for a network of {@code classes}
     * classes per task ({@link TaskType#MULTICLASS}, ending with {@code outputLayer(type, tasks, classes)}).
     */
    public static MultitaskModel wrap(TaskType type, int classes, List<String> tasks, MultiLayerNetwork network,
                                      MultitaskConfig training) {
        // (see seedWeights: DL4J's own initialization of the network is not reproducible)
        if (network.params() == null || network.getnLayers() == 0) {
            throw new IllegalArgumentException("the network must be initialized (call init()) before it is wrapped");
        }
        org.deeplearning4j.nn.conf.layers.Layer last = network.getLayerWiseConfigurations()
                .getConf(network.getnLayers() - 1).getLayer();
        int perTask = outputsPerTask(type, classes);
        long outputs = (long) tasks.size() * perTask;
        if (!(last instanceof OutputLayer output)
                || !(type == TaskType.REGRESSION ? output.getLossFn() instanceof WeightedSquaredError
                        : output.getLossFn() instanceof TaskSoftmaxCrossEntropy softmax && softmax.classes() == perTask)
                || output.getNOut() != outputs
                || !(output.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationIdentity)) {
            throw new IllegalArgumentException("the network's last layer must be MultitaskModel.outputLayer(" + type
                    + ", " + tasks.size() + (classes == 0 ? "" : ", " + classes) + "): " + outputs
                    + " outputs, identity activation, the toolkit's weighted loss; found " + last);
        }
        int features = Math.toIntExact(network.layerInputSize(0));
        return create(type, classes, tasks, features, training, Restored.of(network), List.of());
    }

    /** Output columns per task: 2 logits for classification, 1 value for regression. */
    abstract int outputsPerTask();

    /** Label columns the loss reads per task (they carry the weights too). */
    abstract int labelColumnsPerTask();

    abstract ILossFunction lossFunction();

    @Override
    public abstract TaskType taskType();

    /** Name stored in saved models, e.g. {@code "multitask_classifier"}. */
    public abstract String typeId();

    /**
     * Writes the loss's label array for {@code rows} molecules with labels {@code y} and weights
     * {@code w} (row-major, one column per task). The weights go into the labels, never into DL4J's
     * label mask: DL4J multiplies the output layer's pre-activations by that mask too.
     */
    abstract void encodeLabels(float[] y, float[] w, int rows, float[] labelsOut);

    /**
     * Predictions {@code [molecule][task]} from a batch of network outputs: {@code rows} rows of {@code width} values,
     * row-major.
     */
    abstract double[][] decodeOutputs(float[] outputs, int rows, int width);

    private MultiLayerNetwork buildNetwork() {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(adam(config))
                .l2(config.weightDecay())
                .list();
        int nIn = featureCount;
        double retain = 1.0 - config.dropout();
        for (int i = 0; i < config.layerSizes().size(); i++) {
            int size = config.layerSizes().get(i);
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(nIn).nOut(size).activation(Activation.RELU)
                    .weightInit(new NormalDistribution(0, config.weightInitStddev())).biasInit(config.biasInit());
            // DL4J applies a layer's dropout to its input; DeepChem drops each hidden layer's output,
            // which is the input of the next layer. Hence dropout on every layer but the first.
            if (i > 0 && config.dropout() > 0) {
                dense.dropOut(new SeededDropout(retain, config.seed() * 31 + i));
            }
            layers.layer(dense.build());
            nIn = size;
        }
        OutputLayer.Builder output = new OutputLayer.Builder(lossFunction()).nIn(nIn)
                .nOut(tasks.size() * outputsPerTask()).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER_UNIFORM).biasInit(0.0);
        if (config.dropout() > 0) {
            output.dropOut(new SeededDropout(retain, config.seed() * 31 + config.layerSizes().size()));
        }
        layers.layer(output.build());
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        initializeWeights(net);
        return net;
    }

    private static Adam adam(MultitaskConfig config) {
        org.nd4j.linalg.schedule.ISchedule schedule = config.schedule().toNd4j(config.learningRate());
        return schedule == null ? new Adam(config.learningRate()) : new Adam(schedule);
    }

    /**
     * Redraws the weight matrices of every layer of an initialized network from a generator seeded by
     * {@code seed} (Glorot/Xavier-uniform: U(-a, a) with a = sqrt(6 / (fan in + fan out))); biases are
     * left as configured. DL4J 1.0.0-M2.1 ignores the configured seed when it initializes a network, so
     * a network of one's own, to be {@linkplain #wrap wrapped}, trains reproducibly only after this.
     */
    public static void seedWeights(MultiLayerNetwork network, long seed) {
        java.util.Random random = new java.util.Random(seed);
        Map<String, INDArray> params = network.paramTable();
        for (int l = 0; l < network.getnLayers(); l++) {
            INDArray w = params.get(l + "_W");
            if (w == null || w.rank() != 2) {
                continue;
            }
            long fanIn = w.size(0);
            long fanOut = w.size(1);
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            float[] values = new float[Math.toIntExact(fanIn * fanOut)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
            }
            network.setParam(l + "_W", Nd4j.create(values, new long[] {fanIn, fanOut}, w.ordering()));
        }
    }

    /**
     * Draws the initial weights from a generator seeded by the configuration. DL4J 1.0.0-M2.1's own
     * initialization ignores the configured seed (two networks of one configuration differ), so the
     * weights are set here: hidden layers N(0, stddev), the output layer Xavier-uniform; biases keep
     * their configured constants.
     */
    private void initializeWeights(MultiLayerNetwork net) {
        java.util.Random random = new java.util.Random(config.seed());
        int layers = net.getnLayers();
        for (int l = 0; l < layers; l++) {
            INDArray w = net.getParam(l + "_W");
            long fanIn = w.size(0);
            long fanOut = w.size(1);
            float[] values = new float[(int) (fanIn * fanOut)];
            if (l < layers - 1) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * config.weightInitStddev());
                }
            } else {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            }
            net.setParam(l + "_W", Nd4j.create(values, new long[] {fanIn, fanOut}, w.ordering()));
        }
    }

    /**
     * Trains for {@code epochs} passes over {@code train} in shuffled batches, seeded by the
     * configuration's seed, and returns the records of these epochs.
     */
    @Override
    public synchronized List<EpochRecord> fit(Dataset train, int epochs) {
        return fit(train, epochs, chosenTrainer());
    }

    /**
     * Trains for {@code epochs} passes over a disk dataset, which may be larger than the heap: one shard in memory
     * at a time, the shards in a seeded random order and the molecules shuffled within each (DeepChem's
     * {@code DiskDataset.iterbatches}), {@code transformers} (those fitted on the training labels, e.g. balancing
     * weights) applied to each shard as it is read. Batches do not cross shards, so a shard's last batch may be
     * smaller. A dataset of one shard is trained exactly as {@link #fit(Dataset, int)} trains the same molecules.
     *
     * @throws IllegalArgumentException if the dataset's tasks or feature count are not the model's, or it holds graphs
     */
    public synchronized List<EpochRecord> fit(DiskDataset train, List<? extends Transformer> transformers, int epochs) {
        if (train.holdsGraphs() || train.featureCount() != featureCount || !train.tasks().equals(tasks)) {
            throw new IllegalArgumentException("model expects " + featureCount + " features and tasks " + tasks
                    + "; " + train + " does not match");
        }
        SparseInputTrainer chosen = chosenTrainer();
        return train(epochs, chosen, train.size(), pass -> {
            int[] shards = train.shardCount() == 1 ? new int[] {0} : permutation(train.shardCount());
            for (int shard : shards) {
                Dataset rows = train.shard(shard).transform(transformers);
                pass.batches(rows, permutation(rows.size()));
            }
        });
    }

    private SparseInputTrainer chosenTrainer() {
        if (!trainerChosen) {
            trainer = SparseInputTrainer.of(net());
            trainerChosen = true;
        }
        return trainer;
    }

    /**
     * {@link #fit(Dataset, int)} through {@code trainer}, the toolkit's own training step for its architecture,
     * or through DL4J's {@code fit} when it is {@code null} (a user's own network). Both train the same network
     * from the same seed ({@code SparseInputTrainerTest}).
     */
    synchronized List<EpochRecord> fit(Dataset train, int epochs, SparseInputTrainer trainer) {
        checkCompatible(train);
        return train(epochs, trainer, train.size(), pass -> pass.batches(train, permutation(train.size())));
    }

    /**
     * Runs {@code epochs} epochs, each one {@code epoch} over {@code size} molecules that hands batches to the pass,
     * and records them.
     */
    private List<EpochRecord> train(int epochs, SparseInputTrainer trainer, int size,
                                    java.util.function.Consumer<EpochPass> epoch) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be non-negative, got " + epochs);
        }
        List<EpochRecord> records = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            int number = history.size(); // the learning-rate schedule counts epochs over the model's life
            if (ahead != trainer) {
                storeTrainedState(); // another trainer (or DL4J's fit) trains now: from the network
            }
            built().setEpochCount(number);
            if (trainer != null && ahead == null) {
                trainer.load(built());
            }
            EpochPass pass = new EpochPass(trainer, number, built().getIterationCount());
            epoch.accept(pass);
            if (trainer != null) {
                ahead = trainer;
                setIterationCount(pass.iteration);
            }
            dropForward();
            EpochRecord record = new EpochRecord(history.size() + 1, size == 0 ? 0 : pass.lossSum / size,
                    (System.nanoTime() - start) / 1e9);
            history.add(record);
            records.add(record);
        }
        return List.copyOf(records);
    }

    /** One epoch's training steps: batches of the configured size in a given order, and the loss summed. */
    private final class EpochPass {
        private final SparseInputTrainer trainer;
        private final int epoch;
        private int iteration;
        private double lossSum;

        EpochPass(SparseInputTrainer trainer, int epoch, int iteration) {
            this.trainer = trainer;
            this.epoch = epoch;
            this.iteration = iteration;
        }

        /** One step per batch of {@code data}'s rows in {@code order}. */
        void batches(Dataset data, int[] order) {
            int n = order.length;
            int b = config.batchSize();
            int columns = tasks.size() * labelColumnsPerTask();
            for (int from = 0; from < n; from += b) {
                int rows = Math.min(b, n - from);
                int[] idx = java.util.Arrays.copyOfRange(order, from, from + rows);
                if (trainer == null) {
                    net().fit(batch(data, idx));
                    lossSum += net().score() * rows;
                } else {
                    lossSum += trainer.step(data, idx, labels(data, idx, columns), columns, iteration++, epoch) * rows;
                }
            }
        }
    }

    private int[] permutation(int n) {
        return Permutations.of(n, batchOrder);
    }

    /** A network batch: features and the encoded, weighted labels. */
    DataSet batch(Dataset data, int[] idx) {
        int rows = idx.length;
        float[] x = new float[rows * featureCount];
        data.copyFeatures(idx, x);
        int columns = tasks.size() * labelColumnsPerTask();
        return new DataSet(Nd4j.create(x, new long[] {rows, featureCount}, 'c'),
                Nd4j.create(labels(data, idx, columns), new long[] {rows, columns}, 'c'));
    }

    /** The loss's label array of rows {@code idx}: labels and weights encoded, {@code columns} per molecule. */
    private float[] labels(Dataset data, int[] idx, int columns) {
        int rows = idx.length;
        float[] y = new float[rows * tasks.size()];
        float[] w = new float[rows * tasks.size()];
        data.copyLabels(idx, y);
        data.copyWeights(idx, w);
        float[] labels = new float[rows * columns];
        encodeLabels(y, w, rows, labels);
        return labels;
    }

    /**
     * Loss of {@code data} (all rows as one batch, no dropout) and its gradient, flattened in the
     * network's parameter order. For tests and diagnostics.
     */
    synchronized LossAndGradient lossAndGradient(Dataset data) {
        checkCompatible(data);
        DataSet batch = batch(data, IntStream.range(0, data.size()).toArray());
        MultiLayerNetwork copy = net().clone();
        copy.setInput(batch.getFeatures());
        copy.setLabels(batch.getLabels());
        copy.computeGradientAndScore();
        float[] gradient = NdArrays.toFloats(copy.gradient().gradient());
        return new LossAndGradient(copy.score(), gradient);
    }

    /** A loss and its gradient. */
    record LossAndGradient(double loss, float[] gradient) {
    }

    /**
     * Predictions {@code [molecule][task]} in the label space the model was trained on:
     * probabilities of class 1 for classifiers, (transformed) values for regressors.
     */
    @Override
    public double[][] predict(Dataset data) {
        return predict(data, false);
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
    public synchronized Uncertainty predictWithDropout(Dataset data, int samples, long seed,
                                                       List<Transformer> transformers) {
        int iteration = net().getIterationCount();
        try {
            return Uncertainty.sampleDropout(config.dropout(), samples, s -> {
                // SeededDropout draws its masks from (layer seed, iteration): negative iterations, which
                // training never reaches, give each sample its own masks
                setIterationCount((int) -(1 + s + 100_003L * Math.floorMod(seed, 20_000L)));
                return Transformer.untransformAll(predict(data, true), transformers);
            });
        } finally {
            setIterationCount(iteration);
        }
    }

    /** The iteration count the layers see (DL4J keeps one per layer besides the network's). */
    private void setIterationCount(int iteration) {
        built().setIterationCount(iteration);
        for (org.deeplearning4j.nn.api.Layer layer : built().getLayers()) {
            layer.setIterationCount(iteration);
        }
    }

    /**
     * {@inheritDoc} Rows go straight into the first layer's sparse product; a network of one's own
     * ({@link #wrap wrapped}, which DL4J computes) gets their dense rows.
     */
    @Override
    public double[][] predictSparse(List<io.chemdl4j.featurize.SparseFeatures> rows) {
        SparseInputForward sparse = sparseForward();
        if (sparse == null) {
            return predict(Dataset.unlabelled(
                    rows.stream().map(io.chemdl4j.featurize.SparseFeatures::toDense).toArray(float[][]::new), tasks));
        }
        double[][] out = new double[rows.size()][];
        for (int from = 0; from < rows.size(); from += PREDICT_BATCH) {
            int n = Math.min(PREDICT_BATCH, rows.size() - from);
            double[][] decoded = decodeOutputs(sparse.outputs(rows.subList(from, from + n)), n, sparse.outputs());
            System.arraycopy(decoded, 0, out, from, n);
        }
        return out;
    }

    private double[][] predict(Dataset data, boolean dropout) {
        checkFeatures(data);
        double[][] out = new double[data.size()][];
        SparseInputForward sparse = dropout ? null : sparseForward();
        for (int from = 0; from < data.size(); from += PREDICT_BATCH) {
            int rows = Math.min(PREDICT_BATCH, data.size() - from);
            int[] idx = IntStream.range(from, from + rows).toArray();
            double[][] decoded;
            if (sparse != null) {
                decoded = decodeOutputs(sparse.outputs(data, idx), rows, sparse.outputs());
            } else {
                float[] x = new float[rows * featureCount];
                data.copyFeatures(idx, x);
                INDArray outputs;
                synchronized (this) {
                    outputs = net().output(Nd4j.create(x, new long[] {rows, featureCount}, 'c'), dropout);
                }
                decoded = decodeOutputs(NdArrays.toFloats(outputs), rows, (int) outputs.size(1));
            }
            System.arraycopy(decoded, 0, out, from, rows);
        }
        return out;
    }

    /**
     * Saves the model with what is needed to predict from SMILES: the featurizer that made its inputs
     * and the transformers to undo on its outputs. The directory is written atomically.
     */
    @Override
    public synchronized void save(Path directory, FeaturizerSpec featurizer, List<Transformer> transformers)
            throws IOException {
        ModelIO.write(directory, new ModelIO.Contents(typeId(), ModelIO.Contents.formatVersion(
                ModelIO.ARRAYS_FORMAT_VERSION, classes), tasks, featureCount, "config", config, history(), classes),
                featurizer, transformers, dir -> {
                    Files.writeString(dir.resolve(CONFIGURATION), net().getLayerWiseConfigurations().toJson());
                    Map<String, INDArray> arrays = new LinkedHashMap<>(net().paramTable());
                    INDArray updater = net().getUpdater(true).getStateViewArray();
                    if (updater != null) {
                        arrays.put(UPDATER_STATE, updater);
                    }
                    ModelIO.writeArrays(dir.resolve(PARAMETERS), arrays);
                });
    }

    /** The network's DL4J configuration (JSON) inside a model directory of format version 4. */
    public static final String CONFIGURATION = "network.json";
    /** The network's parameters and Adam's state inside a model directory of format version 4. */
    public static final String PARAMETERS = "parameters.zip";
    /** The entry of {@value #PARAMETERS} that holds the updater's (Adam's) state. */
    static final String UPDATER_STATE = "updater_state";
    /** Largest network configuration read back. */
    static final long MAX_CONFIGURATION_BYTES = 16 << 20;

    /** The entries of a format-1 network file: what DL4J's serializer wrote for ChemDL4J, nothing else. */
    private static final java.util.Set<String> NETWORK_ENTRIES = java.util.Set.of("configuration.json",
            "coefficients.bin", "updaterState.bin");

    /**
     * A network of format version 1 ({@value ModelIO#NETWORK}, written by DL4J's serializer), read by ChemDL4J
     * itself, not by DL4J's serializer, which deserializes Java objects from entries such as
     * {@code preprocessor.bin}: any entry but the configuration (JSON), the parameters and the updater's state
     * (ND4J arrays, read with a size cap) is refused, and their lengths must fit the configuration.
     */
    private static MultiLayerNetwork loadLegacyNetwork(ModelIO.SavedFiles files) throws ModelFormatException {
        Path file = files.directory().resolve(ModelIO.NETWORK);
        Map<String, byte[]> entries = files.entries(ModelIO.NETWORK, NETWORK_ENTRIES::contains,
                (int) MAX_CONFIGURATION_BYTES + (256 << 20));
        byte[] json = entries.get("configuration.json");
        byte[] coefficients = entries.get("coefficients.bin");
        if (json == null || coefficients == null) {
            throw new ModelFormatException(file + ": configuration.json or coefficients.bin is missing");
        }
        MultiLayerNetwork network = build(file, new String(json, java.nio.charset.StandardCharsets.UTF_8));
        try {
            INDArray params = ModelIO.read("coefficients.bin", new java.io.ByteArrayInputStream(coefficients));
            if (params.length() != network.numParams()) {
                throw new ModelFormatException(file + ": coefficients.bin has " + params.length()
                        + " values, the configuration needs " + network.numParams());
            }
            network.setParams(params.reshape(network.params().shape()).castTo(network.params().dataType()));
            byte[] updater = entries.get("updaterState.bin");
            if (updater != null) {
                setUpdaterState(file, network,
                        ModelIO.read("updaterState.bin", new java.io.ByteArrayInputStream(updater)));
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(file + " cannot be read: " + e.getMessage(), e);
        }
        return network;
    }

    /** A fresh network of DL4J's JSON configuration {@code json} (Jackson, no Java objects). */
    static MultiLayerNetwork build(Path file, String json) throws ModelFormatException {
        Nd4jRuntime.ensureConfigured();
        try {
            MultiLayerNetwork network = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            network.init();
            return network;
        } catch (RuntimeException e) {
            throw new ModelFormatException(file + " is not a network configuration: " + e.getMessage(), e);
        }
    }

    /** Puts Adam's saved state into {@code network}, whose configuration fixes its length. */
    static void setUpdaterState(Path file, MultiLayerNetwork network, INDArray saved)
            throws ModelFormatException {
        INDArray state = network.getUpdater(true).getStateViewArray();
        if (state == null) {
            return;
        }
        checkUpdaterLength(file, saved.length(), state.length());
        state.assign(saved.reshape(state.shape()).castTo(state.dataType()));
    }

    /** Refuses an updater's state of {@code saved} values where the configuration needs {@code needed}. */
    static void checkUpdaterLength(Path file, long saved, long needed) throws ModelFormatException {
        if (saved != needed) {
            throw new ModelFormatException(file + ": the updater's state has " + saved
                    + " values, the configuration needs " + needed);
        }
    }

    /**
     * Reads back a model saved by {@link #save}: its configuration from the manifest, its network from
     * {@value #CONFIGURATION} and {@value #PARAMETERS} (format 4 on; the toolkit's own architecture predicts from
     * them without building DL4J's network, {@link SavedNetwork}) or {@value ModelIO#NETWORK} (format 1).
     *
     * @throws ModelFormatException if a file is missing or cannot be read
     */
    public static MultitaskModel load(ModelIO.SavedFiles files) throws ModelFormatException {
        MultitaskConfig config = files.config("config", MultitaskConfig.class);
        // refuses another type before anything else is read
        TaskType type = files.taskType(MultitaskClassifier.TYPE_ID, MultitaskRegressor.TYPE_ID, MultitaskMulticlass.TYPE_ID);
        Restored network;
        if (files.formatVersion() >= ModelIO.ARRAYS_FORMAT_VERSION) {
            SavedNetwork saved = SavedNetwork.read(files);
            int outputs = files.tasks().size() * outputsPerTask(type, files.classes());
            if (saved.plain() && saved.outputs() != outputs) {
                throw new ModelFormatException(files.file(CONFIGURATION) + ": the network has " + saved.outputs()
                        + " outputs, " + files.tasks().size() + " " + type.id() + " tasks need " + outputs);
            }
            network = saved.plain() ? Restored.later(saved) : Restored.of(saved.network());
        } else {
            network = Restored.of(loadLegacyNetwork(files));
        }
        return create(type, files.classes(), files.tasks(), files.featureCount(), config, network, files.history());
    }

    /**
     * The model of {@code type} around {@code network}, or around a new network when it is {@code null}
     * ({@code classes}: K for multiclass, else 0).
     */
    static MultitaskModel create(TaskType type, int classes, List<String> tasks, int features, MultitaskConfig config,
                                 Restored network, List<EpochRecord> history) {
        return switch (type) {
            case CLASSIFICATION -> new MultitaskClassifier(tasks, features, config, network, history);
            case REGRESSION -> new MultitaskRegressor(tasks, features, config, network, history);
            case MULTICLASS -> new MultitaskMulticlass(tasks, features, config, classes, network, history);
        };
    }

    private void checkCompatible(Dataset data) {
        checkFeatures(data);
        if (!data.tasks().equals(tasks)) {
            throw new IllegalArgumentException("model tasks " + tasks + " differ from dataset tasks " + data.tasks());
        }
    }

    private void checkFeatures(Dataset data) {
        if (data.featureCount() != featureCount) {
            throw new IllegalArgumentException("model expects " + featureCount + " features, dataset has "
                    + data.featureCount());
        }
    }

    /** The network's parameter arrays (live views), by DL4J's names such as {@code 0_W}. */
    @Override
    public synchronized Map<String, INDArray> state() {
        dropForward(); // the caller may write into them
        return net().paramTable();
    }

    /** Forgets the forward pass's copy of the weights, which may change now; held under the model's lock. */
    private void dropForward() {
        forward = null;
        forwardChecked = false;
    }

    /**
     * The toolkit's forward pass over the current weights, or {@code null} when the network is not of the toolkit's
     * architecture (a user's own of another shape, {@linkplain #wrap wrapped}): then DL4J predicts.
     */
    private synchronized SparseInputForward sparseForward() {
        // under the lock: a prediction waits for a fit in progress, as the DL4J path does
        if (forward == null && !forwardChecked) {
            forward = ahead != null ? ahead.forward()
                    : network == null ? unbuilt.forward() : SparseInputForward.of(network);
            forwardChecked = true;
        }
        return forward;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    /** Features per molecule it reads. */
    public int featureCount() {
        return featureCount;
    }

    /** The configuration it was made with. */
    public MultitaskConfig config() {
        return config;
    }

    /** Every epoch trained so far, in order. */
    public synchronized List<EpochRecord> history() {
        return List.copyOf(history);
    }

    /** The underlying network, for saving and for advanced use; do not train it behind the model's back. */
    synchronized MultiLayerNetwork network() {
        dropForward(); // the caller may change its weights
        return net();
    }

    /**
     * DL4J's network holding the model's current weights and Adam's state (see {@link #ahead}), built from the saved
     * one at the first call that needs it (training, Monte-Carlo dropout, the live parameters, saving); a model loaded
     * for prediction never builds it.
     */
    private synchronized MultiLayerNetwork net() {
        storeTrainedState();
        return built();
    }

    /** Puts the state that training left in {@link #ahead} into the network, if any. */
    private synchronized void storeTrainedState() {
        if (ahead != null) {
            ahead.store(built());
            ahead = null;
        }
    }

    /**
     * DL4J's network as it is, built at the first call (its weights may be behind {@link #ahead}'s): for its
     * epoch and iteration counters, which training keeps in the network.
     */
    private synchronized MultiLayerNetwork built() {
        if (network == null) {
            try {
                network = unbuilt.network();
            } catch (ModelFormatException e) {
                // its arrays were checked at load against the configuration that DL4J refuses only now
                throw new IllegalStateException(e.getMessage(), e);
            }
            unbuilt = null;
        }
        return network;
    }

    /** Number of trainable parameters. */
    public synchronized long parameterCount() {
        return network == null ? unbuilt.parameterCount() : network.numParams();
    }

    /**
     * The network a model is restored with: DL4J's own ({@link #of}), or a saved one that the model predicts from and
     * builds DL4J's network from when first needed ({@link #later}).
     */
    record Restored(MultiLayerNetwork network, SavedNetwork saved) {
        /** DL4J's network, as it is. */
        static Restored of(MultiLayerNetwork network) {
            return new Restored(java.util.Objects.requireNonNull(network, "network"), null);
        }

        /** A saved network of the toolkit's plain architecture ({@link SavedNetwork#plain}). */
        static Restored later(SavedNetwork saved) {
            if (!saved.plain()) {
                throw new IllegalArgumentException("only the toolkit's plain architecture predicts without DL4J");
            }
            return new Restored(null, saved);
        }
    }
}
