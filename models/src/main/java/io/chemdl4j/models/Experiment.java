package io.chemdl4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * Runs {@code config}: load and featurize (through the standard featurization cache), split,
     * transform, train, and evaluate every split in the original units.
     *
     * @param progress told the rows featurized so far while the data is featurized, or {@code null}
     */
    public static ExperimentResult run(ExperimentConfig config, StreamingFeaturizer.ProgressListener progress) {
        return config.model() == ModelKind.GRAPHCONV ? runGraphs(config) : runFingerprints(config, progress);
    }

    private static ExperimentResult runFingerprints(ExperimentConfig config,
                                                    StreamingFeaturizer.ProgressListener progress) {
        long start = System.nanoTime();
        MolNetData data = MolNet.load(config.source(), loadOptions(config), FeaturizationCache.standard(), progress);
        double featurizeSeconds = (System.nanoTime() - start) / 1e9;
        TaskType type = config.source().taskType();
        if (config.model() == ModelKind.RANDOM_FOREST) {
            Trained<Dataset> run = trainMembers(config, seed -> new Trained<>(RandomForestModel.fit(type, data.train(),
                    config.forestConfig().withSeed(seed), Runtime.getRuntime().availableProcessors()), null, null));
            return score(config, run, data.train(), data.valid(), data.test(), data.transformers(), featurizeSeconds,
                    data.errors(), dir -> {
                        throw new InvalidDataException("saving a random forest is not supported; "
                                + "it is a baseline to compare against, so leave out --save-model");
                    });
        }
        int epochs = config.epochs().orElse(withEarlyStopping(config,
                defaultEpochs(data.train().size(), config.modelConfig().batchSize())));
        Trained<Dataset> run = trainMembers(config, seed -> {
            MultitaskModel network = ModelKind.multitask(type, data.tasks(), data.train().featureCount(),
                    config.modelConfig().withSeed(seed));
            return trainNetwork(config, network, data.train(), data.valid(), epochs, data.transformers());
        });
        return score(config, run, data.train(), data.valid(), data.test(), data.transformers(), featurizeSeconds,
                data.errors(), dir -> {
                    if (run.members.size() > 1) {
                        throw new InvalidDataException("saving an ensemble is not supported yet; "
                                + "train with --ensemble 1 to save");
                    }
                    ((MultitaskModel) run.model).save(dir, data.featurizer(), data.transformers());
                });
    }

    private static ExperimentResult runGraphs(ExperimentConfig config) {
        long start = System.nanoTime();
        MolNetGraphData data = MolNet.loadGraphs(config.source(), loadOptions(config), new GraphFeaturizer());
        double featurizeSeconds = (System.nanoTime() - start) / 1e9;
        int epochs = config.epochs().orElse(withEarlyStopping(config,
                defaultGraphEpochs(data.train().size(), config.graphConfig().batchSize())));
        Trained<GraphDataset> run = trainMembers(config, seed -> {
            GraphConvModel network = new GraphConvModel(config.source().taskType(), data.tasks(),
                    GraphFeaturizer.ATOM_FEATURES, config.graphConfig().withSeed(seed));
            return trainNetwork(config, network, data.train(), data.valid(), epochs, data.transformers());
        });
        return score(config, run, data.train(), data.valid(), data.test(), data.transformers(), featurizeSeconds,
                data.errors(), dir -> {
                    throw new InvalidDataException("saving a graphconv model is not supported yet; "
                            + "train with --model multitask to save, or leave out --save-model");
                });
    }

    /** The most epochs when none are given: twice the default with early stopping, which ends training sooner. */
    private static int withEarlyStopping(ExperimentConfig config, int defaultEpochs) {
        return config.patience() > 0 ? 2 * defaultEpochs : defaultEpochs;
    }

    /** A trained model (one, or an ensemble), the first member's training curve and epochs. */
    private record Trained<D extends LabelledData>(PropertyModel<D> model, TrainingCurve curve,
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

    private static <D extends LabelledData> Trained<D> trainNetwork(ExperimentConfig config, TrainableModel<D> network,
                                                                   D train, D valid, int epochs,
                                                                   List<Transformer> transformers) {
        Metric metric = metricsFor(config.source()).get(0);
        TrainingCurve curve = Training.fit(network, train, valid,
                new TrainingOptions(epochs, metric, config.patience(), null), transformers);
        List<EpochRecord> records = curve.points().stream()
                .map(p -> new EpochRecord(p.epoch(), p.trainLoss(), p.seconds())).toList();
        return new Trained<>(network, curve, records);
    }

    private static <D extends LabelledData> ExperimentResult score(ExperimentConfig config, Trained<D> run, D train,
                                                                   D valid, D test, List<Transformer> transformers,
                                                                   double featurizeSeconds, List<RowError> errors,
                                                                   ExperimentResult.Saver saver) {
        List<Metric> metrics = metricsFor(config.source());
        Map<String, EvaluationResult> details = evaluateSplits(train, valid, test,
                split -> run.model().evaluate(split, metrics, transformers));
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        details.forEach((split, result) -> scores.put(split, result.means()));
        return new ExperimentResult(config, scores, details, run.epochs() == null ? List.of() : run.epochs(),
                Optional.ofNullable(run.curve()), featurizeSeconds, List.of(train.size(), valid.size(), test.size()),
                errors, saver);
    }

    /** {@code train}, {@code valid} and {@code test} scored by {@code evaluate}, in that order. */
    private static <D> Map<String, EvaluationResult> evaluateSplits(D train, D valid, D test,
                                                                    Function<D, EvaluationResult> evaluate) {
        Map<String, EvaluationResult> details = new LinkedHashMap<>();
        details.put("train", evaluate.apply(train));
        details.put("valid", evaluate.apply(valid));
        details.put("test", evaluate.apply(test));
        return details;
    }

    private static LoadOptions loadOptions(ExperimentConfig config) {
        return new LoadOptions(new EcfpFeaturizer(config.featurizer()), config.splitter(), config.seed(),
                config.fractions(), config.dataDirectory(), Runtime.getRuntime().availableProcessors());
    }

}
