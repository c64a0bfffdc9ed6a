package io.chemdl4j.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a regression network predicts per task: a value, or a distribution whose spread is the network's own
 * uncertainty.
 */
public enum RegressionHead {
    /** One value per task, trained by squared error. */
    VALUE,
    /**
     * A mean and a variance per task, trained by Gaussian negative log-likelihood (Nix and Weigend 1994; chemprop's
     * {@code mve}).
     */
    MEAN_VARIANCE,
    /**
     * The four parameters of a normal-inverse-gamma distribution per task, trained by its negative log-likelihood
     * (deep evidential regression, Amini et al. 2020; chemprop's {@code evidential}); the spread is the total
     * variance {@code β(1 + ν) / (ν(α − 1))}.
     */
    EVIDENTIAL;

    /** The name on the command line: {@code value}, {@code mean-variance} or {@code evidential}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the network predicts its own spread. */
    public boolean predictsVariance() {
        return this != VALUE;
    }

    /** The head named {@code id}, or an error listing the heads. */
    public static RegressionHead parse(String id) {
        for (RegressionHead h : values()) {
            if (h.id().equals(id.toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown regression head '" + id + "'; use "
                + Arrays.stream(values()).map(RegressionHead::id).collect(Collectors.joining(", ")));
    }
}
