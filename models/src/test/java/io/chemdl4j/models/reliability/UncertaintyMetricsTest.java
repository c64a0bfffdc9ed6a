package io.chemdl4j.models.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class UncertaintyMetricsTest {
    @Test
    void figuresByHand() {
        double[] y = {0, 1, 1, 0};
        double[] p = {0.1, 0.8, 0.6, 0.3};
        // Brier: (0.01 + 0.04 + 0.16 + 0.09) / 4
        assertEquals(0.075, UncertaintyMetrics.brier(y, p), 1e-12);
        // bins 1, 8, 6, 3 hold one molecule each: ECE = (0.1 + 0.2 + 0.4 + 0.3) / 4
        assertEquals(0.25, UncertaintyMetrics.reliabilityDiagram(y, p).expectedCalibrationError(), 1e-12);
        // NLL of y = 1 under N(0, 1): 0.5 log(2 pi) + 0.5
        assertEquals(0.5 * Math.log(2 * Math.PI) + 0.5,
                UncertaintyMetrics.gaussianNll(new double[] {1}, new double[] {0}, new double[] {1}), 1e-12);
        assertEquals(2.0 / 3, UncertaintyMetrics.coverage(new double[] {0, 1, 5}, new double[] {-1, -1, -1},
                new double[] {1, 1, 1}), 1e-12);
        assertEquals(2, UncertaintyMetrics.meanWidth(new double[] {-1, 0}, new double[] {1, 2}), 1e-12);
        // errors 1, 2, 3 against spreads ranked the same way
        assertEquals(1, UncertaintyMetrics.errorSpreadSpearman(new double[] {1, 2, 3}, new double[] {0, 0, 0},
                new double[] {0.1, 0.5, 0.7}), 1e-12);
        // residuals twice the spread everywhere: the scale that calibrates it is 2
        assertEquals(2, UncertaintyMetrics.spreadScale(new double[] {2, -4}, new double[] {0, 0},
                new double[] {1, 2}), 1e-12);
    }

    @Test
    void aTrueSpreadIsCalibratedAndAShrunkenOneIsNot() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 50_000;
        double[] y = new double[n];
        double[] f = new double[n];
        double[] s = new double[n];
        double[] shrunk = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0.1 + random.nextDouble();
            f[i] = random.nextDouble();
            y[i] = f[i] + s[i] * ConformalIntervalsTest.gaussian(random);
            shrunk[i] = s[i] / 3;
        }
        assertTrue(UncertaintyMetrics.miscalibrationArea(y, f, s) < 0.01);
        assertTrue(UncertaintyMetrics.miscalibrationArea(y, f, shrunk) > 0.2);
        assertTrue(UncertaintyMetrics.expectedNormalizedCalibrationError(y, f, s) < 0.05);
        assertTrue(UncertaintyMetrics.expectedNormalizedCalibrationError(y, f, shrunk) > 1.5);
        assertTrue(UncertaintyMetrics.errorSpreadSpearman(y, f, s) > 0.2);
        assertEquals(3, UncertaintyMetrics.spreadScale(y, f, shrunk), 0.05);
    }
}
