package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TaskSoftmaxCrossEntropyTest {
    private final TaskSoftmaxCrossEntropy loss = new TaskSoftmaxCrossEntropy();

    private static INDArray row(double... v) {
        return Nd4j.createFromArray(v).castTo(DataType.DOUBLE).reshape(1, v.length);
    }

    @Test
    void handComputedLossAndGradient() {
        // logits (0, ln 3): p1 = 3/4. Label 1 with weight 2: loss = -2 ln(3/4); grad = 2 (p - y) = (0.5, -0.5)
        INDArray z = row(0, Math.log(3));
        INDArray y = row(0, 1);
        INDArray w = row(2, 2);
        var result = loss.computeGradientAndScore(y, z, new ActivationIdentity(), w, false);
        assertEquals(-2 * Math.log(0.75), result.getFirst(), 1e-6);
        assertArrayEquals(new double[] {0.5, -0.5}, result.getSecond().toDoubleVector(), 1e-6);
        assertEquals(-2 * Math.log(0.75), loss.computeScoreArray(y, z, new ActivationIdentity(), w).getDouble(0), 1e-6);
    }

    @Test
    void saturatedLogitsGiveFiniteLossAndGradient() {
        INDArray z = row(-200, 200, 300, -300);
        INDArray y = row(1, 0, 1, 0);
        var result = loss.computeGradientAndScore(y, z, new ActivationIdentity(), null, false);
        assertEquals(400 + 0, result.getFirst(), 1e-6); // first pair: -log p0 = 400; second: ~0
        for (double g : result.getSecond().toDoubleVector()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] logits = {0.3, -1.2, 2.0, 0.7, -0.4, 0.1};
        INDArray y = row(0, 1, 1, 0, 0, 1);
        INDArray w = row(0.5, 0.5, 3, 3, 1, 1);
        assertGradientMatchesFiniteDifferences(loss, y, logits, w, 1e-5);
    }

    /** The analytic gradient of {@code loss} against central differences of step {@code h}; returns it. */
    private static double[] assertGradientMatchesFiniteDifferences(TaskSoftmaxCrossEntropy loss, INDArray labels,
                                                                    double[] logits, INDArray mask, double h) {
        double[] grad = loss.computeGradientAndScore(labels, row(logits), new ActivationIdentity(), mask, false)
                .getSecond().toDoubleVector();
        for (int i = 0; i < logits.length; i++) {
            double[] plus = logits.clone();
            double[] minus = logits.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (loss.computeScore(labels, row(plus), new ActivationIdentity(), mask, false)
                    - loss.computeScore(labels, row(minus), new ActivationIdentity(), mask, false)) / (2 * h);
            assertEquals(numeric, grad[i], 2e-3, "logit " + i);
        }
        return grad;
    }

    @Test
    void threeClassesHandComputedAndByFiniteDifferences() {
        TaskSoftmaxCrossEntropy three = new TaskSoftmaxCrossEntropy(3);
        // logits (0, ln 2, ln 5): p = (1/8, 2/8, 5/8). Class 2 with weight 2: loss = -2 ln(5/8);
        // gradient 2 (p - onehot(2)) = (0.25, 0.5, -0.75)
        INDArray z = row(0, Math.log(2), Math.log(5));
        INDArray y = row(0, 0, 2);
        var result = three.computeGradientAndScore(y, z, new ActivationIdentity(), null, false);
        assertEquals(-2 * Math.log(5.0 / 8), result.getFirst(), 1e-6);
        assertArrayEquals(new double[] {0.25, 0.5, -0.75}, result.getSecond().toDoubleVector(), 1e-6);
        // two tasks, the second without a label (all-zero target): nothing from it
        double[] logits = {0.3, -1.2, 2.0, 0.7, -0.4, 0.1};
        INDArray labels = row(0, 1.5, 0, 0, 0, 0);
        double[] grad = assertGradientMatchesFiniteDifferences(three, labels, logits, null, 1e-3);
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOfRange(grad, 3, 6), 0.0);
    }

    @Test
    void theClassCountSurvivesDl4jsJsonConfigurationAndOldConfigurationsReadAsTwo() throws Exception {
        var mapper = org.deeplearning4j.nn.conf.NeuralNetConfiguration.mapper();
        String json = mapper.writeValueAsString(new TaskSoftmaxCrossEntropy(4));
        assertEquals(new TaskSoftmaxCrossEntropy(4),
                mapper.readValue(json, org.nd4j.linalg.lossfunctions.ILossFunction.class));
        String old = "{\"@class\":\"io.chemdl4j.models.TaskSoftmaxCrossEntropy\"}";
        assertEquals(new TaskSoftmaxCrossEntropy(), mapper.readValue(old, org.nd4j.linalg.lossfunctions.ILossFunction.class));
    }
}
