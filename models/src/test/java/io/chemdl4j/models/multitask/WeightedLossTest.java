package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.moleculenet.Dataset;

/** The loss ignores weight-0 labels: changing their values changes neither the loss nor the gradient. */
class WeightedLossTest {
    private static final MultitaskConfig CONFIG = MultitaskConfig.defaults().withLayerSizes(java.util.List.of(16))
            .withDropout(0).withSeed(3);

    /** {@code data} with the labels at weight-0 positions replaced by {@code value}. */
    private static Dataset withMissingLabelsSetTo(Dataset data, float value) {
        float[] y = data.flatLabels();
        float[] w = data.flatWeights();
        for (int i = 0; i < y.length; i++) {
            if (w[i] == 0) {
                y[i] = value;
            }
        }
        return data.withLabels(y);
    }

    private static void assertIgnoresWeightZero(MultitaskModel model, Dataset data, float valueA, float valueB) {
        MultitaskModel.LossAndGradient a = model.lossAndGradient(withMissingLabelsSetTo(data, valueA));
        MultitaskModel.LossAndGradient b = model.lossAndGradient(withMissingLabelsSetTo(data, valueB));
        assertEquals(a.loss(), b.loss(), 0.0);
        assertArrayEquals(a.gradient(), b.gradient(), 0f);
        assertTrue(a.loss() > 0);
    }

    private static void assertMeasuredLabelMatters(MultitaskModel model, Dataset data, float newValue) {
        // the counter-check: the same edit on a weighted label does change loss and gradient
        float[] y = data.flatLabels();
        int measured = 0;
        while (data.flatWeights()[measured] == 0) {
            measured++;
        }
        y[measured] = newValue;
        MultitaskModel.LossAndGradient before = model.lossAndGradient(data);
        MultitaskModel.LossAndGradient after = model.lossAndGradient(data.withLabels(y));
        assertFalse(before.loss() == after.loss());
        assertFalse(Arrays.equals(before.gradient(), after.gradient()));
    }

    @Test
    void classifierIgnoresWeightZeroLabels() {
        Dataset data = ModelTestData.classification(64, 12, 1);
        MultitaskClassifier model = new MultitaskClassifier(ModelTestData.TASKS, 12, CONFIG);
        assertIgnoresWeightZero(model, data, 0f, 1f);
        float[] y = data.flatLabels();
        assertMeasuredLabelMatters(model, data, 1f - y[0]);
    }

    @Test
    void regressorIgnoresWeightZeroLabels() {
        Dataset data = ModelTestData.regression(64, 12, 1);
        MultitaskRegressor model = new MultitaskRegressor(ModelTestData.TASKS, 12, CONFIG);
        assertIgnoresWeightZero(model, data, 5f, -300f);
        assertMeasuredLabelMatters(model, data, 42f);
    }

    @Test
    void weightsScaleTheLoss() {
        Dataset data = ModelTestData.classification(32, 12, 2);
        MultitaskClassifier model = new MultitaskClassifier(ModelTestData.TASKS, 12, CONFIG);
        float[] doubled = data.flatWeights();
        for (int i = 0; i < doubled.length; i++) {
            doubled[i] *= 2;
        }
        double base = model.lossAndGradient(data).loss();
        assertEquals(2 * base, model.lossAndGradient(data.withWeights(doubled)).loss(), 1e-4 * base);
    }
}
