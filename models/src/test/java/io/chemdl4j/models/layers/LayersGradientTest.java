package io.chemdl4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every generic layer's backward pass against finite differences ({@link GradientCheck}), and their edge cases. */
class LayersGradientTest {
    private final INDArray x = GradientCheck.randomMatrix(9, 6, 1);

    @Test
    void dense() {
        assertTrue(GradientCheck.check(new Dense("d", 6, 4, new Random(1), DataType.DOUBLE), x,
                GradientCheck.pass(false, false)) > 30);
    }

    @Test
    void denseWithoutBiasAndSharedWeightsAddingUpGradients() {
        Dense first = new Dense("d", 6, 4, false, new Random(1), DataType.DOUBLE);
        assertEquals(java.util.Set.of("d_W"), first.parameters().keySet());
        GradientCheck.check(first, x, GradientCheck.pass(false, false));
        Dense second = first.sharingWeights();
        java.util.Map<String, INDArray> gradients = new java.util.HashMap<>();
        INDArray dy = GradientCheck.randomMatrix(9, 4, 2);
        first.forward(x, Pass.inference());
        second.forward(x.mul(2), Pass.inference());
        first.backward(dy, gradients);
        second.backward(dy, gradients);
        assertEquals(x.transpose().mmul(dy).mul(3), gradients.get("d_W"), "x·dy + 2x·dy");
    }

    /** A sparse matrix with repeated columns, weights and an empty row, and its transpose as the gradient. */
    @Test
    void aggregationAlongASparseMatrix() {
        SparseRows map = SparseRows.of(4, 9, new int[] {0, 3, 3, 5, 6}, new int[] {0, 4, 4, 8, 2, 7},
                new float[] {1, 0.5f, 2, -1, 1, 0.25f});
        Aggregation aggregation = new Aggregation().bind(map);
        INDArray y = aggregation.forward(x, Pass.inference());
        assertEquals(x.getDouble(0, 1) + 2.5 * x.getDouble(4, 1), y.getDouble(0, 1), 1e-6);
        assertEquals(0, y.getRow(1).sumNumber().doubleValue(), 0.0, "an empty row");
        GradientCheck.check(aggregation, x, GradientCheck.pass(false, false));
        assertEquals(map, map.transpose().transpose());
        INDArray single = map.apply(x.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, single.dataType());
        assertTrue(single.castTo(DataType.DOUBLE).equalsWithEps(y, 1e-6), "the single-precision loop computes the same");
    }

    @Test
    void relu() {
        GradientCheck.check(new Relu(), x, GradientCheck.pass(false, false));
    }

    /** {@code max(x + a, 0)} in one pass: its gradient, and the single-precision loops against the definition. */
    @Test
    void reluOfASum() {
        INDArray addend = GradientCheck.randomMatrix(9, 6, 7);
        Relu relu = new Relu();
        Layer sum = new Layer() {
            @Override
            public INDArray forward(INDArray in, Pass pass) {
                return relu.forwardSum(in, addend, pass);
            }

            @Override
            public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
                return relu.backward(dy, gradients);
            }
        };
        GradientCheck.check(sum, x, GradientCheck.pass(false, false));
        INDArray pre = x.add(addend);
        INDArray dy = GradientCheck.randomMatrix(9, 6, 8);
        Relu single = new Relu();
        INDArray y = single.forwardSum(x.castTo(DataType.FLOAT), addend.castTo(DataType.FLOAT), Pass.inference());
        assertTrue(y.castTo(DataType.DOUBLE).equalsWithEps(pre.mul(Matrices.positive(pre)), 1e-6));
        INDArray dx = single.backward(dy.castTo(DataType.FLOAT), new java.util.HashMap<>());
        assertTrue(dx.castTo(DataType.DOUBLE).equalsWithEps(dy.mul(Matrices.positive(pre)), 1e-6));
        assertTrue(Matrices.positive(pre).sumNumber().intValue() > 10 && Matrices.positive(pre.neg()).sumNumber()
                .intValue() > 10, "both sides of the kink are exercised");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> single.forwardSum(x, addend.getColumns(0, 1), Pass.inference()));
    }

    @Test
    void batchNormWithBatchStatisticsAndWithMovingOnes() {
        BatchNorm bn = new BatchNorm("bn", 6, DataType.DOUBLE);
        bn.parameters().get("bn_gamma").assign(GradientCheck.randomMatrix(1, 6, 3).add(1.5));
        bn.parameters().get("bn_beta").assign(GradientCheck.randomMatrix(1, 6, 4));
        GradientCheck.check(bn, x, GradientCheck.pass(true, false));
        // training updates the moving averages with momentum 0.99; prediction reads them
        bn.forward(x, Pass.training(new java.util.SplittableRandom(1)));
        double mean = x.getColumn(0).meanNumber().doubleValue();
        assertEquals(0.01 * mean, bn.state().get("bn_movingMean").getDouble(0), 1e-12);
        INDArray predicted = bn.forward(x, Pass.inference());
        assertEquals(predicted.getDouble(0, 0), bn.parameters().get("bn_gamma").getDouble(0)
                * (x.getDouble(0, 0) - 0.01 * mean) / Math.sqrt(bn.state().get("bn_movingVariance").getDouble(0)
                + BatchNorm.EPSILON) + bn.parameters().get("bn_beta").getDouble(0), 1e-12);
        // with the moving statistics (constants) the layer is affine, and its gradients are those of that map
        GradientCheck.check(bn, x, GradientCheck.pass(false, false));
    }

    @Test
    void dropoutWithAFixedMaskAndNoneAtPrediction() {
        Dropout dropout = new Dropout(0.4);
        GradientCheck.check(dropout, x, GradientCheck.pass(true, true));
        INDArray y = dropout.forward(x, GradientCheck.pass(true, true).get());
        long zeros = java.util.stream.LongStream.range(0, y.length()).filter(i -> y.getDouble(i) == 0).count();
        assertTrue(zeros > 5 && zeros < 40, zeros + " of 54 dropped at rate 0.4");
        for (long i = 0; i < y.length(); i++) {
            assertTrue(y.getDouble(i) == 0 || Math.abs(y.getDouble(i) - x.getDouble(i) / 0.6) < 1e-12);
        }
        assertEquals(x, dropout.forward(x, Pass.inference()));
        INDArray single = dropout.forward(x.castTo(DataType.FLOAT), GradientCheck.pass(true, true).get());
        assertTrue(single.castTo(DataType.DOUBLE).equalsWithEps(y, 1e-6), "the single-precision loop drops the same");
        INDArray dy = GradientCheck.randomMatrix(9, 6, 4);
        assertTrue(dropout.backward(dy.castTo(DataType.FLOAT), new java.util.HashMap<>()).castTo(DataType.DOUBLE)
                .equalsWithEps(dy.mul(single.castTo(DataType.DOUBLE).div(x)), 1e-5), "backward uses the mask");
        Dropout tenth = new Dropout(0.1);
        INDArray many = tenth.forward(org.nd4j.linalg.factory.Nd4j.ones(DataType.FLOAT, 1000, 100),
                GradientCheck.pass(true, true).get());
        double dropped = many.eq(0).castTo(DataType.FLOAT).sumNumber().doubleValue() / 100_000;
        assertEquals(0.1, dropped, 0.005, "the rate holds over 100,000 values");
    }

    @Test
    void aCompositionOfLayersIsCheckedAsOneLayer() {
        Random init = new Random(2);
        List<Layer> stack = List.of(new Dense("a", 6, 5, init, DataType.DOUBLE), new Relu(),
                new BatchNorm("n", 5, DataType.DOUBLE), new Dropout(0.3), new Dense("b", 5, 3, init, DataType.DOUBLE));
        Layer composed = new Layer() {
            @Override
            public INDArray forward(INDArray in, Pass pass) {
                INDArray y = in;
                for (Layer l : stack) {
                    y = l.forward(y, pass);
                }
                return y;
            }

            @Override
            public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
                INDArray d = dy;
                for (int k = stack.size() - 1; k >= 0; k--) {
                    d = stack.get(k).backward(d, gradients);
                }
                return d;
            }

            @Override
            public Map<String, INDArray> parameters() {
                Map<String, INDArray> all = new java.util.LinkedHashMap<>();
                stack.forEach(l -> all.putAll(l.parameters()));
                return all;
            }
        };
        GradientCheck.check(composed, x, GradientCheck.pass(true, true));
    }

    /** The output loss's gradient for every output kind, missing labels included, and its predictions. */
    @Test
    void taskOutputLoss() {
        checkTaskOutputLoss(new TaskOutputLoss(true, 3), "softmax", 4,
                out -> 1 / (1 + Math.exp(-(out.getDouble(0, 1) - out.getDouble(0, 0)))));
        checkTaskOutputLoss(new TaskOutputLoss(false, 3), "regression", 2, out -> out.getDouble(0, 0));
        TaskOutputLoss sigmoid = new TaskOutputLoss(true, 3, true);
        assertEquals(3, sigmoid.outputs(), "one logit per task");
        checkTaskOutputLoss(sigmoid, "sigmoid", 2, out -> 1 / (1 + Math.exp(-out.getDouble(0, 0))));
        TaskOutputLoss multiclass = TaskOutputLoss.multiclass(3, 3);
        assertEquals(9, multiclass.outputs(), "three logits per task");
        checkTaskOutputLoss(multiclass, "multiclass", 6, new double[] {2, 0, 1, 0, 2, 1, 1, 1, 0, 0, 2, 0},
                out -> Math.exp(out.getDouble(0, 0))
                        / (Math.exp(out.getDouble(0, 0)) + Math.exp(out.getDouble(0, 1)) + Math.exp(out.getDouble(0, 2))));
        TaskOutputLoss meanVariance = TaskOutputLoss.meanVariance(3);
        assertEquals(6, meanVariance.outputs(), "a mean and a raw variance per task");
        assertEquals(6, meanVariance.predictionsPerMolecule(), "the means, then the variances");
        // molecule 0, task 2 has weight 0: its mean's output (index 2) and its variance's (index 5) get no gradient
        checkTaskOutputLoss(meanVariance, "mean-variance", 2, out -> out.getDouble(0, 0));
        checkTaskOutputLoss(meanVariance, "mean-variance", 5, out -> out.getDouble(0, 0));
        // the variance is softplus of its raw output; the loss is the Gaussian negative log-likelihood
        TaskOutputLoss.Result one = TaskOutputLoss.meanVariance(1).evaluate(new double[] {0.5, 0}, 1, new double[] {1.5},
                new double[] {1});
        double v = Math.log(2) + TaskOutputLoss.MIN_VARIANCE;
        assertEquals(v, one.predictions()[1], 1e-12);
        assertEquals(0.5 * Math.log(2 * Math.PI * v) + 1 / (2 * v), one.loss(), 1e-12);
        TaskOutputLoss evidential = TaskOutputLoss.evidential(3);
        assertEquals(12, evidential.outputs(), "a mean and three raw parameters per task");
        assertEquals(6, evidential.predictionsPerMolecule(), "the means, then the total variances");
        // molecule 0, task 2 has weight 0: its mean (2), nu (5), alpha (8) and beta (11) get no gradient
        for (int missing : new int[] {2, 5, 8, 11}) {
            checkTaskOutputLoss(evidential, "evidential", missing, out -> out.getDouble(0, 0));
        }
        // by hand: gamma 0.5, raw nu = raw beta = 0 (softplus log 2), raw alpha 0 (1 + log 2), label 1.5
        TaskOutputLoss.Result nig = TaskOutputLoss.evidential(1).evaluate(new double[] {0.5, 0, 0, 0}, 1,
                new double[] {1.5}, new double[] {1});
        double nu = Math.log(2) + TaskOutputLoss.MIN_VARIANCE;
        double alpha = 1 + Math.log(2) + TaskOutputLoss.MIN_VARIANCE;
        double beta = nu;
        double omega = 2 * beta * (1 + nu);
        assertEquals(beta * (1 + nu) / (nu * (alpha - 1)), nig.predictions()[1], 1e-12);
        assertEquals(0.5 * Math.log(Math.PI / nu) - alpha * Math.log(omega) + (alpha + 0.5) * Math.log(nu + omega)
                + org.apache.commons.math3.special.Gamma.logGamma(alpha)
                - org.apache.commons.math3.special.Gamma.logGamma(alpha + 0.5), nig.loss(), 1e-12);
    }

    private static void checkTaskOutputLoss(TaskOutputLoss loss, String kind, int missing,
                                            java.util.function.ToDoubleFunction<INDArray> prediction) {
        checkTaskOutputLoss(loss, kind, missing, new double[] {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0}, prediction);
    }

    /**
     * @param missing    index of an output whose label has weight 0
     * @param prediction the expected first prediction from the outputs
     */
    private static void checkTaskOutputLoss(TaskOutputLoss loss, String kind, int missing, double[] labels,
                                            java.util.function.ToDoubleFunction<INDArray> prediction) {
        int m = 4;
        INDArray outputs = GradientCheck.randomMatrix(m, loss.outputs(), 8).mul(3);
        double[] weights = {1, 2, 0, 1, 1, 0.5, 1, 1, 3, 1, 0, 1};
        TaskOutputLoss.Result r = loss.evaluate(Matrices.values(outputs), m, labels, weights);
        INDArray analytic = Matrices.matrix(r.dOutputs(), m, loss.outputs(), DataType.DOUBLE);
        GradientCheck.compare(kind + " outputs", analytic, outputs,
                () -> loss.evaluate(Matrices.values(outputs), m, labels, weights).loss());
        assertEquals(0, r.dOutputs()[missing], 0.0, "a missing label has no gradient");
        assertEquals(prediction.applyAsDouble(outputs), r.predictions()[0], 1e-12, kind + " prediction");
    }
}
