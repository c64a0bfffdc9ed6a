package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.NdArrays;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

/**
 * The toolkit's own training step trains the same network as DL4J's {@code fit} from the same seed: the same
 * parameters, Adam state and losses, to float rounding, epoch after epoch; through the sparse first layer
 * (fingerprint rows) and the dense one (descriptor-like rows); a user's own network of plain dense layers (tanh,
 * sigmoid, linear; SGD or Adam) as well as the toolkit's; and the two can take turns on one model.
 */
class SparseInputTrainerTest {
    private static final MultitaskConfig SMALL = MultitaskConfig.defaults().withLayerSizes(List.of(32))
            .withBatchSize(16).withSeed(7);

    @Test
    void classifierOnSparseRowsTrainsAsDl4jDoes() {
        Dataset data = ModelTestData.classification(120, 40, 1);
        assertNotNull(SparseFeatureRows.ofRows(data, java.util.stream.IntStream.range(0, data.size()).toArray(), 0.25));
        assertSameTraining(() -> new MultitaskClassifier(data.tasks(), 40, SMALL.withLayerSizes(List.of(100))), data, 3);
    }

    @Test
    void classifierOnSparseRowsWithWeightDecayTrainsAsDl4jDoes() {
        // the first layer's rows are updated as their gradients are summed, L2 included, and rows no molecule of a
        // batch sets get L2's gradient alone (each input is set in a fifth of the molecules: about 3% of a batch of 16
        // leave it unset)
        Dataset data = ModelTestData.classification(100, 60, 8);
        assertNotNull(SparseFeatureRows.ofRows(data, java.util.stream.IntStream.range(0, data.size()).toArray(), 0.25));
        MultitaskConfig config = SMALL.withLayerSizes(List.of(40, 20)).withWeightDecay(0.02).withDropout(0.3);
        assertSameTraining(() -> new MultitaskClassifier(data.tasks(), 60, config), data, 3);
    }

    @Test
    void regressorOnDenseRowsWithTwoLayersAndWeightDecayTrainsAsDl4jDoes() {
        Dataset sparse = ModelTestData.regression(100, 30, 2);
        SplittableRandom random = new SplittableRandom(3);
        float[] dense = sparse.flatFeatures().clone();
        for (int i = 0; i < dense.length; i++) {
            dense[i] += (float) random.nextGaussian();
        }
        Dataset data = sparse.withFeatures(dense);
        assertNull(SparseFeatureRows.ofRows(data, java.util.stream.IntStream.range(0, data.size()).toArray(), 0.25));
        MultitaskConfig config = SMALL.withLayerSizes(List.of(24, 12)).withWeightDecay(0.01).withDropout(0.25)
                .withLearningRate(0.003);
        assertSameTraining(() -> new MultitaskRegressor(data.tasks(), 30, config), data, 3);
    }

    @Test
    void multiclassTrainsAsDl4jDoes() {
        Dataset data = ModelTestData.multiclass(90, 20, 4);
        assertSameTraining(() -> new MultitaskMulticlass(data.tasks(), 20, SMALL.withDropout(0.0), 4), data, 2);
    }

    @Test
    void dl4jGoesOnWhereTheTrainerStopped() {
        Dataset data = ModelTestData.classification(80, 40, 5);
        MultitaskClassifier turns = new MultitaskClassifier(data.tasks(), 40, SMALL);
        MultitaskClassifier dl4j = new MultitaskClassifier(data.tasks(), 40, SMALL);
        turns.fit(data, 1);
        turns.fit(data, 1, null);
        turns.fit(data, 1);
        dl4j.fit(data, 3, null);
        assertSameState(dl4j, turns);
        assertEquals(dl4j.network().getIterationCount(), turns.network().getIterationCount());
    }

    @Test
    void theTrainedStateReachesTheNetworkWhenAskedForTheSameAsAfterEveryEpoch() {
        Dataset data = ModelTestData.classification(120, 40, 7);
        MultitaskClassifier looked = new MultitaskClassifier(data.tasks(), 40, SMALL);
        MultitaskClassifier unlooked = new MultitaskClassifier(data.tasks(), 40, SMALL);
        for (int e = 0; e < 3; e++) {
            looked.fit(data, 1);
            looked.network(); // the trained state goes into DL4J's network after every epoch
            unlooked.fit(data, 1); // and here stays with the trainer, which the predictions read
            org.junit.jupiter.api.Assertions.assertArrayEquals(looked.predict(data), unlooked.predict(data),
                    "epoch " + (e + 1));
        }
        Map<String, INDArray> expected = looked.network().paramTable();
        Map<String, INDArray> actual = unlooked.network().paramTable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(NdArrays.toFloats(expected.get(name)),
                    NdArrays.toFloats(actual.get(name)), name);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                NdArrays.toFloats(looked.network().getUpdater(true).getStateViewArray()),
                NdArrays.toFloats(unlooked.network().getUpdater(true).getStateViewArray()), "Adam's state");
        assertEquals(looked.network().getIterationCount(), unlooked.network().getIterationCount());
    }

    @Test
    void aUsersOwnTanhNetworkWithSgdOnDenseRowsTrainsAsDl4jDoes() {
        // the shape of the notebooks' own network: descriptor-like rows, one tanh layer, SGD, a regression output
        Dataset data = denseRegression(120, 17, 11);
        assertSameTraining(() -> wrapped(TaskType.REGRESSION, data, 17, new Sgd(0.01), Activation.TANH), data, 3);
    }

    @Test
    void sigmoidAndLinearLayersWithAdamAndSparseRowsTrainAsDl4jDoes() {
        Dataset data = ModelTestData.classification(100, 40, 12);
        assertSameTraining(() -> wrapped(TaskType.CLASSIFICATION, data, 40, new Adam(0.003), Activation.SIGMOID,
                Activation.IDENTITY), data, 3);
    }

    @Test
    void aTanhNetworkWithSgdPredictsAsDl4jDoesOnceTrained() {
        Dataset data = denseRegression(60, 12, 13);
        MultitaskModel model = wrapped(TaskType.REGRESSION, data, 12, new Sgd(0.05), Activation.TANH, Activation.TANH);
        model.fit(data, 2);
        double[][] own = model.predict(data); // the toolkit's forward pass over the trainer's weights
        INDArray features = org.nd4j.linalg.factory.Nd4j.create(data.flatFeatures(), new long[] {data.size(), 12}, 'c');
        float[] dl4j = NdArrays.toFloats(model.network().output(features, false));
        int tasks = data.tasks().size();
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < tasks; t++) {
                float expected = dl4j[i * tasks + t];
                assertEquals(expected, own[i][t], 1e-5 * Math.max(1, Math.abs(expected)), "molecule " + i + "/" + t);
            }
        }
    }

    @Test
    void aNetworkOutsideTheArchitectureTrainsThroughDl4j() {
        Dataset data = ModelTestData.classification(40, 10, 6);
        assertNotNull(SparseInputTrainer.of(new MultitaskClassifier(data.tasks(), 10, SMALL).network()));
        TaskType type = TaskType.CLASSIFICATION;
        assertNotNull(SparseInputTrainer.of(network(type, 10, 3, new Sgd(0.1), Activation.TANH)));
        // another updater, another activation, a ReLU with a slope
        for (MultiLayerNetwork outside : List.of(network(type, 10, 3, new Nesterovs(0.1, 0.9), Activation.TANH),
                network(type, 10, 3, new Sgd(0.1), Activation.SOFTSIGN),
                network(type, 10, 3, new Adam(0.01), Activation.LEAKYRELU))) {
            assertNull(SparseInputTrainer.of(outside), outside.getLayerWiseConfigurations().toJson());
            MultitaskModel wrapped = MultitaskModel.wrap(TaskType.CLASSIFICATION, data.tasks(), outside, SMALL);
            INDArray before = outside.params().dup();
            wrapped.fit(data, 1);
            assertTrue(outside.params().sub(before).amaxNumber().doubleValue() > 0, "DL4J trained the wrapped network");
        }
    }

    /** Rows of {@code features} dense values (no zeros) with regression labels. */
    private static Dataset denseRegression(int molecules, int features, long seed) {
        Dataset sparse = ModelTestData.regression(molecules, features, seed);
        SplittableRandom random = new SplittableRandom(seed);
        float[] dense = sparse.flatFeatures().clone();
        for (int i = 0; i < dense.length; i++) {
            dense[i] += (float) random.nextGaussian();
        }
        Dataset data = sparse.withFeatures(dense);
        assertNull(SparseFeatureRows.ofRows(data, java.util.stream.IntStream.range(0, data.size()).toArray(), 0.25));
        return data;
    }

    /** A user's own network on {@code data}'s tasks, wrapped, its weights drawn from seed 0. */
    private static MultitaskModel wrapped(TaskType type, Dataset data, int features, IUpdater updater,
                                          Activation... hidden) {
        MultiLayerNetwork network = network(type, features, data.tasks().size(), updater, hidden);
        MultitaskModel.seedWeights(network, 0);
        return MultitaskModel.wrap(type, data.tasks(), network, SMALL);
    }

    /** Dense layers of 8 units with these activations, then the toolkit's output layer for {@code tasks} tasks. */
    private static MultiLayerNetwork network(TaskType type, int features, int tasks, IUpdater updater,
                                             Activation... hidden) {
        var list = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(updater).list();
        int in = features;
        for (Activation activation : hidden) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(8).activation(activation).build());
            in = 8;
        }
        MultiLayerNetwork network = new MultiLayerNetwork(list.layer(MultitaskModel.outputLayer(type, tasks).nIn(in)
                .build()).build());
        network.init();
        return network;
    }

    private static void assertSameTraining(java.util.function.Supplier<MultitaskModel> model, Dataset data,
                                           int epochs) {
        MultitaskModel fast = model.get();
        MultitaskModel dl4j = model.get();
        assertNotNull(SparseInputTrainer.of(fast.network()), "the toolkit's architecture has a trainer");
        for (int e = 0; e < epochs; e++) {
            EpochRecord own = fast.fit(data, 1).get(0);
            EpochRecord reference = dl4j.fit(data, 1, null).get(0);
            assertEquals(reference.loss(), own.loss(), 1e-5 * Math.max(1, Math.abs(reference.loss())),
                    "epoch " + (e + 1) + " loss");
            assertSameState(dl4j, fast);
        }
        double[][] p = fast.predict(data);
        double[][] q = dl4j.predict(data);
        for (int i = 0; i < p.length; i++) {
            for (int t = 0; t < p[i].length; t++) {
                assertEquals(q[i][t], p[i][t], 1e-4, "prediction " + i + "/" + t);
            }
        }
    }

    /** The same parameters and Adam state, to float rounding, and the parameters moved from their start. */
    private static void assertSameState(MultitaskModel reference, MultitaskModel model) {
        Map<String, INDArray> expected = reference.network().paramTable();
        Map<String, INDArray> actual = model.network().paramTable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertClose(name, NdArrays.toFloats(expected.get(name)), NdArrays.toFloats(actual.get(name)));
        }
        INDArray state = reference.network().getUpdater(true).getStateViewArray();
        if (state == null || state.isEmpty()) { // SGD keeps none
            INDArray other = model.network().getUpdater(true).getStateViewArray();
            assertTrue(other == null || other.isEmpty(), "no updater state");
        } else {
            assertClose("Adam's state", NdArrays.toFloats(state),
                    NdArrays.toFloats(model.network().getUpdater(true).getStateViewArray()));
        }
        assertEquals(reference.network().getIterationCount(), model.network().getIterationCount());
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(scale > 0, what + " is all zero");
        assertTrue(worst <= 1e-4 * scale, what + ": largest difference " + worst + " against values up to " + scale);
    }
}
