package io.chemdl4j.models.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RocCurveTest {
    /**
     * scikit-learn's documented example of {@code roc_curve}: y = [1, 1, 2, 2] (2 positive), scores
     * [0.1, 0.4, 0.35, 0.8] give fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1] with
     * drop_intermediate=False, and an AUC of 0.75.
     */
    @Test
    void scikitLearnsExample() {
        RocCurve roc = RocCurve.of(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}, null);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.falsePositiveRate(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.truePositiveRate(), 1e-12);
        assertEquals(0.75, roc.area(), 1e-12);
    }

    @Test
    void tiedScoresAreOnePointAndWeightZeroLabelsAreLeftOut() {
        // Two tied scores (one positive, one negative) make one diagonal step; the weight-0 label is ignored.
        RocCurve roc = RocCurve.of(new double[] {1, 0, 1, 0, 1}, new double[] {0.9, 0.5, 0.5, 0.1, 0.0},
                new double[] {1, 1, 1, 1, 0});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.falsePositiveRate(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.truePositiveRate(), 1e-12);
        assertEquals(0.875, roc.area(), 1e-12);
    }

    @Test
    void itsAreaIsTheRocAucMetric() {
        SplittableRandom random = new SplittableRandom(3);
        double[] y = new double[500];
        double[] p = new double[500];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble() < 0.2 ? 1 : 0;
            p[i] = Math.round((y[i] * 0.3 + random.nextDouble()) * 20) / 20.0;   // many ties
        }
        assertEquals(Metric.ROC_AUC.compute(y, p, null), RocCurve.of(y, p, null).area(), 1e-12);
    }

    @Test
    void oneClassHasNoCurve() {
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[] {0, 0}, new double[] {0.1, 0.2}, null));
    }
}
