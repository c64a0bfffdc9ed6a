package io.chemdl4j.models.reliability;

/**
 * Platt scaling (Platt 1999, with the Newton iteration and regularized targets of Lin, Lin and Weng 2007): the
 * calibrated probability is {@code 1 / (1 + exp(−(slope·logit(p) + intercept)))}. Fitted on the model's log-odds
 * rather than on its raw scores, so the identity map is {@code slope 1, intercept 0}. Commons Math has no such fit
 * and the libraries that do (Smile) come under the GPL, so it is written here; it is 2-parameter logistic regression.
 *
 * @param slope     multiplies the model's log-odds; below 1 the model was over-confident
 * @param intercept shifts them
 */
public record PlattScaling(double slope, double intercept) implements ProbabilityCalibration {
    /** Probabilities are clipped to [EPS, 1 − EPS] before their log-odds are taken. */
    static final double EPS = 1e-7;

    public PlattScaling {
        if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("Platt parameters must be finite, got " + slope + ", " + intercept);
        }
    }

    @Override
    public double apply(double p) {
        if (Double.isNaN(p)) {
            return p;
        }
        return sigmoid(slope * logit(p) + intercept);
    }

    @Override
    public Method method() {
        return Method.PLATT;
    }

    /**
     * Fitted by Newton's method with backtracking on the log-loss against Platt's targets {@code (N₊ + 1)/(N₊ + 2)}
     * and {@code 1/(N₋ + 2)}, which keep the fit finite on separable data.
     *
     * @param labels        0 or 1 per molecule
     * @param probabilities the model's probability of class 1 per molecule
     */
    public static PlattScaling fit(double[] labels, double[] probabilities) {
        int n = labels.length;
        if (n != probabilities.length || n == 0) {
            throw new IllegalArgumentException("Platt scaling needs as many labels as probabilities, at least one");
        }
        double positives = 0;
        for (double y : labels) {
            positives += y;
        }
        double hi = (positives + 1) / (positives + 2);
        double lo = 1 / (n - positives + 2);
        double[] z = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = logit(probabilities[i]);
            t[i] = labels[i] > 0.5 ? hi : lo;
        }
        double a = 1;
        double b = 0;
        double loss = loss(z, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * z[i] + b);
                double r = p - t[i];
                double w = p * (1 - p);
                ga += r * z[i];
                gb += r;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            if (Math.abs(ga) < 1e-10 * n && Math.abs(gb) < 1e-10 * n) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(-hab * ga + haa * gb) / det;
            double step = 1;
            double next = loss(z, t, a + da, b + db);
            while (!(next <= loss + 1e-4 * step * (ga * da + gb * db)) && step > 1e-10) {
                step /= 2;
                next = loss(z, t, a + step * da, b + step * db);
            }
            if (step <= 1e-10) {
                break;
            }
            a += step * da;
            b += step * db;
            boolean converged = loss - next < 1e-12 * Math.max(1, Math.abs(loss));
            loss = next;
            if (converged) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    private static double loss(double[] z, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double s = a * z[i] + b;
            // -t log σ(s) - (1 - t) log(1 - σ(s)), written without overflow
            sum += s >= 0 ? t[i] * Math.log1p(Math.exp(-s)) + (1 - t[i]) * (s + Math.log1p(Math.exp(-s)))
                    : t[i] * (-s + Math.log1p(Math.exp(s))) + (1 - t[i]) * Math.log1p(Math.exp(s));
        }
        return sum;
    }

    static double logit(double p) {
        double q = Math.min(Math.max(p, EPS), 1 - EPS);
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double s) {
        return io.chemdl4j.models.layers.TaskOutputLoss.sigmoid(s);
    }
}
