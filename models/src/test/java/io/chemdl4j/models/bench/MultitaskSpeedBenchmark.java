package io.chemdl4j.models.bench;

import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.multitask.MultitaskClassifier;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.models.multitask.MultitaskModel;
import io.chemdl4j.models.multitask.MultitaskRegressor;
import io.chemdl4j.models.training.Training;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.models.training.TrainingOptions;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.LoadOptions;

/**
 * Multitask network training speed (a benchmark, not a test), with its baseline measured in the same run: the
 * "dense limit", the time ND4J takes for the dense matrix products of one epoch of the same shapes (forward,
 * weight gradients and the hidden layers' input gradients; the best of three passes), measured twice: as DL4J's
 * layers compute them ({@code mmul}, a new result each), and as one BLAS call each into preallocated arrays,
 * which no dense implementation on ND4J can beat.
 *
 * <p>Usage: {@code MultitaskSpeedBenchmark DATASET EPOCHS SEED...} (DeepChem's defaults, ECFP 1024, random
 * split). Prints every epoch's training seconds (the first one included), the test score per seed, and the
 * ratio of the mean epoch to the dense limit.
 */
public final class MultitaskSpeedBenchmark {
    private MultitaskSpeedBenchmark() {
    }

    public static void main(String[] args) {
        Nd4jRuntime.ensureConfigured();
        MolNetDataset dataset = MolNetDataset.byId(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Metric metric = dataset.taskType() == TaskType.CLASSIFICATION ? Metric.ROC_AUC : Metric.RMSE;
        double epochSum = 0;
        int epochCount = 0;
        MolNetData<Dataset> data = null;
        MultitaskConfig config = MultitaskConfig.defaults();
        for (int s = 2; s < args.length; s++) {
            long seed = Long.parseLong(args[s]);
            data = MolNet.load(dataset, LoadOptions.defaults(seed));
            MultitaskConfig seeded = config.withSeed(seed);
            MultitaskModel model = dataset.taskType() == TaskType.CLASSIFICATION
                    ? new MultitaskClassifier(data.tasks(), data.train().featureCount(), seeded)
                    : new MultitaskRegressor(data.tasks(), data.train().featureCount(), seeded);
            TrainingCurve curve = Training.fit(model, data.train(), data.valid(),
                    new TrainingOptions(epochs, metric, 0, null), data.transformers());
            StringBuilder seconds = new StringBuilder();
            for (TrainingCurve.Point p : curve.points()) {
                seconds.append(String.format(Locale.ROOT, " %.3f", p.seconds()));
                epochSum += p.seconds();
                epochCount++;
            }
            double test = model.evaluate(data.test(), List.of(metric), data.transformers()).mean(metric);
            System.out.printf(Locale.ROOT, "seed %d | valid %s %.4f | test %.4f | s/epoch:%s%n", seed, metric.id(),
                    curve.points().get(curve.points().size() - 1).validScore(), test, seconds);
        }
        if (data == null) {
            throw new IllegalArgumentException("usage: MultitaskSpeedBenchmark DATASET EPOCHS SEED...");
        }
        int outputs = data.tasks().size() * (dataset.taskType() == TaskType.CLASSIFICATION ? 2 : 1);
        int n = data.train().size();
        int features = data.train().featureCount();
        double gemm = denseLimit(n, features, config.layerSizes(), outputs, config.batchSize(), false);
        double mmul = denseLimit(n, features, config.layerSizes(), outputs, config.batchSize(), true);
        double mean = epochSum / epochCount;
        System.out.printf(Locale.ROOT, "mean %.3f s/epoch over %d epochs (first epochs included) | dense limit "
                        + "(ND4J, the dense products of one epoch, %d thread(s)): %.3f s as DL4J computes them "
                        + "(mmul), %.3f s as one BLAS call each into preallocated arrays | ratios %.2f and %.2f%n",
                mean, epochCount, Nd4j.getEnvironment().maxMasterThreads(), mmul, gemm, mean / mmul, mean / gemm);
    }

    /**
     * Seconds of the dense matrix products of one epoch of {@code molecules} rows in batches of {@code batch}:
     * per batch and layer the forward product and the weight gradient, and for every layer but the first the
     * gradient of its input; the best of three passes; {@code asDl4j}: through {@code mmul} into new arrays, as
     * DL4J's layers do, else through one {@code gemm} each into preallocated arrays.
     */
    static double denseLimit(int molecules, int features, List<Integer> hidden, int outputs, int batch,
                             boolean asDl4j) {
        int[] width = new int[hidden.size() + 2];
        width[0] = features;
        for (int i = 0; i < hidden.size(); i++) {
            width[i + 1] = hidden.get(i);
        }
        width[width.length - 1] = outputs;
        int layers = width.length - 1;
        INDArray[] activations = new INDArray[layers + 1];
        INDArray[] weights = new INDArray[layers];
        INDArray[] gradients = new INDArray[layers];
        INDArray[] upstream = new INDArray[layers];
        for (int l = 0; l <= layers; l++) {
            activations[l] = Nd4j.rand(DataType.FLOAT, batch, width[l]);
        }
        for (int l = 0; l < layers; l++) {
            weights[l] = Nd4j.rand(DataType.FLOAT, width[l], width[l + 1]);
            gradients[l] = Nd4j.create(DataType.FLOAT, width[l], width[l + 1]);
            upstream[l] = Nd4j.create(DataType.FLOAT, batch, width[l]);
        }
        int steps = (molecules + batch - 1) / batch;
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 4; pass++) {
            long start = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                if (asDl4j) { // new results, as DL4J's layers compute them
                    for (int l = 0; l < layers; l++) {
                        activations[l].mmul(weights[l]);
                    }
                    for (int l = layers - 1; l >= 0; l--) {
                        activations[l].transpose().mmul(activations[l + 1]);
                        if (l > 0) {
                            weights[l].mmul(activations[l + 1].transpose());
                        }
                    }
                    continue;
                }
                for (int l = 0; l < layers; l++) {
                    Nd4j.gemm(activations[l], weights[l], activations[l + 1], false, false, 1.0, 0.0);
                }
                for (int l = layers - 1; l >= 0; l--) {
                    Nd4j.gemm(activations[l], activations[l + 1], gradients[l], true, false, 1.0, 0.0);
                    if (l > 0) {
                        Nd4j.gemm(activations[l + 1], weights[l], upstream[l], false, true, 1.0, 0.0);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pass > 0) { // the first pass warms up
                best = Math.min(best, seconds);
            }
        }
        return best;
    }
}
