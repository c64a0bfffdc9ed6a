package io.chemdl4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.featurize.GraphFeaturizer;
import io.chemdl4j.featurize.RowError;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.moleculenet.DataSource;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.FeaturizationCache;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.LoadOptions;
import io.chemdl4j.moleculenet.MolNet;
import io.chemdl4j.moleculenet.MolNetData;
import io.chemdl4j.moleculenet.MolNetGraphData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.Transformer;

/** Runs an {@link ExperimentConfig}: load, featurize, split, transform, train, evaluate every split. */
public final class Experiment {
    private Experiment() {
    }

    /**
     * The metrics reported for {@code source}: its own metric first (MoleculeNet's recommendation), then
     * ROC-AUC for classification and RMSE, MAE and R² for regression.
     */
    public static List<Metric> metricsFor(DataSource source) {
        Set<Metric> metrics = new LinkedHashSet<>();
        metrics.add(Metric.byId(source.metric()));
        if (source.taskType() == TaskType.CLASSIFICATION) {
            metrics.add(Metric.ROC_AUC);
        } else {
            metrics.addAll(List.of(Metric.RMSE, Metric.MAE, Metric.R2));
        }
        return List.copyOf(metrics);
    }

    /**
     * Epochs when none are given: at least 10 (the DeepChem tutorial's) and at least 500 gradient
     * steps, so that small sets train long enough. Tox21's 6,411 training molecules in batches of 100
     * get 10 epochs; Delaney's 902 get 50, the count earlier chosen for Delaney on its validation RMSE.
     */
    public static int defaultEpochs(int trainSize, int batchSize) {
        return epochs(trainSize, batchSize, 10, 500);
    }

    /**
     * Epochs of a graph convolution network when none are given: at least 30 and at least 1,500
     * gradient steps. On Tox21 (random split, seed 0) the validation ROC-AUC rises to 0.844 by
     * epoch 20-25 and stays within 0.005 of that to epoch 40.
     */
    public static int defaultGraphEpochs(int trainSize, int batchSize) {
        return epochs(trainSize, batchSize, 30, 1500);
    }

    private static int epochs(int trainSize, int batchSize, int minEpochs, int minSteps) {
        int stepsPerEpoch = Math.max(1, (trainSize + batchSize - 1) / batchSize);
        return Math.max(minEpochs, (minSteps + stepsPerEpoch - 1) / stepsPerEpoch);
    }

    /** Runs {@code config} through the standard featurization cache, without progress reports. */
    public static ExperimentResult run(ExperimentConfig config) {
        return run(config, null);
    }

    /** Told how a run goes, for progress bars; both methods do nothing by default. */
    public interface Listener {
        /** Rows featurized so far (not called when the featurization cache is used). */
        default void rowsFeaturized(long rows) {
        }

        /** An epoch of training finished; {@code member} counts the members of an ensemble from 0. */
        default void epochDone(int member, TrainingCurve.Point point, int maxEpochs) {
        }
    }

    /** Runs {@code config}, telling {@code listener} (may be null) how featurization and training go. */
    public static ExperimentResult run(ExperimentConfig config, Listener listener) {
        Listener l = listener == null ? new Listener() { } : listener;
        return runPrepared(config, prepare(config, l::rowsFeaturized), l);
    }

    private static <D extends LabelledData> ExperimentResult runPrepared(ExperimentConfig config, Prepared<D> data,
                                                                         Listener listener) {
        Trained<D> run = data.train(config, listener);
        List<Metric> metrics = metricsFor(config.source());
        List<SplitPredictions> predictions = List.of(run.model().predictions("train", data.train, data.transformers),
                run.model().predictions("valid", data.valid, data.transformers),
                run.model().predictions("test", data.test, data.transformers));
        Map<String, EvaluationResult> details = new LinkedHashMap<>();
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        for (SplitPredictions p : predictions) {
            EvaluationResult result = p.score(metrics);
            details.put(p.split(), result);
            scores.put(p.split(), result.means());
        }
        return new ExperimentResult(config, scores, details, run.epochs() == null ? List.of() : run.epochs(),
                Optional.ofNullable(run.curve()), predictions, data.featurizeSeconds,
                List.of(data.train.size(), data.valid.size(), data.test.size()), data.errors,
                dir -> data.save(run, dir));
    }

    private static final String ENSEMBLE_NOT_SAVED =
            "saving an ensemble is not supported yet; train with --ensemble 1 to save";

    /**
     * The data of {@code config}, loaded, featurized for its model kind, split and transformed once, and
     * able to train any configuration of that kind on it (hyperparameter search trains many).
     */
    static Prepared<?> prepare(ExperimentConfig config, StreamingFeaturizer.ProgressListener progress) {
        long start = System.nanoTime();
        if (config.model() == ModelKind.GRAPHCONV) {
            MolNetGraphData data = MolNet.loadGraphs(config.source(), loadOptions(config), new GraphFeaturizer());
            return new Prepared<GraphDataset>(data.train(), data.valid(), data.test(), data.transformers(),
                    (System.nanoTime() - start) / 1e9, data.errors()) {
                @Override
                Trained<GraphDataset> train(ExperimentConfig c, Listener listener) {
                    int epochs = c.epochs().orElse(withEarlyStopping(c,
                            defaultGraphEpochs(train.size(), c.graphConfig().batchSize())));
                    return trainMembers(c, seed -> trainNetwork(c, new GraphConvModel(c.source().taskType(),
                            data.tasks(), GraphFeaturizer.ATOM_FEATURES, c.graphConfig().withSeed(seed)), train, valid,
                            epochs, transformers, epochListener(listener, c, seed)));
                }

                @Override
                void save(Trained<GraphDataset> run, Path dir) throws IOException {
                    if (!(run.model() instanceof GraphConvModel network)) {
                        throw new InvalidDataException(ENSEMBLE_NOT_SAVED);
                    }
                    network.save(dir, data.featurizer(), data.transformers());
                }
            };
        }
        MolNetData data = MolNet.load(config.source(), loadOptions(config), FeaturizationCache.standard(), progress);
        TaskType type = config.source().taskType();
        return new Prepared<Dataset>(data.train(), data.valid(), data.test(), data.transformers(),
                (System.nanoTime() - start) / 1e9, data.errors()) {
            @Override
            Trained<Dataset> train(ExperimentConfig c, Listener listener) {
                if (c.model() == ModelKind.RANDOM_FOREST) {
                    return trainMembers(c, seed -> new Trained<>(RandomForestModel.fit(type, train,
                            c.forestConfig().withSeed(seed), Runtime.getRuntime().availableProcessors()), null, null));
                }
                int epochs = c.epochs().orElse(withEarlyStopping(c, defaultEpochs(train.size(),
                        c.modelConfig().batchSize())));
                return trainMembers(c, seed -> trainNetwork(c, ModelKind.multitask(type, data.tasks(),
                        train.featureCount(), c.modelConfig().withSeed(seed)), train, valid, epochs, transformers,
                        epochListener(listener, c, seed)));
            }

            @Override
            void save(Trained<Dataset> run, Path dir) throws IOException {
                if (!(run.model() instanceof MultitaskModel network)) {
                    throw new InvalidDataException(run.members().size() > 1
                            ? ENSEMBLE_NOT_SAVED
                            : "saving a random forest is not supported; it is a baseline to compare against, "
                                    + "so leave out --save-model");
                }
                network.save(dir, data.featurizer(), data.transformers());
            }
        };
    }

    /** Loaded, split and transformed data, and how to train and save a configuration's model on it. */
    abstract static class Prepared<D extends LabelledData> {
        final D train;
        final D valid;
        final D test;
        final List<Transformer> transformers;
        final double featurizeSeconds;
        final List<RowError> errors;

        Prepared(D train, D valid, D test, List<Transformer> transformers, double featurizeSeconds,
                 List<RowError> errors) {
            this.train = train;
            this.valid = valid;
            this.test = test;
            this.transformers = List.copyOf(transformers);
            this.featurizeSeconds = featurizeSeconds;
            this.errors = errors;
        }

        /** Trains {@code config}'s model (or ensemble) on the training split; the validation split may stop it early. */
        abstract Trained<D> train(ExperimentConfig config, Listener listener);

        /** As {@link #train(ExperimentConfig, Listener)}, without progress reports. */
        Trained<D> train(ExperimentConfig config) {
            return train(config, new Listener() { });
        }

        abstract void save(Trained<D> run, Path dir) throws IOException;
    }

    /** The most epochs when none are given: twice the default with early stopping, which ends training sooner. */
    private static int withEarlyStopping(ExperimentConfig config, int defaultEpochs) {
        return config.patience() > 0 ? 2 * defaultEpochs : defaultEpochs;
    }

    /** A trained model (one, or an ensemble), the first member's training curve and epochs. */
    record Trained<D extends LabelledData>(PropertyModel<D> model, TrainingCurve curve,
                                                   List<EpochRecord> epochs, List<PropertyModel<D>> members) {
        Trained(PropertyModel<D> model, TrainingCurve curve, List<EpochRecord> epochs) {
            this(model, curve, epochs, List.of(model));
        }
    }

    /** Trains {@code config.ensembleSize()} members with seeds {@code seed, seed+1, …}. */
    private static <D extends LabelledData> Trained<D> trainMembers(ExperimentConfig config,
                                                                   java.util.function.LongFunction<Trained<D>> member) {
        List<PropertyModel<D>> members = new ArrayList<>();
        Trained<D> first = null;
        for (int k = 0; k < config.ensembleSize(); k++) {
            Trained<D> t = member.apply(config.seed() + k);
            first = first == null ? t : first;
            members.add(t.model());
        }
        PropertyModel<D> model = members.size() == 1 ? members.get(0) : new Ensemble<>(members);
        return new Trained<>(model, first.curve(), first.epochs(), List.copyOf(members));
    }

    private static Training.EpochListener epochListener(Listener listener, ExperimentConfig config, long seed) {
        int member = (int) (seed - config.seed());
        return (point, maxEpochs) -> listener.epochDone(member, point, maxEpochs);
    }

    private static <D extends LabelledData> Trained<D> trainNetwork(ExperimentConfig config, TrainableModel<D> network,
                                                                   D train, D valid, int epochs,
                                                                   List<Transformer> transformers,
                                                                   Training.EpochListener listener) {
        Metric metric = metricsFor(config.source()).get(0);
        TrainingCurve curve = Training.fit(network, train, valid,
                new TrainingOptions(epochs, metric, config.patience(), null), transformers, listener);
        List<EpochRecord> records = curve.points().stream()
                .map(p -> new EpochRecord(p.epoch(), p.trainLoss(), p.seconds())).toList();
        return new Trained<>(network, curve, records);
    }

    private static LoadOptions loadOptions(ExperimentConfig config) {
        return new LoadOptions(new EcfpFeaturizer(config.featurizer()), config.splitter(), config.seed(),
                config.fractions(), config.dataDirectory(), Runtime.getRuntime().availableProcessors());
    }

}
