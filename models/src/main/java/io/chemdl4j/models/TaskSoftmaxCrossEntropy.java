package io.chemdl4j.models;

import io.chemdl4j.models.layers.TaskOutputLoss;

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
 * output layer's activation must be the identity. The arithmetic is {@link TaskOutputLoss}'s, the loss of
 * the hand-written networks.
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
    int outputsPerTask() {
        return classes;
    }

    @Override
    TaskOutputLoss loss(int tasks) {
        return classes == 2 ? new TaskOutputLoss(true, tasks) : TaskOutputLoss.multiclass(tasks, classes);
    }

    /** Per task: the weight is the sum of the (masked) targets, the label the class whose target is not zero. */
    @Override
    void decode(float[] labels, long[] labelShape, float[] mask, int rows, int tasks, double[] y, double[] w) {
        int columns = tasks * classes;
        if (labelShape.length != 2 || labelShape[1] != columns) {
            throw new IllegalArgumentException("labels must be one-hot targets times the weights, " + columns
                    + " columns, got " + java.util.Arrays.toString(labelShape));
        }
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < tasks; t++) {
                int base = r * columns + t * classes;
                double weight = 0;
                int label = -1;
                for (int c = 0; c < classes; c++) {
                    double target = labels[base + c] * (mask == null ? 1f : mask[base + c]);
                    if (target != 0) {
                        if (classes > 2 && label >= 0) {
                            throw new IllegalArgumentException("multiclass targets must be one class per task "
                                    + "(a one-hot row times the weight), row " + r + " task " + t);
                        }
                        label = c;
                        weight += target;
                    }
                }
                w[r * tasks + t] = weight;
                // two classes: the label is the share of class 1 (0 or 1 for one-hot targets)
                y[r * tasks + t] = weight == 0 ? 0 : classes == 2
                        ? labels[base + 1] * (mask == null ? 1f : mask[base + 1]) / weight : label;
            }
        }
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
}
