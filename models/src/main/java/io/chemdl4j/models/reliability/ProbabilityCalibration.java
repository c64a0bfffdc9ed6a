package io.chemdl4j.models.reliability;

import java.util.Locale;

/**
 * A map from a classifier's probability of class 1 to a calibrated one, fitted on a held-out calibration split:
 * after it, of the molecules given probability 0.8, about 80% are positive. Immutable and thread-safe.
 */
public sealed interface ProbabilityCalibration permits PlattScaling, IsotonicCalibration {
    /** The calibrated probability of class 1 for the model's probability {@code p}; NaN stays NaN. */
    double apply(double p);

    /** Which method this is. */
    Method method();

    /** The methods, each fitted by its own class. */
    enum Method {
        /** A logistic curve on the model's log-odds ({@link PlattScaling}): two parameters, safe on small splits. */
        PLATT,
        /** A non-decreasing step-wise linear map ({@link IsotonicCalibration}): any monotone distortion, needs more data. */
        ISOTONIC;

        /** Lower-case name, as on the command line and in files. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method named {@code id}, or an error listing the methods. */
        public static Method parse(String id) {
            for (Method m : values()) {
                if (m.id().equals(id.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown calibration method '" + id + "'; use platt or isotonic");
        }

        /**
         * Fitted on the calibration split's labels (0 or 1; NaN or other weights left out by the caller) and the
         * model's probabilities.
         */
        public ProbabilityCalibration fit(double[] labels, double[] probabilities) {
            return this == PLATT ? PlattScaling.fit(labels, probabilities) : IsotonicCalibration.fit(labels, probabilities);
        }
    }
}
