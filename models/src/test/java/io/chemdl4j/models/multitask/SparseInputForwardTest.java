package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.featurize.SparseFeatures;
import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.NdArrays;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

/** The toolkit's forward pass computes DL4J's {@code output} (no dropout) to float rounding, on sparse and dense rows. */
class SparseInputForwardTest {
    @Test
    void sparseRowsGiveDl4jsOutputs() {
        Dataset data = ModelTestData.classification(150, 64, 11);
        MultitaskClassifier model = new MultitaskClassifier(data.tasks(), 64,
                MultitaskConfig.defaults().withLayerSizes(List.of(40, 20)).withBatchSize(16).withSeed(3));
        model.fit(data, 2);
        float[] x = data.flatFeatures();
        for (int zeroRow : new int[] {0, 7, 149}) { // molecules that set no bit: the biases alone
            java.util.Arrays.fill(x, zeroRow * 64, (zeroRow + 1) * 64, 0f);
        }
        assertSameOutputs(model.network(), x, data.size());
        assertEquals(0, SparseInputForward.of(model.network()).outputs(List.of()).length);
        // a network of its output layer alone
        MultiLayerNetwork outputOnly = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new org.nd4j.linalg.learning.config.Adam()).list()
                .layer(MultitaskModel.outputLayer(TaskType.CLASSIFICATION, 3).nIn(64).build()).build());
        outputOnly.init();
        assertSameOutputs(outputOnly, x, data.size());
    }

    @Test
    void denseRowsGiveDl4jsOutputs() {
        float[] x = gaussian(70 * 30, 5);
        MultitaskRegressor model = new MultitaskRegressor(ModelTestData.TASKS, 30,
                MultitaskConfig.defaults().withLayerSizes(List.of(16)).withSeed(4));
        assertSameOutputs(model.network(), x, 70);
    }

    @Test
    void aNetworkOutsideTheArchitectureHasNoForwardPass() {
        assertNull(SparseInputForward.of(ownNetwork(Activation.SOFTSIGN)));
    }

    @Test
    void tanhSigmoidAndLinearLayersGiveDl4jsOutputs() {
        assertSameOutputs(ownNetwork(Activation.TANH, Activation.SIGMOID, Activation.IDENTITY), gaussian(7 * 10, 4), 7);
    }

    /** {@code n} standard normal values from {@code seed}. */
    private static float[] gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** A user's own network: dense layers of 8 units with these activations on 10 inputs, then 3 tasks' outputs. */
    private static MultiLayerNetwork ownNetwork(Activation... hidden) {
        var list = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list();
        int in = 10;
        for (Activation activation : hidden) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(8).activation(activation).build());
            in = 8;
        }
        MultiLayerNetwork network = new MultiLayerNetwork(list
                .layer(MultitaskModel.outputLayer(TaskType.CLASSIFICATION, 3).nIn(in).build()).build());
        network.init();
        return network;
    }

    private static void assertSameOutputs(MultiLayerNetwork network, float[] x, int rows) {
        SparseInputForward forward = SparseInputForward.of(network);
        assertNotNull(forward);
        int inputs = forward.inputs();
        float[] expected = NdArrays.toFloats(network.output(Nd4j.create(x, new long[] {rows, inputs}, 'c'), false));
        float[][] rowsOfX = new float[rows][];
        for (int r = 0; r < rows; r++) {
            rowsOfX[r] = java.util.Arrays.copyOfRange(x, r * inputs, (r + 1) * inputs);
        }
        Dataset data = Dataset.of(rowsOfX, new float[rows][1], new float[rows][1], new String[rows], List.of("t"));
        float[] actual = forward.outputs(data, java.util.stream.IntStream.range(0, rows).toArray());
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "output " + i);
        }
        // the same rows held by their nonzero entries: the very same numbers (sparse rows, and dense ones past the
        // density at which the dense product is used)
        List<SparseFeatures> sparse = java.util.Arrays.stream(rowsOfX).map(SparseFeatures::of).toList();
        org.junit.jupiter.api.Assertions.assertArrayEquals(actual, forward.outputs(sparse));
    }

    @Test
    void aModelPredictsFromSparseRowsWhatItPredictsFromTheirDenseRows() {
        Dataset data = ModelTestData.classification(300, 64, 12);
        MultitaskClassifier model = new MultitaskClassifier(data.tasks(), 64,
                MultitaskConfig.defaults().withLayerSizes(List.of(32)).withBatchSize(32).withSeed(5));
        model.fit(data, 2);
        List<SparseFeatures> rows = new java.util.ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            rows.add(SparseFeatures.of(data.featureRow(r)));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(model.predict(data), model.predictSparse(rows));
        // a network of one's own, which DL4J computes, from the same rows made dense
        MultiLayerNetwork tanh = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(64).nOut(8).activation(Activation.TANH).build())
                .layer(MultitaskModel.outputLayer(TaskType.CLASSIFICATION, data.tasks().size()).nIn(8).build()).build());
        tanh.init();
        MultitaskModel own = MultitaskModel.wrap(TaskType.CLASSIFICATION, data.tasks(), tanh, MultitaskConfig.defaults());
        org.junit.jupiter.api.Assertions.assertArrayEquals(own.predict(data), own.predictSparse(rows));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.predictSparse(List.of(new SparseFeatures(63, new int[] {1}, new float[] {1f}))));
    }
}
