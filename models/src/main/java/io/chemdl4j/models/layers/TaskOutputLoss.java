package io.chemdl4j.models.layers;

/**
 * The per-task output of a network and its weighted loss, each label's loss multiplied by its weight
 * {@code w} (0 for a missing label) and averaged over molecules: for classification the cross-entropy of
 * two logits per task (a two-class softmax, DeepChem's) or of one logit per task (a sigmoid, chemprop's);
 * for regression one value per task and the squared error.
 */
public final class TaskOutputLoss {
    private final boolean classification;
    private final boolean sigmoid;
    private final int tasks;

    /** DeepChem's outputs: a two-class softmax per task for classification. */
    public TaskOutputLoss(boolean classification, int tasks) {
        this(classification, tasks, false);
    }

    /**
     * @param sigmoid for classification, one logit per task and a sigmoid (chemprop's) instead of a
     *                two-class softmax
     */
    public TaskOutputLoss(boolean classification, int tasks, boolean sigmoid) {
        this.classification = classification;
        this.sigmoid = sigmoid && classification;
        this.tasks = tasks;
    }

    /** Output columns: one per task, or two per task for a softmax classifier. */
    public int outputs() {
        return classification && !sigmoid ? 2 * tasks : tasks;
    }

    /**
     * Predictions, loss and its gradient.
     *
     * @param predictions {@code [molecules × tasks]} row-major: probabilities of class 1, or values
     * @param loss        the mean weighted loss per molecule (0 without labels)
     * @param dOutputs    the loss's gradient with respect to the outputs, row-major
     */
    public record Result(double[] predictions, double loss, double[] dOutputs) {
    }

    /**
     * @param outputs {@code [molecules × outputs()]} row-major
     * @param labels  {@code [molecules × tasks]} row-major, or {@code null} for prediction only
     * @param weights same shape as labels
     */
    public Result evaluate(double[] outputs, int molecules, double[] labels, double[] weights) {
        int m = molecules;
        double[] predictions = new double[m * tasks];
        double[] dOutputs = new double[outputs.length];
        double loss = 0;
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < tasks; t++) {
                int k = i * tasks + t;
                double w = labels == null ? 0 : weights[k];
                double y = labels == null ? 0 : labels[k];
                if (sigmoid) {
                    double logit = outputs[k];
                    double p = sigmoid(logit);
                    predictions[k] = p;
                    loss += w * (y * softplus(-logit) + (1 - y) * softplus(logit));
                    dOutputs[k] = w * (p - y) / m;
                } else if (classification) {
                    double diff = outputs[i * 2 * tasks + 2 * t + 1] - outputs[i * 2 * tasks + 2 * t];
                    double p = sigmoid(diff);
                    predictions[k] = p;
                    loss += w * (y * softplus(-diff) + (1 - y) * softplus(diff));
                    double g = w * (p - y) / m;
                    dOutputs[i * 2 * tasks + 2 * t + 1] = g;
                    dOutputs[i * 2 * tasks + 2 * t] = -g;
                } else {
                    double o = outputs[i * tasks + t];
                    predictions[k] = o;
                    loss += w * (o - y) * (o - y);
                    dOutputs[k] = 2 * w * (o - y) / m;
                }
            }
        }
        return new Result(predictions, loss / m, dOutputs);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
