package io.chemdl4j.moleculenet.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chemdl4j.moleculenet.Dataset;

class TransformerTest {
    // task a: 3 positives, 1 negative, 1 missing; task b: 1 positive, 4 negatives
    private static final float[][] Y = {{1, 0}, {1, 0}, {1, 1}, {0, 0}, {0, 0}};
    private static final float[][] W = {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {0, 1}};

    private static Dataset data() {
        return Dataset.of(new float[5][2], Y, W, new String[] {"a", "b", "c", "d", "e"}, List.of("a", "b"));
    }

    @Test
    void balancingGivesEachClassHalfOfTheTotalWeight() {
        BalancingTransformer t = BalancingTransformer.fit(data());
        // N=4 measured: positives weigh 4/(2*3), the negative 4/(2*1)
        assertArrayEquals(new double[] {4.0 / 6, 5.0 / 2}, t.positiveWeights(), 1e-12);
        assertArrayEquals(new double[] {2.0, 5.0 / 8}, t.negativeWeights(), 1e-12);
        Dataset out = t.transform(data());
        assertEquals((float) (4.0 / 6), out.weight(0, 0), 1e-6);
        assertEquals(2f, out.weight(3, 0), 1e-6);
        assertEquals(0f, out.weight(4, 0)); // missing label stays weightless
        for (int task = 0; task < 2; task++) {
            double pos = 0;
            double neg = 0;
            for (int i = 0; i < 5; i++) {
                if (out.label(i, task) == 1) {
                    pos += out.weight(i, task);
                } else {
                    neg += out.weight(i, task);
                }
            }
            assertEquals(pos, neg, 1e-6, "task " + task);
        }
        assertArrayEquals(Y[0], out.labels()[0]);
    }

    @Test
    void balancingRejectsNonBinaryLabels() {
        Dataset d = Dataset.of(new float[1][1], new float[][] {{0.5f}}, null, new String[] {"x"}, List.of("t"));
        assertThrows(IllegalArgumentException.class, () -> BalancingTransformer.fit(d));
    }

    @Test
    void normalizationUsesMeasuredTrainLabelsAndIsUndone() {
        float[][] y = {{1}, {3}, {5}, {100}};
        float[][] w = {{1}, {1}, {1}, {0}};
        Dataset train = Dataset.of(new float[4][1], y, w, new String[] {"a", "b", "c", "d"}, List.of("t"));
        NormalizationTransformer t = NormalizationTransformer.fit(train);
        assertEquals(3.0, t.means()[0], 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), t.stds()[0], 1e-12);
        Dataset out = t.transform(train);
        assertEquals((float) (-2 / Math.sqrt(8.0 / 3)), out.label(0, 0), 1e-6);
        double[][] back = t.untransformPredictions(new double[][] {{out.label(0, 0)}, {out.label(2, 0)}});
        assertEquals(1.0, back[0][0], 1e-5);
        assertEquals(5.0, back[1][0], 1e-5);
        assertArrayEquals(train.flatWeights(), out.flatWeights());
    }

    @Test
    void constantLabelsDoNotDivideByZero() {
        Dataset d = Dataset.of(new float[2][1], new float[][] {{2}, {2}}, null, new String[] {"a", "b"}, List.of("t"));
        NormalizationTransformer t = NormalizationTransformer.fit(d);
        assertEquals(1.0, t.stds()[0]);
        assertEquals(0f, t.transform(d).label(1, 0));
    }

    /** Train: features (1, 10), (3, 10), (5, 10); labels 0, 3, 9 (task y). Test: one molecule. */
    private static Dataset train() {
        return Dataset.of(new float[][] {{1, 10}, {3, 10}, {5, 10}}, new float[][] {{0}, {3}, {9}}, null,
                new String[] {"a", "b", "c"}, List.of("y"));
    }

    private static Dataset test() {
        return Dataset.of(new float[][] {{7, 20}}, new float[][] {{15}}, null, new String[] {"t"}, List.of("y"));
    }

    @Test
    void featureNormalizationIsFittedOnTrainAndAppliedToEverySplit() {
        FeatureNormalizationTransformer t = FeatureNormalizationTransformer.fit(train());
        // feature 0: mean 3, population std sqrt(8/3); feature 1 is constant: std 1
        assertArrayEquals(new double[] {3, 10}, t.means(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, t.stds(), 1e-12);
        Dataset test = t.transform(test());
        assertEquals((float) (4 / Math.sqrt(8.0 / 3)), test.feature(0, 0), 1e-6);
        assertEquals(10f, test.feature(0, 1), 1e-6);
        assertEquals(15f, test.label(0, 0), "labels untouched");
        double[][] p = {{1.5}};
        assertEquals(p, t.untransformPredictions(p));
    }

    @Test
    void clippingBoundsEveryFeature() {
        Dataset out = new FeatureClippingTransformer(5).transform(test());
        assertArrayEquals(new float[] {5, 5}, out.featureRow(0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureClippingTransformer(0));
    }

    @Test
    void minMaxScalesLabelsByTheTrainingRangeAndIsUndone() {
        MinMaxTransformer t = MinMaxTransformer.fit(train());
        assertEquals(1f / 3, t.transform(train()).label(1, 0), 1e-6);
        assertEquals(15f / 9, t.transform(test()).label(0, 0), 1e-6, "test labels beyond the training range are not clamped");
        double[][] back = t.untransformPredictions(new double[][] {{1.0 / 3}, {15.0 / 9}});
        assertEquals(3.0, back[0][0], 1e-9);
        assertEquals(15.0, back[1][0], 1e-9);
    }

    @Test
    void logTransformIsLog1pAndUndoneByExpm1() {
        LogTransformer t = new LogTransformer();
        assertEquals((float) Math.log(10), t.transform(train()).label(2, 0), 1e-6);
        assertEquals(9.0, t.untransformPredictions(new double[][] {{Math.log(10)}})[0][0], 1e-9);
        Dataset bad = Dataset.of(new float[1][1], new float[][] {{-2}}, null, new String[] {"neg"}, List.of("y"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.transform(bad));
        assertEquals(true, e.getMessage().contains("'neg'"), e.getMessage());
    }
}
