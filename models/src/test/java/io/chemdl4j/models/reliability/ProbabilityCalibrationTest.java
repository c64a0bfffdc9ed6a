package io.chemdl4j.models.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ProbabilityCalibrationTest {
    @Test
    void pooledAdjacentViolatorsByHand() {
        // 0.2 -> 1 then 0.3 -> 0 violate monotonicity and pool to 0.5
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {0, 1, 0, 1}, new double[] {0.1, 0.2, 0.3, 0.4});
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, c.x());
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1}, c.y());
        assertEquals(0.5, c.apply(0.25), 1e-12);
        assertEquals(0.75, c.apply(0.35), 1e-12);
        assertEquals(0, c.apply(0.0)); // clipped to the ends
        assertEquals(1, c.apply(0.99));
        assertTrue(Double.isNaN(c.apply(Double.NaN)));
    }

    @Test
    void equalProbabilitiesArePooledFirst() {
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {1, 0, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.7});
        assertArrayEquals(new double[] {0.5, 0.7}, c.x());
        assertArrayEquals(new double[] {1.0 / 3, 1}, c.y(), 1e-12);
    }

    @Test
    void plattRecoversAKnownDistortionOfTheLogOdds() {
        // a model whose log-odds are half the truth's, shifted: true p = sigma(2 logit(p) + 0.5)
        SplittableRandom random = new SplittableRandom(3);
        int n = 50_000;
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.02 + 0.96 * random.nextDouble();
            double truth = io.chemdl4j.models.layers.TaskOutputLoss.sigmoid(2 * PlattScaling.logit(p[i]) + 0.5);
            y[i] = random.nextDouble() < truth ? 1 : 0;
        }
        PlattScaling platt = PlattScaling.fit(y, p);
        assertEquals(2, platt.slope(), 0.1);
        assertEquals(0.5, platt.intercept(), 0.05);
        // isotonic regression finds the same curve without knowing its shape
        IsotonicCalibration iso = IsotonicCalibration.fit(y, p);
        for (double q : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
            double truth = io.chemdl4j.models.layers.TaskOutputLoss.sigmoid(2 * PlattScaling.logit(q) + 0.5);
            assertEquals(truth, iso.apply(q), 0.04, "isotonic at " + q);
            assertEquals(truth, platt.apply(q), 0.02, "Platt at " + q);
        }
        // and both bring the expected calibration error down
        double[] calibrated = new double[n];
        for (int i = 0; i < n; i++) {
            calibrated[i] = platt.apply(p[i]);
        }
        double before = UncertaintyMetrics.reliabilityDiagram(y, p).expectedCalibrationError();
        double after = UncertaintyMetrics.reliabilityDiagram(y, calibrated).expectedCalibrationError();
        assertTrue(after < before / 3, before + " -> " + after);
    }

    @Test
    void plattStaysFiniteOnSeparableData() {
        PlattScaling platt = PlattScaling.fit(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9});
        assertTrue(platt.slope() > 0 && Double.isFinite(platt.slope()));
        assertTrue(platt.apply(0.9) > 0.5 && platt.apply(0.9) < 1);
    }

    @Test
    void methodsByName() {
        assertEquals(ProbabilityCalibration.Method.ISOTONIC, ProbabilityCalibration.Method.parse("Isotonic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbabilityCalibration.Method.parse("beta"));
        assertTrue(e.getMessage().contains("platt or isotonic"), e.getMessage());
    }
}
