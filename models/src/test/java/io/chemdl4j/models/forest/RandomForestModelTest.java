package io.chemdl4j.models.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

class RandomForestModelTest {
    private static final RandomForestConfig SMALL = RandomForestConfig.defaults().withTrees(30).withSeed(3);

    @Test
    void learnsAClassificationRuleOnHeldOutMolecules() {
        RandomForestModel model = RandomForestModel.fit(TaskType.CLASSIFICATION,
                ModelTestData.classification(400, 24, 1), SMALL, 2);
        double auc = model.evaluate(ModelTestData.classification(200, 24, 2), List.of(Metric.ROC_AUC), List.of())
                .mean(Metric.ROC_AUC);
        assertTrue(auc > 0.95, "ROC-AUC " + auc);
        for (double[] row : model.predict(ModelTestData.classification(20, 24, 2))) {
            for (double p : row) {
                assertTrue(p >= 0 && p <= 1, "probability " + p);
            }
        }
    }

    /** Training tells its progress task by task (one forest each), so a long run is never silent. */
    @Test
    void tellsEachTaskTrained() {
        java.util.List<Integer> told = new java.util.ArrayList<>();
        RandomForestModel.fit(TaskType.REGRESSION, ModelTestData.regression(100, 8, 3), SMALL, 1, told::add);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(1, 2, 3), told);
    }

    @Test
    void learnsARegressionRule() {
        RandomForestModel model = RandomForestModel.fit(TaskType.REGRESSION, ModelTestData.regression(400, 24, 1),
                SMALL, 2);
        double rmse = model.evaluate(ModelTestData.regression(200, 24, 2), List.of(Metric.RMSE), List.of())
                .mean(Metric.RMSE);
        // labels are sums of three 0/1 features (spread about 0.7); always predicting the mean scores ~0.7
        assertTrue(rmse < 0.35, "RMSE " + rmse);
    }

    @Test
    void sameSeedSameForestOnAnyThreadCountOtherSeedOtherForest() {
        Dataset train = ModelTestData.classification(300, 24, 1);
        Dataset test = ModelTestData.classification(50, 24, 2);
        double[][] a = RandomForestModel.fit(TaskType.CLASSIFICATION, train, SMALL, 1).predict(test);
        double[][] b = RandomForestModel.fit(TaskType.CLASSIFICATION, train, SMALL, 2).predict(test);
        double[][] c = RandomForestModel.fit(TaskType.CLASSIFICATION, train, SMALL.withSeed(4), 2).predict(test);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        boolean differs = false;
        for (int i = 0; i < a.length; i++) {
            differs |= !java.util.Arrays.equals(a[i], c[i]);
        }
        assertTrue(differs, "another seed grew the same forest");
    }

    @Test
    void honoursWeightsMissingLabelsAndOneClassTasks() {
        // task 0 labels are all 1 where measured: the forest predicts the constant 1
        float[][] x = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};
        float[][] y = {{1, 0}, {1, 1}, {1, 0}, {0, 1}};
        float[][] w = {{1, 1}, {1, 1}, {1, 1}, {0, 1}};
        Dataset data = Dataset.of(x, y, w, new String[] {"a", "b", "c", "d"}, List.of("t0", "t1"));
        double[][] p = RandomForestModel.fit(TaskType.CLASSIFICATION, data, SMALL, 1).predict(data);
        for (double[] row : p) {
            assertEquals(1.0, row[0], 0.0);
        }
        assertFalse(Double.isNaN(p[0][1]));
    }

    @Test
    void rejectsLabelsThatAreNotClassesAndMismatchedFeatures() {
        Dataset regression = ModelTestData.regression(50, 24, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomForestModel.fit(TaskType.CLASSIFICATION, regression, SMALL, 1));
        assertTrue(e.getMessage().contains("not 0 or 1"), e.getMessage());
        RandomForestModel model = RandomForestModel.fit(TaskType.CLASSIFICATION,
                ModelTestData.classification(100, 24, 1), SMALL, 1);
        assertThrows(IllegalArgumentException.class, () -> model.predict(ModelTestData.classification(10, 12, 1)));
    }
}
