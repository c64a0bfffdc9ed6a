package io.chemdl4j.models.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

import io.chemdl4j.models.io.ArrayCodec;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

/**
 * The forest's own prediction against XGBoost's, which grew it: the same numbers to float precision for every
 * objective, on fingerprint-like rows (absent bits are XGBoost's "missing") and on descriptor-like rows (negative,
 * zero and positive values); the same numbers after its arrays are encoded and read back; and malformed arrays
 * refused by name.
 */
class TreeEnsembleTest {
    private static final int ROWS = 400;
    private static final int FEATURES = 40;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /** Rows whose first half of features are bits (about 20% set) and second half are signed values, some 0. */
    private static float[][] rows(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[ROWS][FEATURES];
        for (float[] row : x) {
            for (int f = 0; f < FEATURES; f++) {
                if (f < FEATURES / 2) {
                    row[f] = random.nextDouble() < 0.2 ? 1 : 0;
                } else {
                    row[f] = random.nextDouble() < 0.1 ? 0 : (float) random.nextGaussian();
                }
            }
        }
        return x;
    }

    /** Labels that depend on the features: a class of a weighted sum (0/1, or 0..3), or the sum itself. */
    private static Dataset dataset(TaskType type, long seed) {
        float[][] x = rows(seed);
        float[][] y = new float[ROWS][1];
        for (int i = 0; i < ROWS; i++) {
            double s = x[i][0] + x[i][3] - x[i][7] + 0.8 * x[i][FEATURES / 2] - 0.5 * x[i][FEATURES - 1];
            y[i][0] = switch (type) {
                case CLASSIFICATION -> s > 0.3 ? 1 : 0;
                case REGRESSION -> (float) s;
                case MULTICLASS -> s < -0.5 ? 0 : s < 0.3 ? 1 : s < 1 ? 2 : 3;
            };
        }
        return Dataset.of(x, y, null, IntStream.range(0, ROWS).mapToObj(Integer::toString).toArray(String[]::new),
                List.of("y"));
    }

    private static Booster grow(TaskType type, Dataset data) throws Exception {
        int classes = type == TaskType.MULTICLASS ? 4 : 0;
        Map<String, Object> params = RandomForestModel.parameters(type, classes,
                RandomForestConfig.defaults().withTrees(20).withSeed(3), FEATURES, 1);
        int[] all = IntStream.range(0, data.size()).toArray();
        DMatrix matrix = RandomForestModel.sparse(data, all, 1);
        float[] y = new float[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(i, 0);
        }
        matrix.setLabel(y);
        Booster booster = XGBoost.train(matrix, params, 1, Map.of(), null, null);
        matrix.dispose();
        return booster;
    }

    @ParameterizedTest
    @EnumSource(TaskType.class)
    void predictsWhatXgboostPredictsBeforeAndAfterItsArraysAreSaved(TaskType type) throws Exception {
        Dataset train = dataset(type, 1);
        Dataset unseen = dataset(type, 2);
        Booster booster = grow(type, train);
        TreeEnsemble forest = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"), FEATURES);
        assertEquals(20 * Math.max(1, type == TaskType.MULTICLASS ? 4 : 1), forest.treeCount());
        assertTrue(forest.nodeCount() > 20 * 10, "trees grown without a depth limit: " + forest.nodeCount() + " nodes");

        DMatrix matrix = RandomForestModel.sparse(unseen, IntStream.range(0, ROWS).toArray(), 1);
        float[][] expected = booster.predict(matrix);
        matrix.dispose();
        booster.dispose();
        TreeEnsemble reread = TreeEnsemble.fromArrays(encodedAndRead(forest.toArrays("task-0.")), "task-0.",
                forest.link(), FEATURES);
        int k = forest.outputs();
        double worst = 0;
        for (int from = 0; from < ROWS; from += TreeEnsemble.BLOCK_ROWS) {
            int to = Math.min(ROWS, from + TreeEnsemble.BLOCK_ROWS);
            float[][] rows = IntStream.range(from, to).mapToObj(unseen::featureRow).toArray(float[][]::new);
            double[][] ours = new double[rows.length][k];
            forest.predict(rows, ours, 0);
            double[][] again = new double[rows.length][k];
            reread.predict(rows, again, 0);
            for (int i = 0; i < rows.length; i++) {
                assertArrayEquals(ours[i], again[i], "row " + (from + i) + " after the arrays are read back");
                double[] alone = new double[k];
                forest.predict(new float[][] {rows[i]}, new double[][] {alone}, 0);
                assertArrayEquals(ours[i], alone, "row " + (from + i) + " predicted alone as in its block");
                for (int c = 0; c < k; c++) {
                    worst = Math.max(worst, Math.abs(ours[i][c] - expected[from + i][c]));
                }
            }
        }
        assertTrue(worst < 1e-6, "largest difference from XGBoost's prediction: " + worst);
    }

    /** The arrays through ArrayCodec and back, as a model file holds them. */
    private static Map<String, INDArray> encodedAndRead(Map<String, INDArray> arrays) throws Exception {
        Map<String, INDArray> out = new HashMap<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            out.put(e.getKey(), ArrayCodec.read(e.getKey(), new ByteArrayInputStream(ArrayCodec.encode(e.getValue()))));
        }
        return out;
    }

    /** A hand-made forest of one tree: feature 2 below 0.5 (missing: left) gives 1, else 3; base margin 0.25. */
    private static Map<String, INDArray> oneSplit() {
        Map<String, INDArray> a = new HashMap<>();
        a.put("trees", Nd4j.createFromArray(0, 3));
        a.put("classes", Nd4j.createFromArray(0));
        a.put("features", Nd4j.createFromArray(2, -1, -1));
        a.put("children", Nd4j.createFromArray(new int[][] {{1, 2}, {-1, -1}, {-1, -1}}));
        a.put("missingLeft", Nd4j.createFromArray(1, 0, 0));
        a.put("values", Nd4j.createFromArray(0.5f, 1f, 3f));
        a.put("baseMargin", Nd4j.createFromArray(0.25f));
        return a;
    }

    @Test
    void aHandMadeTreeSendsRowsByThresholdAndMissingValuesItsDefaultWay() throws Exception {
        TreeEnsemble tree = TreeEnsemble.fromArrays(oneSplit(), "", TreeEnsemble.Link.IDENTITY, 3);
        float[][] rows = {{0, 0, 0.4f}, {0, 0, 0.5f}, {0, 0, 0}, {0, 0, Float.NaN}};
        double[][] out = new double[rows.length][1];
        tree.predict(rows, out, 0);
        assertEquals(1.25, out[0][0], 1e-7, "0.4 < 0.5: left");
        assertEquals(3.25, out[1][0], 1e-7, "0.5 is not below 0.5: right");
        assertEquals(1.25, out[2][0], 1e-7, "0 is missing: the default side, left");
        assertEquals(1.25, out[3][0], 1e-7, "NaN is missing too");
        TreeEnsemble logistic = TreeEnsemble.fromArrays(oneSplit(), "", TreeEnsemble.Link.LOGISTIC, 3);
        double[][] p = new double[1][1];
        logistic.predict(new float[][] {{0, 0, 2}}, p, 0);
        assertEquals(1 / (1 + Math.exp(-3.25)), p[0][0], 1e-6);
    }

    @Test
    void malformedArraysAreRefusedByName() {
        assertRefused(a -> a.put("children", Nd4j.createFromArray(new int[][] {{1, 2}, {0, 2}, {-1, -1}})),
                "has children");
        assertRefused(a -> {
            a.put("features", Nd4j.createFromArray(2, 1, -1));
            a.put("children", Nd4j.createFromArray(new int[][] {{1, 2}, {2, 2}, {-1, -1}}));
        }, "reached twice");
        assertRefused(a -> a.put("children", Nd4j.createFromArray(new int[][] {{1, 7}, {-1, -1}, {-1, -1}})),
                "outside its 3 nodes");
        assertRefused(a -> a.put("features", Nd4j.createFromArray(3, -1, -1)), "feature 3 of 3");
        assertRefused(a -> a.put("trees", Nd4j.createFromArray(0, 2)), "do not cover");
        assertRefused(a -> a.put("values", Nd4j.createFromArray(0.5f, Float.NaN, 3f)), "has value NaN");
        assertRefused(a -> a.put("values", Nd4j.createFromArray(0.5, 1.0, 3.0)), "expected FLOAT");
        assertRefused(a -> a.put("missingLeft", Nd4j.createFromArray(2, 0, 0)), "not 0 or 1");
        assertRefused(a -> a.put("classes", Nd4j.createFromArray(1)), "adds to class 1 of 1");
        assertRefused(a -> a.remove("baseMargin"), "'baseMargin' is missing");
    }

    private static void assertRefused(java.util.function.Consumer<Map<String, INDArray>> damage, String reason) {
        Map<String, INDArray> arrays = oneSplit();
        damage.accept(arrays);
        String message = assertThrows(ModelFormatException.class,
                () -> TreeEnsemble.fromArrays(arrays, "", TreeEnsemble.Link.IDENTITY, 3)).getMessage();
        assertTrue(message.contains(reason), message + " (expected: " + reason + ")");
    }

    @Test
    void aModelSavedAsArraysHoldsNoXgboostEntry() throws Exception {
        Dataset train = dataset(TaskType.CLASSIFICATION, 1);
        RandomForestModel model = RandomForestModel.fit(TaskType.CLASSIFICATION, train,
                RandomForestConfig.defaults().withTrees(5).withSeed(1), 1);
        model.save(dir.resolve("m"), null, List.of());
        try (var zip = new java.util.zip.ZipFile(dir.resolve("m").resolve(RandomForestModel.FORESTS).toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).sorted().toList();
            assertEquals(TreeEnsemble.ARRAYS.stream().map(n -> "task-0." + n).sorted().toList(), names);
        }
    }
}
