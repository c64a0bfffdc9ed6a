package io.chemdl4j.models.layers;

/**
 * The per-task output of a network and its weighted loss, each label's loss multiplied by its weight
 * {@code w} (0 for a missing label) and averaged over molecules: for classification the cross-entropy of
 * two logits per task (a two-class softmax, DeepChem's) or of one logit per task (a sigmoid, chemprop's);
 * for multiclass labels the cross-entropy of a K-class softmax per task (chemprop's and DeepChem's
 * multiclass output); for regression one value per task and the squared error.
 */
public final class TaskOutputLoss {
    private final boolean classification;
    private final boolean sigmoid;
    private final int tasks;
    /** K of a multiclass output, else 0. */
    private final int classes;
    /** What a regression output predicts per task: a value, or a distribution with its spread. */
    private final io.chemdl4j.models.RegressionHead head;

    /** DeepChem's outputs: a two-class softmax per task for classification. */
    public TaskOutputLoss(boolean classification, int tasks) {
        this(classification, tasks, false);
    }

    /**
     * @param sigmoid for classification, one logit per task and a sigmoid (chemprop's) instead of a
     *                two-class softmax
     */
    public TaskOutputLoss(boolean classification, int tasks, boolean sigmoid) {
        this(classification, tasks, sigmoid, 0);
    }

    private TaskOutputLoss(boolean classification, int tasks, boolean sigmoid, int classes) {
        this(classification, tasks, sigmoid, classes, io.chemdl4j.models.RegressionHead.VALUE);
    }

    private TaskOutputLoss(boolean classification, int tasks, boolean sigmoid, int classes,
                           io.chemdl4j.models.RegressionHead head) {
        this.classification = classification;
        this.sigmoid = sigmoid && classification;
        this.tasks = tasks;
        this.classes = classes;
        this.head = head;
    }

    /** Smallest variance a mean-variance output predicts, which keeps its loss finite. */
    public static final double MIN_VARIANCE = 1e-6;

    /**
     * A mean-variance output for regression (Nix and Weigend 1994; chemprop's {@code mve}): per molecule the
     * {@code tasks} means, then {@code tasks} raw values whose softplus (plus {@link #MIN_VARIANCE}) is each mean's
     * variance; the loss is the Gaussian negative log-likelihood {@code w (½ log 2πσ² + (y − μ)²/2σ²)}. Its
     * predictions are the means, then the variances.
     */
    public static TaskOutputLoss meanVariance(int tasks) {
        return new TaskOutputLoss(false, tasks, false, 0, io.chemdl4j.models.RegressionHead.MEAN_VARIANCE);
    }

    /**
     * A deep evidential regression output (Amini et al. 2020; chemprop's {@code evidential}, without its evidence
     * regularizer, as chemprop's default): per molecule {@code tasks} means {@code γ}, then {@code tasks} raw values
     * each of {@code ν = softplus + MIN_VARIANCE}, {@code α = softplus + 1 + MIN_VARIANCE} and
     * {@code β = softplus + MIN_VARIANCE}; the loss is the negative log-likelihood of the normal-inverse-gamma
     * distribution's Student-t marginal. Its predictions are the means, then the total variances
     * {@code β(1 + ν) / (ν(α − 1))}.
     */
    public static TaskOutputLoss evidential(int tasks) {
        return new TaskOutputLoss(false, tasks, false, 0, io.chemdl4j.models.RegressionHead.EVIDENTIAL);
    }

    /** The regression output of {@code head}. */
    public static TaskOutputLoss of(io.chemdl4j.models.RegressionHead head, int tasks) {
        return switch (head) {
            case VALUE -> new TaskOutputLoss(false, tasks, false);
            case MEAN_VARIANCE -> meanVariance(tasks);
            case EVIDENTIAL -> evidential(tasks);
        };
    }

    /** Whether this output predicts a variance beside each mean. */
    public boolean predictsVariance() {
        return head.predictsVariance();
    }

    /** A K-class softmax per task over labels 0..K-1 ({@code classes} = K ≥ 2). */
    public static TaskOutputLoss multiclass(int tasks, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a multiclass output needs at least 2 classes, got " + classes);
        }
        return new TaskOutputLoss(true, tasks, false, classes);
    }

    /**
     * The output a network has for {@code type}: DeepChem's two-class softmax ({@code sigmoid} false) or
     * chemprop's sigmoid per task for binary labels, a {@code classes}-way softmax per task for multiclass
     * labels, one value per task for regression.
     */
    public static TaskOutputLoss of(io.chemdl4j.moleculenet.TaskType type, int tasks, boolean sigmoid, int classes) {
        return switch (type) {
            case CLASSIFICATION -> new TaskOutputLoss(true, tasks, sigmoid);
            case REGRESSION -> new TaskOutputLoss(false, tasks, false);
            case MULTICLASS -> multiclass(tasks, classes);
        };
    }

    /** Output columns: one per task, two per task for a softmax classifier, K per task for multiclass. */
    public int outputs() {
        if (classes > 0) {
            return classes * tasks;
        }
        return switch (head) {
            case MEAN_VARIANCE -> 2 * tasks;
            case EVIDENTIAL -> 4 * tasks;
            case VALUE -> classification && !sigmoid ? 2 * tasks : tasks;
        };
    }

    /**
     * Predictions per molecule: one per task, K class probabilities per task for multiclass, a mean per task then a
     * variance per task for an output that predicts its spread.
     */
    public int predictionsPerMolecule() {
        return classes > 0 ? classes * tasks : head.predictsVariance() ? 2 * tasks : tasks;
    }

    /**
     * Predictions, loss and its gradient.
     *
     * @param predictions {@code [molecules × tasks]} row-major: probabilities of class 1, or values; for
     *                    multiclass {@code [molecules × tasks × K]}, the class probabilities
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
        return evaluate(outputs, molecules, labels, weights, true);
    }

    /**
     * As {@link #evaluate(double[], int, double[], double[])}, with {@code mean} false the summed loss over the
     * molecules and its gradient (DL4J's losses report sums, and DL4J divides by the batch size itself).
     */
    public Result evaluate(double[] outputs, int molecules, double[] labels, double[] weights, boolean mean) {
        double m = mean ? Math.max(1, molecules) : 1;
        if (classes > 0) {
            return evaluateMulticlass(outputs, molecules, labels, weights, m);
        }
        if (head == io.chemdl4j.models.RegressionHead.MEAN_VARIANCE) {
            return evaluateMeanVariance(outputs, molecules, labels, weights, m);
        }
        if (head == io.chemdl4j.models.RegressionHead.EVIDENTIAL) {
            return evaluateEvidential(outputs, molecules, labels, weights, m);
        }
        double[] predictions = new double[molecules * tasks];
        double[] dOutputs = new double[outputs.length];
        double loss = 0;
        for (int i = 0; i < molecules; i++) {
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

    /**
     * Softmax over each task's K logits; loss {@code w (logsumexp(z) - z_y)}, gradient {@code w (p - onehot(y))},
     * both divided by {@code m} (the molecules for a mean, 1 for a sum).
     */
    private Result evaluateMulticlass(double[] outputs, int molecules, double[] labels, double[] weights, double m) {
        int k = classes;
        double[] probabilities = new double[molecules * tasks * k];
        double[] dOutputs = new double[outputs.length];
        double loss = 0;
        for (int i = 0; i < molecules; i++) {
            for (int t = 0; t < tasks; t++) {
                int base = (i * tasks + t) * k;
                double logSum = softmax(outputs, base, k, probabilities);
                double w = labels == null ? 0 : weights[i * tasks + t];
                if (w == 0) {
                    continue;
                }
                int y = (int) labels[i * tasks + t];
                if (y < 0 || y >= k) {
                    throw new IllegalArgumentException("class label " + y + " outside 0.." + (k - 1));
                }
                loss += w * (logSum - outputs[base + y]);
                for (int c = 0; c < k; c++) {
                    dOutputs[base + c] = w * (probabilities[base + c] - (c == y ? 1 : 0)) / m;
                }
            }
        }
        return new Result(probabilities, loss / m, dOutputs);
    }

    /**
     * Means {@code μ} and raw variances {@code s} per molecule; variance {@code v = softplus(s) + MIN_VARIANCE}; loss
     * {@code w (½ log 2πv + (y − μ)²/2v)}, gradients {@code w (μ − y)/v} and {@code w ½ (1/v − (y − μ)²/v²) σ(s)},
     * divided by {@code m}.
     */
    private Result evaluateMeanVariance(double[] outputs, int molecules, double[] labels, double[] weights, double m) {
        double[] predictions = new double[molecules * 2 * tasks];
        double[] dOutputs = new double[outputs.length];
        double loss = 0;
        for (int i = 0; i < molecules; i++) {
            for (int t = 0; t < tasks; t++) {
                int mean = i * 2 * tasks + t;
                int raw = mean + tasks;
                double mu = outputs[mean];
                double v = softplus(outputs[raw]) + MIN_VARIANCE;
                predictions[mean] = mu;
                predictions[raw] = v;
                double w = labels == null ? 0 : weights[i * tasks + t];
                if (w == 0) {
                    continue;
                }
                double r = mu - labels[i * tasks + t];
                loss += w * (0.5 * Math.log(2 * Math.PI * v) + r * r / (2 * v));
                dOutputs[mean] = w * r / v / m;
                dOutputs[raw] = w * 0.5 * (1 / v - r * r / (v * v)) * sigmoid(outputs[raw]) / m;
            }
        }
        return new Result(predictions, loss / m, dOutputs);
    }

    /**
     * Normal-inverse-gamma outputs per molecule: {@code γ}, then raw {@code ν}, {@code α}, {@code β} for every task.
     * With {@code e = y − γ}, {@code Ω = 2β(1 + ν)} and {@code D = νe² + Ω} the loss is
     * {@code w (½ log(π/ν) − α log Ω + (α + ½) log D + lnΓ(α) − lnΓ(α + ½))} (chemprop's), its gradients through
     * each parameter's softplus {@code σ(raw)}; divided by {@code m}.
     */
    private Result evaluateEvidential(double[] outputs, int molecules, double[] labels, double[] weights, double m) {
        double[] predictions = new double[molecules * 2 * tasks];
        double[] dOutputs = new double[outputs.length];
        double loss = 0;
        for (int i = 0; i < molecules; i++) {
            int base = i * 4 * tasks;
            for (int t = 0; t < tasks; t++) {
                int g = base + t;
                int rn = g + tasks;
                int ra = g + 2 * tasks;
                int rb = g + 3 * tasks;
                double gamma = outputs[g];
                double nu = softplus(outputs[rn]) + MIN_VARIANCE;
                double alpha = softplus(outputs[ra]) + 1 + MIN_VARIANCE;
                double beta = softplus(outputs[rb]) + MIN_VARIANCE;
                predictions[i * 2 * tasks + t] = gamma;
                predictions[i * 2 * tasks + tasks + t] = beta * (1 + nu) / (nu * (alpha - 1));
                double w = labels == null ? 0 : weights[i * tasks + t];
                if (w == 0) {
                    continue;
                }
                double e = labels[i * tasks + t] - gamma;
                double omega = 2 * beta * (1 + nu);
                double d = nu * e * e + omega;
                loss += w * (0.5 * Math.log(Math.PI / nu) - alpha * Math.log(omega) + (alpha + 0.5) * Math.log(d)
                        + org.apache.commons.math3.special.Gamma.logGamma(alpha)
                        - org.apache.commons.math3.special.Gamma.logGamma(alpha + 0.5));
                double dGamma = (alpha + 0.5) * (-2 * nu * e) / d;
                double dNu = -0.5 / nu - alpha * 2 * beta / omega + (alpha + 0.5) * (e * e + 2 * beta) / d;
                double dAlpha = -Math.log(omega) + Math.log(d) + org.apache.commons.math3.special.Gamma.digamma(alpha)
                        - org.apache.commons.math3.special.Gamma.digamma(alpha + 0.5);
                double dBeta = -alpha / beta + (alpha + 0.5) * 2 * (1 + nu) / d;
                dOutputs[g] = w * dGamma / m;
                dOutputs[rn] = w * dNu * sigmoid(outputs[rn]) / m;
                dOutputs[ra] = w * dAlpha * sigmoid(outputs[ra]) / m;
                dOutputs[rb] = w * dBeta * sigmoid(outputs[rb]) / m;
            }
        }
        return new Result(predictions, loss / m, dOutputs);
    }

    /**
     * The softmax of {@code logits[from, from + k)} into {@code probabilities[from, from + k)}, computed without
     * overflow; returns the log-sum-exp of the logits (the log of the softmax's denominator).
     */
    public static double softmax(double[] logits, int from, int k, double[] probabilities) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, logits[from + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(logits[from + c] - max);
            probabilities[from + c] = e;
            sum += e;
        }
        for (int c = 0; c < k; c++) {
            probabilities[from + c] /= sum;
        }
        return max + Math.log(sum);
    }

    /** The logistic function, without overflow for large {@code |x|}. */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
