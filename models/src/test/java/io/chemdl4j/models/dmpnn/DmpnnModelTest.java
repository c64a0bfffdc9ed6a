package io.chemdl4j.models.dmpnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.layers.GradientCheck;
import io.chemdl4j.models.training.NoamSchedule;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;

/** The D-MPNN's gradients, invariances and determinism, on a handful of molecules. */
class DmpnnModelTest {
    /** A lone atom (no bonds), rings, aromatic atoms, a charge, a branch point of degree 4. */
    private static final String[] SMILES = {"CCO", "c1ccccc1C(=O)O", "CC(C)(C)N", "C[N+](C)(C)C", "O",
        "OC1CCCCC1", "Clc1ccc(Br)cc1"};
    /** The same molecules, written from other atoms. */
    private static final String[] REORDERED = {"OCC", "OC(=O)c1ccccc1", "NC(C)(C)C", "C[N+](C)(C)C", "O",
        "C1CCC(O)CC1", "Brc1ccc(Cl)cc1"};

    static GraphDataset graphs(String[] smiles) {
        ChempropGraphFeaturizer featurizer = new ChempropGraphFeaturizer();
        List<MolecularGraph> graphs = new ArrayList<>();
        float[][] y = new float[smiles.length][2];
        float[][] w = new float[smiles.length][2];
        for (int i = 0; i < smiles.length; i++) {
            try {
                graphs.add(featurizer.featurize(smiles[i]));
            } catch (InvalidMoleculeException e) {
                throw new AssertionError(e);
            }
            y[i][0] = i % 2;
            y[i][1] = (i / 2) % 2;
            w[i][0] = 1 + 0.5f * i;
            w[i][1] = i == 3 ? 0 : 1; // a missing label
        }
        return GraphDataset.of(graphs, Dataset.of(new float[smiles.length][0], y, w, smiles, List.of("t0", "t1")));
    }

    private static DmpnnConfig small() {
        return DmpnnConfig.defaults().toBuilder().hiddenSize(5).ffnHiddenSize(4).seed(3).build();
    }

    /** A model of {@code type}; multiclass with 3 classes (the labels are 0 and 1: class 2 is never seen). */
    private static DmpnnModel model(TaskType type, DmpnnConfig config, DataType dtype) {
        return new DmpnnModel(type, type == TaskType.MULTICLASS ? 3 : 0, List.of("t0", "t1"),
                ChempropGraphFeaturizer.ATOM_FEATURES, ChempropGraphFeaturizer.BOND_FEATURES, null, config,
                SMILES.length, 3, dtype);
    }

    /**
     * Gradient × input: an atom's contribution is the derivative of the raw output when that atom's features and those
     * of the bonds leaving it are scaled together, checked against central differences for every head.
     */
    @Test
    void atomContributionsAreTheDerivativesAlongEachAtomsInputs() {
        List<io.chemdl4j.models.layers.TaskOutputLoss> outputs = List.of(
                io.chemdl4j.models.layers.TaskOutputLoss.of(TaskType.REGRESSION, 2, true, 0),
                io.chemdl4j.models.layers.TaskOutputLoss.of(TaskType.CLASSIFICATION, 2, true, 0),
                io.chemdl4j.models.layers.TaskOutputLoss.meanVariance(2),
                io.chemdl4j.models.layers.TaskOutputLoss.evidential(2));
        GraphDataset data = graphs(SMILES);
        for (var output : outputs) {
            DmpnnNetwork network = new DmpnnNetwork(output, ChempropGraphFeaturizer.ATOM_FEATURES,
                    ChempropGraphFeaturizer.BOND_FEATURES, 0, small(), DataType.DOUBLE);
            for (int molecule : new int[] {1, 6}) {
                MolecularGraph g = data.graph(molecule);
                DirectedBatch batch = DirectedBatch.of(List.of(g), ChempropGraphFeaturizer.ATOM_FEATURES,
                        ChempropGraphFeaturizer.BOND_FEATURES, DmpnnConfig.Readout.MEAN, null, DataType.DOUBLE);
                double[][] terms = network.inputAttributions(batch, 1);
                for (int atom = 0; atom < g.atomCount(); atom++) {
                    double expected = terms[1][atom];
                    int[] sources = g.edgeSources();
                    for (int e = 0; e < sources.length; e++) {
                        expected += sources[e] == atom ? terms[2][e] : 0;
                    }
                    double eps = 1e-5;
                    scale(batch, g, atom, 1 + eps);
                    double up = network.inputAttributions(batch, 1)[0][0];
                    scale(batch, g, atom, (1 - eps) / (1 + eps));
                    double down = network.inputAttributions(batch, 1)[0][0];
                    scale(batch, g, atom, 1 / (1 - eps));
                    assertEquals((up - down) / (2 * eps), expected, 1e-6 + 1e-5 * Math.abs(expected),
                            "atom " + atom + " of " + SMILES[molecule]);
                }
            }
        }
        // the model sums each directed bond's terms into the atom it leaves
        DmpnnModel model = model(TaskType.REGRESSION, small(), DataType.DOUBLE);
        var attributions = model.atomContributions(List.of(data.graph(1), data.graph(6)), 0);
        assertEquals(2, attributions.atoms().length);
        assertEquals(data.graph(6).atomCount(), attributions.atoms()[1].length);
        assertEquals(model.predict(graphs(new String[] {SMILES[1]}))[0][0], attributions.outputs()[0], 1e-9);
    }

    /** Multiplies atom {@code atom}'s feature row and the rows of the bonds leaving it by {@code factor}, in place. */
    private static void scale(DirectedBatch batch, MolecularGraph g, int atom, double factor) {
        batch.atomFeatures.getRow(atom).muli(factor);
        int[] sources = g.edgeSources();
        for (int e = 0; e < sources.length; e++) {
            if (sources[e] == atom) {
                batch.bondFeatures.getRow(e).muli(factor);
            }
        }
    }

    /** Every parameter's gradient against central differences, for every task type and every readout. */
    @Test
    void gradientsMatchFiniteDifferences() {
        GraphDataset data = graphs(SMILES);
        int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
        for (TaskType type : TaskType.values()) {
            for (DmpnnConfig.Readout readout : DmpnnConfig.Readout.values()) {
                DmpnnModel model = model(type, small().toBuilder().readout(readout).build(), DataType.DOUBLE);
                Map<String, INDArray> gradients = model.lossAndGradients(data, rows).gradients();
                int checked = 0;
                for (Map.Entry<String, INDArray> p : model.state().entrySet()) {
                    checked += GradientCheck.compare(type + " " + readout + " " + p.getKey(),
                            gradients.get(p.getKey()), p.getValue(), () -> model.lossAndGradients(data, rows).loss());
                }
                assertTrue(checked > 200, checked + " entries checked");
            }
        }
    }

    @Test
    void reorderedAtomsGiveTheSamePrediction() {
        DmpnnModel model = model(TaskType.CLASSIFICATION, DmpnnConfig.defaults().toBuilder().hiddenSize(32)
                .ffnHiddenSize(16).seed(1).build(), DataType.FLOAT);
        model.fit(graphs(SMILES), 3);
        double[][] a = model.predict(graphs(SMILES));
        double[][] b = model.predict(graphs(REORDERED));
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < 2; t++) {
                assertEquals(a[i][t], b[i][t], 1e-5, SMILES[i] + " vs " + REORDERED[i]);
            }
        }
    }

    @Test
    void aMoleculesPredictionDoesNotDependOnItsBatch() {
        GraphDataset data = graphs(SMILES);
        DmpnnModel model = model(TaskType.REGRESSION, small().toBuilder().seed(2).build(), DataType.FLOAT);
        model.fit(data, 2);
        double[][] all = model.predict(data);
        for (int i = 0; i < data.size(); i++) {
            double[][] one = model.predict(data.select(new int[] {i}));
            assertEquals(all[i][0], one[0][0], 1e-5, SMILES[i]);
        }
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        GraphDataset data = graphs(SMILES);
        DmpnnConfig config = small().toBuilder().dropout(0.2).seed(5).build();
        double[][] first = train(data, config);
        assertEquals(first[2][1], train(data, config)[2][1]);
        assertTrue(first[2][1] != train(data, config.withSeed(6))[2][1]);
    }

    /**
     * A training batch runs as two shards, and prediction's batches are shared out to as many threads as there
     * are workers: the numbers are the same either way, Monte-Carlo dropout's included.
     */
    @Test
    void oneCoreAndTwoCoresTrainTheSameModel() {
        GraphDataset data = graphs(SMILES);
        String[] many = new String[SMILES.length * 12]; // several prediction batches
        for (int i = 0; i < many.length; i++) {
            many[i] = SMILES[i % SMILES.length];
        }
        GraphDataset screen = graphs(many);
        DmpnnConfig config = small().toBuilder().dropout(0.2).seed(8).build();
        String before = System.getProperty("chemdl.workers");
        try {
            System.setProperty("chemdl.workers", "1");
            DmpnnModel sequential = trained(data, config);
            System.setProperty("chemdl.workers", "2");
            DmpnnModel parallel = trained(data, config);
            double[][] a = sequential.predict(data);
            double[][] b = parallel.predict(data);
            for (int i = 0; i < data.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], b[i], 0.0, SMILES[i]);
            }
            // prediction on as many threads as there are workers, each on a replica of its own: the same numbers
            System.setProperty("chemdl.workers", "4");
            double[][] one = sequential.predict(screen);
            double[][] four = parallel.predict(screen);
            for (int i = 0; i < screen.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(one[i], four[i], 0.0, many[i]);
            }
            double[][] dropoutOne = sequential.predictWithDropout(screen, 3, 11, java.util.List.of()).mean();
            double[][] dropoutTwo = parallel.predictWithDropout(screen, 3, 11, java.util.List.of()).mean();
            for (int i = 0; i < screen.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(dropoutOne[i], dropoutTwo[i], 0.0, many[i]);
            }
            assertTrue(dropoutOne[0][0] != dropoutOne[SMILES.length][0], "a molecule seen twice gets masks of its own");
        } finally {
            if (before == null) {
                System.clearProperty("chemdl.workers");
            } else {
                System.setProperty("chemdl.workers", before);
            }
        }
    }

    private static double[][] train(GraphDataset data, DmpnnConfig config) {
        return trained(data, config).predict(data);
    }

    private static DmpnnModel trained(GraphDataset data, DmpnnConfig config) {
        DmpnnModel model = model(TaskType.CLASSIFICATION, config, DataType.FLOAT);
        model.fit(data, 3);
        return model;
    }

    /** Chemprop's NoamLR, by hand: 10 steps per epoch, 2 warm-up epochs, 30 epochs. */
    @Test
    void noamScheduleWarmsUpLinearlyAndDecaysExponentially() {
        NoamSchedule noam = new NoamSchedule(1e-4, 1e-3, 1e-4, 20, 300);
        assertEquals(1e-4, noam.rate(0), 1e-15);
        assertEquals(1e-4 + 10 * 9e-4 / 20, noam.rate(10), 1e-15);
        assertEquals(1e-3, noam.rate(20), 1e-15);
        assertEquals(1e-3 * Math.pow(0.1, 140.0 / 280), noam.rate(160), 1e-15);
        assertEquals(1e-4, noam.rate(300), 1e-15);
        assertEquals(1e-4, noam.rate(1000), 1e-15);
    }
}
