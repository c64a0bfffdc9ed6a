package io.chemdl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Metrics against hand-computed values. */
class MetricTest {
    private static double auc(double[] y, double[] p) {
        return Metric.ROC_AUC.compute(y, p, null);
    }

    @Test
    void rocAucOfPerfectInvertedAndTiedScores() {
        assertEquals(1.0, auc(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9}));
        assertEquals(0.0, auc(new double[] {0, 0, 1, 1}, new double[] {0.9, 0.8, 0.2, 0.1}));
        assertEquals(0.5, auc(new double[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3}));
    }

    @Test
    void rocAucCountsEveryPositiveNegativePair() {
        // pairs: (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) -> 3/4 (scikit-learn's documented example)
        assertEquals(0.75, auc(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}), 1e-12);
        // a tie between a positive and a negative counts one half:
        // pos {0.5, 0.9} vs neg {0.5, 0.2}: 0.5 + 1 + 1 + 1 = 3.5 of 4
        assertEquals(0.875, auc(new double[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9}), 1e-12);
        // 2 positives, 3 negatives, ties within and across classes:
        // pos {0.7, 0.4}, neg {0.4, 0.4, 0.1}: 0.7 beats all (3); 0.4 ties two (1) and beats one (1) -> 5/6
        assertEquals(5.0 / 6, auc(new double[] {1, 1, 0, 0, 0}, new double[] {0.7, 0.4, 0.4, 0.4, 0.1}), 1e-12);
    }

    @Test
    void onlyLabelsWithNonzeroWeightCount() {
        double[] y = {0, 0, 1, 1, 1};
        double[] p = {0.1, 0.4, 0.35, 0.8, 0.0};
        double[] w = {1, 2.5, 0.3, 1, 0}; // the last (a badly ranked positive) is missing
        assertEquals(0.75, Metric.ROC_AUC.compute(y, p, w), 1e-12);
        assertTrue(Metric.ROC_AUC.compute(y, p, null) < 0.75);
    }

    @Test
    void rocAucIsUndefinedWithOneClassAndRejectsNonBinaryLabels() {
        assertTrue(Double.isNaN(auc(new double[] {1, 1}, new double[] {0.2, 0.3})));
        assertThrows(IllegalArgumentException.class, () -> auc(new double[] {0, 2}, new double[] {0.2, 0.3}));
    }

    @Test
    void prcAucIsTheTrapezoidalAreaUnderScikitLearnsPrecisionRecallCurve() {
        // scikit-learn's documented example: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0];
        // trapezoids over recall: 0.5 * (2/3 + 1/2) / 2 + 0.5 * (1 + 1) / 2 = 7/24 + 1/2
        double[] y = {0, 0, 1, 1};
        assertEquals(7.0 / 24 + 0.5, Metric.PRC_AUC.compute(y, new double[] {0.1, 0.4, 0.35, 0.8}, null), 1e-12);
        // a tie at 0.5 is one threshold: points (0.5, 1) at 0.9, (1, 2/3) at 0.5, (1, 1/2) at 0.2 -> 1/2 + 5/12
        assertEquals(11.0 / 12, Metric.PRC_AUC.compute(new double[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9},
                null), 1e-12);
        assertEquals(1.0, Metric.PRC_AUC.compute(y, new double[] {0.1, 0.2, 0.8, 0.9}, null), 1e-12);
        // weights select labels as for ROC-AUC; one class only is undefined
        assertEquals(1.0, Metric.PRC_AUC.compute(new double[] {0, 0, 1, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9, 0},
                new double[] {1, 1, 1, 1, 0}), 1e-12);
        assertTrue(Double.isNaN(Metric.PRC_AUC.compute(new double[] {0, 0}, new double[] {0.2, 0.3}, null)));
        assertEquals(Metric.PRC_AUC, Metric.byId("prc_auc"));
    }

    @Test
    void regressionMetricsOfASmallCase() {
        double[] y = {1, 2, 3};
        double[] p = {1, 2, 4};
        assertEquals(Math.sqrt(1.0 / 3), Metric.RMSE.compute(y, p, null), 1e-12);
        assertEquals(1.0 / 3, Metric.MAE.compute(y, p, null), 1e-12);
        assertEquals(0.5, Metric.R2.compute(y, p, null), 1e-12); // 1 - 1/2
        // r = cov/(sd sd) = 3 / sqrt(2 * 42/9) -> r^2 = 9 / (84/9) = 81/84
        assertEquals(81.0 / 84, Metric.PEARSON_R2.compute(y, p, null), 1e-12);
        assertEquals(0.0, Metric.RMSE.compute(new double[] {1, 5}, new double[] {1, 9}, new double[] {1, 0}));
    }

    @Test
    void evaluationMeanSkipsUndefinedTasks() {
        EvaluationResult r = new EvaluationResult(java.util.List.of("a", "b", "c"),
                java.util.Map.of(Metric.ROC_AUC, new double[] {0.6, Double.NaN, 0.8}));
        assertEquals(0.7, r.mean(Metric.ROC_AUC), 1e-12);
        assertEquals(0.8, r.task(Metric.ROC_AUC, "c"));
    }

    private static final double[] CLASSES = {0, 1, 2, 2, 1, 0, 2, 1, 0, 1};
    private static final double[][] CLASS_PROBABILITIES = {{.7, .2, .1}, {.2, .5, .3}, {.1, .3, .6}, {.3, .3, .4},
            {.3, .4, .3}, {.5, .1, .4}, {.2, .5, .3}, {.1, .8, .1}, {.4, .4, .2}, {.6, .3, .1}};

    /** Against scikit-learn 1.2.1: roc_auc_score(y, p, multi_class='ovr', average='macro') and accuracy_score. */
    @Test
    void multiclassMacroRocAucAndAccuracyAsScikitLearn() {
        assertEquals(0.8591269841269842, Metric.ROC_AUC.computeMulticlass(CLASSES, CLASS_PROBABILITIES, null), 1e-12);
        // the most probable class, the first of equals ({.4, .4, .2} is class 0, right): 8 of 10
        assertEquals(0.8, Metric.ACCURACY.computeMulticlass(CLASSES, CLASS_PROBABILITIES, null), 1e-12);
    }

    @Test
    void multiclassScoresOnlyWeightedLabelsAndLeavesOutClassesWithoutMembers() {
        double[] weights = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        // without the last entry (class 1, predicted 0) accuracy is 8 of 9
        assertEquals(8.0 / 9, Metric.ACCURACY.computeMulticlass(CLASSES, CLASS_PROBABILITIES, weights), 1e-12);
        // only classes 0 and 1 among the labels: class 2 has no members and is left out of the mean
        double[] twoClasses = {0, 1, 0, 1};
        double[][] p = {{.6, .3, .1}, {.3, .6, .1}, {.5, .2, .3}, {.2, .3, .5}};
        // class 0: scores .6 .5 (members) vs .3 .2 → 1; class 1: .6 .3 vs .3 .2 → (1 + 1 + 0.5 + 1) / 4
        assertEquals((1.0 + 0.875) / 2, Metric.ROC_AUC.computeMulticlass(twoClasses, p, null), 1e-12);
        assertTrue(Double.isNaN(Metric.ROC_AUC.computeMulticlass(new double[] {2, 2}, new double[][] {{.1, .1, .8},
                {.2, .2, .6}}, null)));
        assertTrue(Double.isNaN(Metric.ACCURACY.computeMulticlass(CLASSES, CLASS_PROBABILITIES, new double[10])));
    }

    @Test
    void metricsOfValuesRefuseMulticlassLabels() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Metric.RMSE.computeMulticlass(CLASSES, CLASS_PROBABILITIES, null)).getMessage();
        assertEquals("rmse is a metric of values; multiclass labels are scored by roc_auc, prc_auc or accuracy", message);
    }

    @Test
    void binaryAccuracyThresholdsAtOneHalf() {
        assertEquals(0.75, Metric.ACCURACY.compute(new double[] {0, 1, 1, 0}, new double[] {0.2, 0.5, 0.4, 0.1}, null),
                1e-12);
    }
}
