package io.chemdl4j.models.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.models.multitask.MultitaskModel;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Benchmark, not a test: a user's own small network ({@link MultitaskModel#wrap}) trained by the toolkit's step
 * against the same network trained by DL4J's {@code fit}, batch by batch, in the same run. The shape is notebook 02's:
 * 8,984 molecules of 17 descriptor values (standard normal here), one tanh layer of 32, one regression output, SGD at
 * 0.01, batches of 16 (562 steps an epoch).
 * Usage: {@code OwnNetworkSpeedBenchmark [rounds]}; each round trains two epochs each way and prints seconds per epoch.
 */
public final class OwnNetworkSpeedBenchmark {
    private static final int MOLECULES = 8984;
    private static final int FEATURES = 17;
    private static final int BATCH = 16;

    private OwnNetworkSpeedBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        // the toolkit's settings of ND4J and JavaCPP before DL4J's first network, as the toolkit's own entry points do
        Nd4jRuntime.ensureConfigured();
        SplittableRandom random = new SplittableRandom(0);
        float[][] x = new float[MOLECULES][FEATURES];
        float[][] y = new float[MOLECULES][1];
        for (int i = 0; i < MOLECULES; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i][0] = (float) random.nextGaussian();
        }
        Dataset train = Dataset.of(x, y, null, new String[MOLECULES], List.of("log S"));
        MultitaskModel own = MultitaskModel.wrap(TaskType.REGRESSION, List.of("log S"), network(),
                MultitaskConfig.defaults().withBatchSize(BATCH).withSeed(0));
        MultiLayerNetwork dl4j = network();
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < MOLECULES; from += BATCH) {
            int rows = Math.min(BATCH, MOLECULES - from);
            float[] features = new float[rows * FEATURES];
            float[] labels = new float[rows * 2]; // value, weight: the toolkit's loss reads both
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x[from + r], 0, features, r * FEATURES, FEATURES);
                labels[2 * r] = y[from + r][0];
                labels[2 * r + 1] = 1f;
            }
            batches.add(new DataSet(Nd4j.create(features, new long[] {rows, FEATURES}, 'c'),
                    Nd4j.create(labels, new long[] {rows, 2}, 'c')));
        }
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            own.fit(train, 2);
            double ownSeconds = (System.nanoTime() - start) / 2e9;
            start = System.nanoTime();
            for (int epoch = 0; epoch < 2; epoch++) {
                for (DataSet batch : batches) {
                    dl4j.fit(batch);
                }
            }
            double dl4jSeconds = (System.nanoTime() - start) / 2e9;
            System.out.printf("round %d: toolkit's step %.3f s/epoch, DL4J's fit %.3f s/epoch (%.2fx)%n", round,
                    ownSeconds, dl4jSeconds, ownSeconds / dl4jSeconds);
        }
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(0).updater(new Sgd(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.TANH).build())
                .layer(MultitaskModel.outputLayer(TaskType.REGRESSION, 1).nIn(32).build()).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        MultitaskModel.seedWeights(network, 0);
        return network;
    }
}
