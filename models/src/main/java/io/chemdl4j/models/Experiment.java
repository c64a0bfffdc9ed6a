package io.chemdl4j.models;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.featurize.GraphFeaturizer;
import io.chemdl4j.featurize.RowError;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.moleculenet.DataSource;
import io.chemdl4j.moleculenet.FeaturizationCache;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.LoadOptions;
import io.chemdl4j.moleculenet.MolNet;
import io.chemdl4j.moleculenet.MolNetData;
import io.chemdl4j.moleculenet.MolNetGraphData;
import io.chemdl4j.moleculenet.TaskType;

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
        LoadOptions options = loadOptions(config);
        MolNetData data = MolNet.load(config.source(), options, FeaturizationCache.standard(), progress);
        double featurizeSeconds = (System.nanoTime() - start) / 1e9;
        PropertyModel<io.chemdl4j.moleculenet.Dataset> model;
        List<EpochRecord> epochs;
        ExperimentResult.Saver saver;
        if (config.model() == ModelKind.RANDOM_FOREST) {
            model = RandomForestModel.fit(config.source().taskType(), data.train(), config.forestConfig(),
                    Runtime.getRuntime().availableProcessors());
            epochs = List.of();
            saver = dir -> {
                throw new InvalidDataException("saving a random forest is not supported; "
                        + "it is a baseline to compare against, so leave out --save-model");
            };
        } else {
            MultitaskModel network = ModelKind.multitask(config.source().taskType(), data.tasks(),
                    data.train().featureCount(), config.modelConfig());
            int epochCount = config.epochs().orElse(defaultEpochs(data.train().size(),
                    config.modelConfig().batchSize()));
            epochs = network.fit(data.train(), epochCount);
            model = network;
            saver = dir -> network.save(dir, data.featurizer(), data.transformers());
        }
        List<Metric> metrics = metricsFor(config.source());
        Map<String, EvaluationResult> details = evaluateSplits(data.train(), data.valid(), data.test(),
                split -> model.evaluate(split, metrics, data.transformers()));
        return result(config, details, epochs, featurizeSeconds,
                List.of(data.train().size(), data.valid().size(), data.test().size()), data.errors(), saver);
    }

    private static ExperimentResult runGraphs(ExperimentConfig config) {
        long start = System.nanoTime();
        MolNetGraphData data = MolNet.loadGraphs(config.source(), loadOptions(config), new GraphFeaturizer());
        double featurizeSeconds = (System.nanoTime() - start) / 1e9;
        GraphConvModel model = new GraphConvModel(config.source().taskType(), data.tasks(),
                GraphFeaturizer.ATOM_FEATURES, config.graphConfig());
        int epochCount = config.epochs().orElse(defaultGraphEpochs(data.train().size(),
                config.graphConfig().batchSize()));
        List<EpochRecord> epochs = model.fit(data.train(), epochCount);
        List<Metric> metrics = metricsFor(config.source());
        Map<String, EvaluationResult> details = evaluateSplits(data.train(), data.valid(), data.test(),
                split -> model.evaluate(split, metrics, data.transformers()));
        return result(config, details, epochs, featurizeSeconds,
                List.of(data.train().size(), data.valid().size(), data.test().size()), data.errors(), dir -> {
                    throw new InvalidDataException("saving a graphconv model is not supported yet; "
                            + "train with --model multitask to save, or leave out --save-model");
                });
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

    private static ExperimentResult result(ExperimentConfig config, Map<String, EvaluationResult> details,
                                           List<EpochRecord> epochs, double featurizeSeconds, List<Integer> sizes,
                                           List<RowError> errors, ExperimentResult.Saver saver) {
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        details.forEach((split, result) -> scores.put(split, result.means()));
        return new ExperimentResult(config, scores, details, epochs, featurizeSeconds, sizes, errors, saver);
    }
}
