package io.chemdl4j.models.graphconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.models.layers.GradientCheck;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;

/** The graph layers' gradients against finite differences, permutation invariance, seeds and bad input. */
public class GraphConvModelTest {
    /** Degrees 0 to 4, rings, aromatic atoms and a charge. */
    private static final String[] SMILES = {"CCO", "c1ccccc1C(=O)O", "CC(C)(C)N", "C[N+](C)(C)C", "O",
        "OC1CCCCC1", "Clc1ccc(Br)cc1"};

    static GraphDataset graphs(String[] smiles, float[][] y, float[][] w) {
        GraphFeaturizer featurizer = new GraphFeaturizer();
        List<MolecularGraph> graphs = new ArrayList<>();
        for (String s : smiles) {
            try {
                graphs.add(featurizer.featurize(s));
            } catch (InvalidMoleculeException e) {
                throw new AssertionError(e);
            }
        }
        float[][] x = new float[smiles.length][0];
        List<String> tasks = new ArrayList<>();
        for (int t = 0; t < y[0].length; t++) {
            tasks.add("t" + t);
        }
        return GraphDataset.of(graphs, Dataset.of(x, y, w, smiles, tasks));
    }

    public static GraphDataset tiny() {
        float[][] y = new float[SMILES.length][2];
        float[][] w = new float[SMILES.length][2];
        for (int i = 0; i < SMILES.length; i++) {
            y[i][0] = i % 2;
            y[i][1] = (i / 2) % 2;
            w[i][0] = 1 + 0.5f * i;
            w[i][1] = i == 3 ? 0 : 1; // a missing label
        }
        return graphs(SMILES, y, w);
    }

    public static GraphConvConfig small() {
        return GraphConvConfig.defaults().withConvLayers(List.of(6, 5)).withDenseSize(7).withSeed(3);
    }

    /**
     * Gradient × input in inference mode: an atom's contribution is the derivative of the raw output (value, or the
     * softmax's log-odds) when that atom's features are scaled, against central differences.
     */
    @Test
    void atomContributionsAreTheDerivativesAlongEachAtomsFeatures() {
        GraphDataset data = tiny();
        for (TaskType type : List.of(TaskType.REGRESSION, TaskType.CLASSIFICATION)) {
            GraphConvNetwork network = new GraphConvNetwork(io.chemdl4j.models.layers.TaskOutputLoss.of(type, 2, false, 0),
                    GraphFeaturizer.ATOM_FEATURES, small(), DataType.DOUBLE);
            // moving statistics away from 0 and 1, as after training
            for (Map.Entry<String, INDArray> s : network.moving.entrySet()) {
                s.getValue().assign(GradientCheck.randomMatrix(1, (int) s.getValue().length(), 9).mul(0.3)
                        .add(s.getKey().endsWith("Variance") ? 1 : 0));
            }
            List<MolecularGraph> graphs = List.of(data.graph(1), data.graph(6));
            GraphLayout layout = GraphLayout.of(graphs);
            // symmetric atoms have equal features, and the max-pooling steps are not differentiable at such ties:
            // a little noise breaks them, where the derivatives exist (in double precision, as the steps below)
            INDArray input = layout.features().castTo(DataType.DOUBLE);
            input.addi(GradientCheck.randomMatrix(layout.atomCount, layout.featureLength, 4).add(1).mul(0.005));
            boolean pair = type == TaskType.CLASSIFICATION;
            double[][] terms = network.inputAttributions(layout, input, 1, pair);
            for (int m = 0; m < graphs.size(); m++) {
                for (int a = 0; a < graphs.get(m).atomCount(); a++) {
                    int row = layout.moleculeAtoms[layout.moleculeStart[m] + a];
                    double eps = 1e-5;
                    INDArray up = input.dup();
                    up.getRow(row).muli(1 + eps);
                    INDArray down = input.dup();
                    down.getRow(row).muli(1 - eps);
                    double derivative = (network.inputAttributions(layout, up, 1, pair)[0][m]
                            - network.inputAttributions(layout, down, 1, pair)[0][m]) / (2 * eps);
                    assertEquals(derivative, terms[1][row], 1e-6 + 1e-5 * Math.abs(terms[1][row]),
                            type + " molecule " + m + " atom " + a);
                }
            }
        }
    }

    @Test
    void classificationGradientsMatchFiniteDifferences() {
        checkGradients(TaskType.CLASSIFICATION, small());
    }

    @Test
    void regressionGradientsMatchFiniteDifferencesWithoutBatchNormToo() {
        checkGradients(TaskType.REGRESSION, small());
        checkGradients(TaskType.REGRESSION, small().withBatchNormalize(false));
    }

    @Test
    void multiclassGradientsMatchFiniteDifferences() {
        checkGradients(TaskType.MULTICLASS, small());
    }

    /**
     * Central differences in double precision on every entry of the small parameters (biases,
     * normalization) and on eight entries of every larger weight; relative error below 1e-5.
     * (Weights of degrees no atom here has get zero gradients, which must be zero numerically too.)
     */
    private static void checkGradients(TaskType type, GraphConvConfig config) {
        GraphDataset data = tiny();
        // multiclass: three classes, of which the labels (0 and 1) leave one unseen
        GraphConvModel model = new GraphConvModel(type, type == TaskType.MULTICLASS ? 3 : 0, data.tasks(),
                GraphFeaturizer.ATOM_FEATURES, config, DataType.DOUBLE);
        Map<String, INDArray> gradients = model.lossAndGradients(data).gradients();
        double eps = 1e-6;
        int checked = 0;
        int nonZero = 0;
        for (Map.Entry<String, INDArray> p : model.parameters().entrySet()) {
            INDArray param = p.getValue();
            INDArray gradient = gradients.get(p.getKey());
            assertEquals(java.util.Arrays.toString(param.shape()), java.util.Arrays.toString(gradient.shape()), p.getKey());
            long n = param.length();
            long stride = n > 8 ? n / 8 : 1;
            for (long i = 0; i < n; i += stride) {
                double original = param.getDouble(i);
                param.putScalar(i, original + eps);
                double plus = model.loss(data);
                param.putScalar(i, original - eps);
                double minus = model.loss(data);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = gradient.getDouble(i);
                double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
                if (scale > 1e-7) {
                    nonZero++;
                    assertTrue(Math.abs(numeric - analytic) / scale < 1e-5, p.getKey() + "[" + i + "]: analytic "
                            + analytic + ", numeric " + numeric);
                } else {
                    assertTrue(Math.abs(numeric - analytic) < 1e-9, p.getKey() + "[" + i + "]");
                }
                checked++;
            }
        }
        assertTrue(checked > 300 && nonZero > 100, checked + " checked, " + nonZero + " nonzero");
    }

    @Test
    void reorderedAtomsGiveTheSamePrediction() {
        GraphDataset data = tiny();
        GraphConvModel model = new GraphConvModel(TaskType.CLASSIFICATION, data.tasks(), GraphFeaturizer.ATOM_FEATURES,
                GraphConvConfig.defaults().withSeed(1));
        model.fit(data, 3);
        // the same molecules written from other atoms
        String[] reordered = {"OCC", "OC(=O)c1ccccc1", "NC(C)(C)C", "C[N+](C)(C)C", "O", "C1CCC(O)CC1",
            "Brc1ccc(Cl)cc1"};
        float[][] y = new float[SMILES.length][2];
        double[][] a = model.predict(data);
        double[][] b = model.predict(graphs(reordered, y, y));
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < 2; t++) {
                assertEquals(a[i][t], b[i][t], 1e-5, SMILES[i] + " vs " + reordered[i]);
            }
        }
    }

    @Test
    void aMoleculesPredictionDoesNotDependOnItsBatch() {
        GraphDataset data = tiny();
        GraphConvModel model = new GraphConvModel(TaskType.REGRESSION, data.tasks(), GraphFeaturizer.ATOM_FEATURES,
                GraphConvConfig.defaults().withSeed(2));
        model.fit(data, 2);
        double[][] all = model.predict(data);
        double[][] one = model.predict(data.select(new int[] {4}));
        assertEquals(all[4][0], one[0][0], 1e-5);
    }

    /**
     * Batches predicted on every core (each thread on its own copy of the network) give exactly the numbers of one
     * thread predicting them in order: 1,800 molecules are 8 batches of 256, the last one short.
     */
    @Test
    void predictionsOnEveryCoreEqualThoseOfOneThread() {
        GraphDataset data = tiny();
        GraphConvModel model = new GraphConvModel(TaskType.CLASSIFICATION, data.tasks(), GraphFeaturizer.ATOM_FEATURES,
                GraphConvConfig.defaults().withSeed(4));
        model.fit(data, 2);
        int[] rows = new int[1800];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 5) % data.size();
        }
        GraphDataset many = data.select(rows);
        String before = System.getProperty("chemdl.workers");
        double[][] oneThread;
        try {
            System.setProperty("chemdl.workers", "1");
            oneThread = model.predict(many);
        } finally {
            if (before == null) {
                System.clearProperty("chemdl.workers");
            } else {
                System.setProperty("chemdl.workers", before);
            }
        }
        assertTrue(io.chemdl4j.models.Nd4jRuntime.workers() > 1 || Runtime.getRuntime().availableProcessors() == 1,
                "the test machine's cores are used");
        double[][] everyCore = model.predict(many);
        for (int i = 0; i < rows.length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(oneThread[i], everyCore[i], "molecule " + i);
        }
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        GraphDataset data = tiny();
        GraphConvConfig config = GraphConvConfig.defaults().withDropout(0.2).withSeed(5);
        double[][] first = train(data, config);
        double[][] second = train(data, config);
        assertEquals(first[2][1], second[2][1]);
        double[][] other = train(data, config.withSeed(6));
        assertTrue(first[2][1] != other[2][1]);
    }

    private static double[][] train(GraphDataset data, GraphConvConfig config) {
        GraphConvModel model = new GraphConvModel(TaskType.CLASSIFICATION, data.tasks(), GraphFeaturizer.ATOM_FEATURES,
                config);
        model.fit(data, 3);
        return model.predict(data);
    }
}
