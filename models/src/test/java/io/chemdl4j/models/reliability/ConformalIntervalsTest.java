package io.chemdl4j.models.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ConformalIntervalsTest {
    @Test
    void theHalfWidthIsTheCeilingRankOfTheCalibrationScores() {
        // residuals 1..9 (n = 9): coverage 0.9 takes the ceil(10 * 0.9) = 9th smallest, 0.8 the 8th, 0.5 the 5th
        double[] labels = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ConformalIntervals c = ConformalIntervals.fit(labels, new double[9], null);
        assertEquals(9, c.quantile(0.9));
        assertEquals(8, c.quantile(0.8));
        assertEquals(5, c.quantile(0.5));
        assertEquals(9, c.halfWidth(0.9, 123)); // absolute scores ignore the spread
        // 0.95 needs ceil(10 * 0.95) = 10 > 9 scores: no finite interval promises it
        assertEquals(Double.POSITIVE_INFINITY, c.quantile(0.95));
        assertThrows(IllegalArgumentException.class, () -> c.quantile(1.0));
    }

    @Test
    void normalizedScoresDivideByTheSpreadAndIntervalsScaleWithIt() {
        ConformalIntervals c = ConformalIntervals.fit(new double[] {2, 4, -6}, new double[] {0, 0, 0},
                new double[] {1, 2, 3});
        assertTrue(c.normalized());
        assertEquals(2, c.quantile(0.5)); // scores 2, 2, 2
        assertEquals(1.0, c.halfWidth(0.5, 0.5));
        assertEquals(8.0, c.halfWidth(0.5, 4));
    }

    @Test
    void missingLabelsAreLeftOut() {
        ConformalIntervals c = ConformalIntervals.fit(new double[] {1, Double.NaN, 3}, new double[] {0, 0, 0}, null);
        assertEquals(2, c.size());
    }

    @Test
    void onExchangeableDataTheCoverageIsWhatWasAskedFor() {
        // heteroscedastic Gaussian errors: absolute intervals and normalized ones both cover 90% of new draws
        SplittableRandom random = new SplittableRandom(7);
        int n = 2000;
        double[] y = new double[n];
        double[] f = new double[n];
        double[] s = new double[n];
        draw(random, y, f, s);
        ConformalIntervals absolute = ConformalIntervals.fit(y, f, null);
        ConformalIntervals normalized = ConformalIntervals.fit(y, f, s);
        int m = 100_000;
        double[] ty = new double[m];
        double[] tf = new double[m];
        double[] ts = new double[m];
        draw(random, ty, tf, ts);
        for (double level : new double[] {0.8, 0.9}) {
            int inA = 0;
            int inN = 0;
            int unsure = 0;
            int unsureA = 0;
            int unsureN = 0;
            for (int i = 0; i < m; i++) {
                boolean a = Math.abs(ty[i] - tf[i]) <= absolute.halfWidth(level, ts[i]);
                boolean b = Math.abs(ty[i] - tf[i]) <= normalized.halfWidth(level, ts[i]);
                inA += a ? 1 : 0;
                inN += b ? 1 : 0;
                if (ts[i] > 1.7) { // the molecules the model is least sure of
                    unsure++;
                    unsureA += a ? 1 : 0;
                    unsureN += b ? 1 : 0;
                }
            }
            assertEquals(level, (double) inA / m, 0.02, "absolute coverage at " + level);
            assertEquals(level, (double) inN / m, 0.02, "normalized coverage at " + level);
            // intervals of one width under-cover where the model is unsure; normalized ones hold there too
            assertTrue((double) unsureA / unsure < level - 0.05, "absolute, unsure: " + (double) unsureA / unsure);
            assertEquals(level, (double) unsureN / unsure, 0.02, "normalized, unsure");
        }
    }

    private static void draw(SplittableRandom random, double[] y, double[] f, double[] s) {
        for (int i = 0; i < y.length; i++) {
            s[i] = 0.2 + 2 * random.nextDouble();
            f[i] = random.nextDouble() * 10;
            y[i] = f[i] + s[i] * gaussian(random);
        }
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
