package io.chemdl4j.models;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.moleculenet.DataSource;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.FeaturizationCache;
import io.chemdl4j.moleculenet.LoadOptions;
import io.chemdl4j.moleculenet.MolNet;
import io.chemdl4j.moleculenet.MolNetData;
import io.chemdl4j.moleculenet.TaskType;

/** Runs an {@link ExperimentConfig}: load, featurize, split, transform, train, evaluate every split. */
public final class Experiment {
    private Experiment() {
    }

    /** Gradient steps that the default epoch count guarantees at least. */
    private static final int MIN_DEFAULT_STEPS = 500;
    /** Epochs that the default epoch count guarantees at least. */
    private static final int MIN_DEFAULT_EPOCHS = 10;

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
     * get 10 epochs;
     * Delaney's 902 get 50, the count earlier chosen for Delaney on its validation RMSE.
     */
    public static int defaultEpochs(int trainSize, int batchSize) {
        int stepsPerEpoch = Math.max(1, (trainSize + batchSize - 1) / batchSize);
        return Math.max(MIN_DEFAULT_EPOCHS, (MIN_DEFAULT_STEPS + stepsPerEpoch - 1) / stepsPerEpoch);
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
        long start = System.nanoTime();
        LoadOptions options = new LoadOptions(new EcfpFeaturizer(config.featurizer()), config.splitter(),
                config.seed(), config.fractions(), config.dataDirectory(), Runtime.getRuntime().availableProcessors());
        MolNetData data = MolNet.load(config.source(), options, FeaturizationCache.standard(), progress);
        double featurizeSeconds = (System.nanoTime() - start) / 1e9;
        TaskType type = config.source().taskType();
        MultitaskModel model = config.model().create(type, data.tasks(), data.train().featureCount(),
                config.modelConfig());
        int epochCount = config.epochs().orElse(defaultEpochs(data.train().size(), config.modelConfig().batchSize()));
        List<EpochRecord> epochs = model.fit(data.train(), epochCount);
        List<Metric> metrics = metricsFor(config.source());
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        Map<String, EvaluationResult> details = new LinkedHashMap<>();
        Map<String, Dataset> splits = new LinkedHashMap<>();
        splits.put("train", data.train());
        splits.put("valid", data.valid());
        splits.put("test", data.test());
        splits.forEach((name, dataset) -> {
            EvaluationResult result = model.evaluate(dataset, metrics, data.transformers());
            details.put(name, result);
            scores.put(name, result.means());
        });
        return new ExperimentResult(config, scores, details, epochs, featurizeSeconds, data, model);
    }
}
