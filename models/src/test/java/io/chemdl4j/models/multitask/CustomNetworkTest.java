package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.training.Training;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.models.training.TrainingOptions;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

/**
 * A user's own DL4J network as a toolkit model: the README's "custom architectures" example, run.
 * Two tanh layers and SGD with momentum, which the built-in multitask network does not offer.
 */
class CustomNetworkTest {
    @TempDir
    Path dir;

    private static MultiLayerNetwork myNetwork(int features, TaskType type, int tasks) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Nesterovs(0.05, 0.9))
                .list()
                .layer(new DenseLayer.Builder().nIn(features).nOut(32).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.TANH).build())
                .layer(MultitaskModel.outputLayer(type, tasks).nIn(16).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    @Test
    void aWrappedNetworkTrainsEvaluatesStopsEarlyAndSavesLikeABuiltInOne() throws IOException {
        Dataset train = ModelTestData.classification(400, 24, 1);
        Dataset valid = ModelTestData.classification(100, 24, 2);
        Dataset test = ModelTestData.classification(100, 24, 3);
        MultitaskModel model = MultitaskModel.wrap(TaskType.CLASSIFICATION, ModelTestData.TASKS,
                myNetwork(24, TaskType.CLASSIFICATION, 3), MultitaskConfig.defaults().withBatchSize(32).withSeed(5));
        TrainingCurve curve = Training.fit(model, train, valid, TrainingOptions.earlyStopping(40, Metric.ROC_AUC, 5),
                List.of());
        assertTrue(curve.points().size() >= 1);
        double auc = model.evaluate(test, List.of(Metric.ROC_AUC), List.of()).mean(Metric.ROC_AUC);
        assertTrue(auc > 0.9, "ROC-AUC " + auc);

        Path saved = dir.resolve("custom");
        model.save(saved, null, List.of());
        double[][] before = model.predict(test);
        double[][] after = ((MultitaskModel) ModelIO.load(saved).model()).predict(test);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0);
        }
    }

    @Test
    void aRegressionNetworkHonoursMissingLabels() {
        Dataset train = ModelTestData.regression(400, 24, 1);
        MultitaskModel model = MultitaskModel.wrap(TaskType.REGRESSION, ModelTestData.TASKS,
                myNetwork(24, TaskType.REGRESSION, 3), MultitaskConfig.defaults().withBatchSize(32));
        model.fit(train, 30);
        double rmse = model.evaluate(ModelTestData.regression(100, 24, 2), List.of(Metric.RMSE), List.of())
                .mean(Metric.RMSE);
        assertTrue(rmse < 0.4, "RMSE " + rmse);
        assertEquals(TaskType.REGRESSION, model.taskType());
    }

    @Test
    void aNetworkWithoutTheToolkitsOutputLayerIsRefusedWithTheReason() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(24).nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(6)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultitaskModel.wrap(
                TaskType.CLASSIFICATION, ModelTestData.TASKS, network, MultitaskConfig.defaults()));
        assertTrue(e.getMessage().contains("outputLayer"), e.getMessage());
        MultiLayerNetwork uninitialized = new MultiLayerNetwork(conf);
        assertThrows(IllegalArgumentException.class, () -> MultitaskModel.wrap(TaskType.CLASSIFICATION,
                ModelTestData.TASKS, uninitialized, MultitaskConfig.defaults()));
    }

    /** DL4J's own initialization ignores the seed; seedWeights makes a network of one's own reproducible. */
    @Test
    void seedWeightsMakesTwoNetworksOfOneConfigurationTrainIdentically() {
        Dataset train = ModelTestData.classification(200, 24, 1);
        double[][] first = null;
        for (int run = 0; run < 2; run++) {
            MultiLayerNetwork network = myNetwork(24, TaskType.CLASSIFICATION, 3);
            MultitaskModel.seedWeights(network, 11);
            MultitaskModel model = MultitaskModel.wrap(TaskType.CLASSIFICATION, ModelTestData.TASKS, network,
                    MultitaskConfig.defaults().withBatchSize(32).withSeed(5));
            model.fit(train, 2);
            double[][] p = model.predict(train);
            if (first == null) {
                first = p;
            } else {
                assertArrayEquals(first[0], p[0], 0.0);
                assertArrayEquals(first[199], p[199], 0.0);
            }
        }
    }
}
