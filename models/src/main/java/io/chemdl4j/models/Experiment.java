package io.chemdl4j.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.LoadOptions;
import io.chemdl4j.moleculenet.MolNet;
import io.chemdl4j.moleculenet.MolNetData;
import io.chemdl4j.moleculenet.TaskType;

/** Runs an {@link ExperimentConfig}: load, featurize, split, transform, train, evaluate every split. */
public final class Experiment {
    private Experiment() {
    }

    /** The metrics reported for a task type: ROC-AUC for classification; RMSE, MAE and R² for regression. */
    public static List<Metric> metricsFor(TaskType type) {
        return type == TaskType.CLASSIFICATION ? List.of(Metric.ROC_AUC) : List.of(Metric.RMSE, Metric.MAE, Metric.R2);
    }

    public static ExperimentResult run(ExperimentConfig config) {
        long start = System.nanoTime();
        LoadOptions options = new LoadOptions(new EcfpFeaturizer(config.featurizer()), config.splitter(),
                config.seed(), config.fractions(), config.dataDirectory(), Runtime.getRuntime().availableProcessors());
        MolNetData data = MolNet.load(config.dataset(), options);
        double featurizeSeconds = (System.nanoTime() - start) / 1e9;
        TaskType type = config.dataset().taskType();
        MultitaskModel model = config.model().create(type, data.tasks(), data.train().featureCount(),
                config.modelConfig());
        List<EpochRecord> epochs = model.fit(data.train(), config.epochs());
        List<Metric> metrics = metricsFor(type);
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
