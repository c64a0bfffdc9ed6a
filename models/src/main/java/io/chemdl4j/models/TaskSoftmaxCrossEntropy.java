package io.chemdl4j.models;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multitask K-class softmax cross-entropy on logits, weighted per label: the network's output has
 * K logits per task (columns {@code Kt .. Kt+K-1}; K = 2 unless constructed with more) and the labels
 * are the one-hot targets <em>multiplied by the label's weight</em> {@code w}, for two classes
 * {@code (w (1 - y), w y)}. The loss of a molecule is then {@code sum_t w_t * -log softmax(z_t)[y_t]} and
 * its gradient {@code w_t (p_t - onehot(y_t))}; a label of weight 0 has an all-zero target and
 * contributes nothing, whatever its value.
 *
 * <p>The weights travel in the labels, not in DL4J's label mask, because DL4J also multiplies the
 * output layer's pre-activations and deltas by the mask: harmless for 0/1 masks, wrong for weights.
 * A mask, if one is given, is treated as DL4J treats 0/1 masks (masked columns count for nothing).
 *
 * <p>Computed on logits with log-sum-exp, so saturated outputs never give {@code 0 * log 0}; this is
 * DeepChem's {@code SoftmaxCrossEntropy} applied to the per-task softmax of its classifiers. The
 * output layer's activation must be the identity. The per-batch arrays are small (batch × 2 tasks),
 * so the arithmetic runs in plain Java.
 *
 * <p>Its fully qualified name is written into the DL4J configuration of format-1 model files, so it
 * stays in this package: moving it would stop those files from loading ({@code GoldenModelTest}).
 */
public final class TaskSoftmaxCrossEntropy extends WeightedLoss {
    private static final long serialVersionUID = 1L;

    /**
     * Classes per task. Not final, and 2 unless set: DL4J's JSON configuration reads it back into a
     * new instance, and configurations written before multiclass models existed lack it.
     */
    @org.nd4j.shade.jackson.annotation.JsonProperty("classes")
    private int classes = 2;

    /** Two classes per task: binary labels. */
    public TaskSoftmaxCrossEntropy() {
    }

    /** {@code classes} classes per task (at least 2): multiclass labels. */
    public TaskSoftmaxCrossEntropy(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a softmax needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
    }

    /** Classes per task: logits and target columns per task. */
    public int classes() {
        return classes;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireIdentity(activationFn);
        Batch b = new Batch(labels, preOutput, mask, classes);
        double[] perExample = new double[b.rows];
        for (int r = 0; r < b.rows; r++) {
            for (int c = 0; c < b.cols; c += classes) {
                perExample[r] += classes == 2 ? b.pairLoss(r * b.cols + c) : b.groupLoss(r * b.cols + c, null);
            }
        }
        return Nd4j.createFromArray(perExample).reshape(b.rows, 1).castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        requireIdentity(activationFn);
        Batch b = new Batch(labels, preOutput, mask, classes);
        float[] grad = new float[b.z.length];
        double score = 0;
        if (classes != 2) {
            for (int i = 0; i < b.z.length; i += classes) {
                score += b.groupLoss(i, grad);
            }
            if (average) {
                score /= b.rows;
            }
            return new Pair<>(score, Nd4j.create(grad, new long[] {b.rows, b.cols}, 'c').castTo(preOutput.dataType()));
        }
        for (int i = 0; i < b.z.length; i += 2) {
            score += b.pairLoss(i);
            double p1 = sigmoid(b.z[i + 1] - b.z[i]);
            double t0 = b.target(i);
            double t1 = b.target(i + 1);
            // d/dz_c of -[t0 log p0 + t1 log p1] for a 2-way softmax is (t0 + t1) p_c - t_c.
            grad[i] = (float) ((t0 + t1) * (1 - p1) - t0);
            grad[i + 1] = (float) ((t0 + t1) * p1 - t1);
        }
        if (average) {
            score /= b.rows;
        }
        INDArray gradient = Nd4j.create(grad, new long[] {b.rows, b.cols}, 'c').castTo(preOutput.dataType());
        return new Pair<>(score, gradient);
    }

    /** The logistic function, without overflow for large {@code |x|}. */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** {@code log(1 + exp(x))} without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    @Override
    public String name() {
        return "TaskSoftmaxCrossEntropy";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSoftmaxCrossEntropy other && other.classes == classes;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + classes;
    }

    @Override
    public String toString() {
        return name() + "(" + classes + ")";
    }

    /** One batch's logits, labels and weights as flat row-major Java arrays. */
    private static final class Batch {
        final int groupSize;
        final int rows;
        final int cols;
        final float[] z;
        final float[] y;
        final float[] w;

        Batch(INDArray labels, INDArray preOutput, INDArray mask, int classes) {
            groupSize = classes;
            rows = (int) preOutput.size(0);
            cols = (int) preOutput.size(1);
            if (cols % classes != 0 || labels.size(0) != rows || labels.size(1) != cols) {
                throw new IllegalArgumentException("need " + classes + " logits per task and one-hot labels of the "
                        + "same shape");
            }
            z = NdArrays.toFloats(preOutput);
            y = NdArrays.toFloats(labels);
            w = mask == null ? null : NdArrays.toFloats(mask);
            if (w != null && w.length != z.length) {
                throw new IllegalArgumentException("the mask must have one entry per output column");
            }
        }

        /** Weighted target of column {@code i}: the label times its weight, masked columns 0. */
        double target(int i) {
            return w == null ? y[i] : y[i] * w[i];
        }

        /**
         * Weighted loss of the group of {@code k = classes} logits starting at flat index {@code i},
         * {@code sum_c t_c (logsumexp(z) - z_c)}; when {@code grad} is given, its gradient
         * {@code (sum_c t_c) p_c - t_c} goes into {@code grad[i..i+k)}.
         */
        double groupLoss(int i, float[] grad) {
            int k = groupSize;
            double max = Double.NEGATIVE_INFINITY;
            double total = 0;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[i + c]);
                total += target(i + c);
            }
            if (total == 0) {
                return 0;
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[i + c] - max);
            }
            double logSum = max + Math.log(sum);
            double loss = 0;
            for (int c = 0; c < k; c++) {
                double t = target(i + c);
                loss += t * (logSum - z[i + c]);
                if (grad != null) {
                    grad[i + c] = (float) (total * Math.exp(z[i + c] - logSum) - t);
                }
            }
            return loss;
        }

        /** Weighted loss of the pair starting at flat index {@code i}. */
        double pairLoss(int i) {
            double t0 = target(i);
            double t1 = target(i + 1);
            if (t0 == 0 && t1 == 0) {
                return 0;
            }
            double d = z[i + 1] - z[i];
            // -log p1 = softplus(-d), -log p0 = softplus(d)
            return t1 * softplus(-d) + t0 * softplus(d);
        }
    }
}
