package io.chemdl4j.models.bench;

import java.util.List;
import java.util.Locale;

import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.models.graphconv.GraphConvConfig;
import io.chemdl4j.models.graphconv.GraphConvModel;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.training.LearningRateSchedule;
import io.chemdl4j.models.training.Training;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.models.training.TrainingOptions;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.load.LoadOptions;

/**
 * GraphConvModel training benchmark (not a test): seconds per epoch and validation/test scores per
 * epoch. Usage: {@code GraphConvBenchmark DATASET EPOCHS SEED...}; system properties {@code lr},
 * {@code batch}, {@code dropout}, {@code weightDecay}, {@code dense}, {@code conv} (comma-separated
 * widths), {@code batchNorm} and {@code lrDecay} change the default hyperparameters; {@code patience}
 * turns on early stopping (EPOCHS is then the most).
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
        double decay = Double.parseDouble(System.getProperty("lrDecay", "1"));
        c = c.withSchedule(decay == 1 ? LearningRateSchedule.constant() : LearningRateSchedule.exponential(decay));
        return c.withBatchNormalize(Boolean.parseBoolean(System.getProperty("batchNorm", String.valueOf(c.batchNormalize()))));
    }

    public static void main(String[] args) {
        MolNetDataset dataset = MolNetDataset.byId(args[0]);
        int epochs = Integer.parseInt(args[1]);
        for (int s = 2; s < args.length; s++) {
            long seed = Long.parseLong(args[s]);
            MolNetData<GraphDataset> data = MolNet.loadGraphs(DataSource.of(dataset), LoadOptions.defaults(seed),
                    new GraphFeaturizer());
            GraphConvModel model = new GraphConvModel(dataset.taskType(), data.tasks(), GraphFeaturizer.ATOM_FEATURES,
                    configured(GraphConvConfig.defaults().withSeed(seed)));
            Metric metric = dataset.taskType() == TaskType.CLASSIFICATION ? Metric.ROC_AUC : Metric.RMSE;
            int patience = Integer.getInteger("patience", 0);
            TrainingCurve curve = Training.fit(model, data.train(), data.valid(),
                    new TrainingOptions(epochs, metric, patience, null), data.transformers());
            for (TrainingCurve.Point p : curve.points()) {
                if (p.epoch() % 5 == 0 || p.epoch() <= 2) {
                    System.out.printf(Locale.ROOT, "seed %d epoch %3d loss %.4f %.2f s | train %s %.4f | valid %.4f%n",
                            seed, p.epoch(), p.trainLoss(), p.seconds(), metric.id(), p.trainScore(), p.validScore());
                }
            }
            double test = model.evaluate(data.test(), List.of(metric), data.transformers()).mean(metric);
            System.out.printf(Locale.ROOT, "seed %d kept epoch %d of %d | valid %.4f | test %s %.4f | %.2f s/epoch%n",
                    seed, curve.keptEpoch(), curve.points().size(), curve.kept().validScore(), metric.id(), test,
                    curve.points().stream().mapToDouble(TrainingCurve.Point::seconds).average().orElse(0));
        }
    }
}
