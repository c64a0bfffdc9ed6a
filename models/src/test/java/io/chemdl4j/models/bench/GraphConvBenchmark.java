package io.chemdl4j.models.bench;

import java.util.List;
import java.util.Locale;

import io.chemdl4j.featurize.GraphFeaturizer;
import io.chemdl4j.models.EpochRecord;
import io.chemdl4j.models.GraphConvConfig;
import io.chemdl4j.models.GraphConvModel;
import io.chemdl4j.models.Metric;
import io.chemdl4j.moleculenet.DataSource;
import io.chemdl4j.moleculenet.LoadOptions;
import io.chemdl4j.moleculenet.MolNet;
import io.chemdl4j.moleculenet.MolNetDataset;
import io.chemdl4j.moleculenet.MolNetGraphData;
import io.chemdl4j.moleculenet.TaskType;

/**
 * GraphConvModel training benchmark (not a test): seconds per epoch and validation/test scores per
 * epoch. Usage: {@code GraphConvBenchmark DATASET EPOCHS SEED...}; system properties {@code lr},
 * {@code batch}, {@code dropout}, {@code weightDecay}, {@code dense}, {@code conv} (comma-separated
 * widths) and {@code batchNorm} change the default hyperparameters.
 */
public final class GraphConvBenchmark {
    private GraphConvBenchmark() {
    }

    private static GraphConvConfig configured(GraphConvConfig c) {
        String conv = System.getProperty("conv");
        if (conv != null) {
            c = c.withConvLayers(java.util.Arrays.stream(conv.split(",")).map(Integer::valueOf).toList());
        }
        c = c.withLearningRate(Double.parseDouble(System.getProperty("lr", String.valueOf(c.learningRate()))));
        c = c.withBatchSize(Integer.getInteger("batch", c.batchSize()));
        c = c.withDropout(Double.parseDouble(System.getProperty("dropout", String.valueOf(c.dropout()))));
        c = c.withWeightDecay(Double.parseDouble(System.getProperty("weightDecay", String.valueOf(c.weightDecay()))));
        c = c.withDenseSize(Integer.getInteger("dense", c.denseSize()));
        return c.withBatchNormalize(Boolean.parseBoolean(System.getProperty("batchNorm", String.valueOf(c.batchNormalize()))));
    }

    public static void main(String[] args) {
        MolNetDataset dataset = MolNetDataset.byId(args[0]);
        int epochs = Integer.parseInt(args[1]);
        for (int s = 2; s < args.length; s++) {
            long seed = Long.parseLong(args[s]);
            MolNetGraphData data = MolNet.loadGraphs(DataSource.of(dataset), LoadOptions.defaults(seed),
                    new GraphFeaturizer());
            GraphConvModel model = new GraphConvModel(dataset.taskType(), data.tasks(), GraphFeaturizer.ATOM_FEATURES,
                    configured(GraphConvConfig.defaults().withSeed(seed)));
            Metric metric = dataset.taskType() == TaskType.CLASSIFICATION ? Metric.ROC_AUC : Metric.RMSE;
            for (int e = 1; e <= epochs; e++) {
                EpochRecord r = model.fit(data.train(), 1).get(0);
                if (e % 5 == 0 || e == epochs || e <= 2) {
                    double train = model.evaluate(data.train(), List.of(metric), data.transformers()).mean(metric);
                    double valid = model.evaluate(data.valid(), List.of(metric), data.transformers()).mean(metric);
                    double test = model.evaluate(data.test(), List.of(metric), data.transformers()).mean(metric);
                    System.out.printf(Locale.ROOT, "seed %d epoch %3d loss %.4f %.2f s | train %s %.4f | valid %.4f | test %.4f%n",
                            seed, e, r.loss(), r.seconds(), metric.id(), train, valid, test);
                }
            }
        }
    }
}
