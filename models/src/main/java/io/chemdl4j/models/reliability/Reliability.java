package io.chemdl4j.models.reliability;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.chemdl4j.moleculenet.TaskType;

/**
 * What a model's calibration split taught about its predictions, saved beside the model
 * ({@code reliability.json}, {@link ReliabilityIO}) and applied by {@code chemdl predict}: per task, split-conformal
 * intervals and a spread scale (regressors) or a probability calibration (binary classifiers), and the applicability
 * domain of its training molecules. Fitted by {@link Calibrator}. Immutable.
 *
 * @param taskType      the model's task type (binary classification or regression)
 * @param tasks         the model's tasks, in order
 * @param spread        where the spread behind normalized intervals comes from
 * @param intervals     per task, split-conformal intervals (regression; empty for classifiers)
 * @param spreadScales  per task, the factor that makes the model's spread a calibrated standard deviation: the root
 *                      mean square of {@code (y − ŷ)/σ} on the calibration split (regression with a spread; else empty)
 * @param probabilities per task, the calibration of class-1 probabilities (classification; empty for regressors)
 * @param domain        the applicability domain
 * @param provenance    how it was fitted
 */
public record Reliability(TaskType taskType, List<String> tasks, Spread spread, List<ConformalIntervals> intervals,
                          List<Double> spreadScales, List<ProbabilityCalibration> probabilities,
                          ApplicabilityDomain domain, Provenance provenance) {
    public Reliability {
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(provenance, "provenance");
        tasks = List.copyOf(tasks);
        intervals = List.copyOf(intervals);
        spreadScales = List.copyOf(spreadScales);
        probabilities = List.copyOf(probabilities);
        if (taskType == TaskType.MULTICLASS) {
            throw new IllegalArgumentException("calibration of multiclass models is not supported; calibrate binary "
                    + "classifiers and regressors");
        }
        boolean regression = taskType == TaskType.REGRESSION;
        if (intervals.size() != (regression ? tasks.size() : 0)
                || probabilities.size() != (regression ? 0 : tasks.size())
                || spreadScales.size() != (regression && spread.kind() != Spread.Kind.NONE ? tasks.size() : 0)) {
            throw new IllegalArgumentException("a " + taskType.name().toLowerCase(Locale.ROOT) + " model's calibration "
                    + "needs one entry per task (" + tasks.size() + "): " + intervals.size() + " intervals, "
                    + spreadScales.size() + " spread scales, " + probabilities.size() + " probability calibrations");
        }
        for (ConformalIntervals c : intervals) {
            if (c.normalized() != (spread.kind() != Spread.Kind.NONE)) {
                throw new IllegalArgumentException("intervals are normalized exactly when the model gives a spread");
            }
        }
        for (double s : spreadScales) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spread scales must be positive and finite, got " + s);
            }
        }
    }

    /**
     * Where the spread {@code σ} of a prediction comes from.
     *
     * @param kind    none, an ensemble's members, the spread the model predicts (a mean-variance or evidential
     *                head), or Monte-Carlo dropout
     * @param samples dropout samples per molecule (0 unless {@link Kind#DROPOUT})
     */
    public record Spread(Kind kind, int samples) {
        /** The sources of a spread. */
        public enum Kind { NONE, ENSEMBLE, PREDICTED, DROPOUT }

        public Spread {
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.DROPOUT) != (samples > 0) || samples < 0 || samples > 10_000) {
                throw new IllegalArgumentException("dropout takes 1..10000 samples and nothing else any, got " + kind
                        + " with " + samples);
            }
        }

        /** No spread: intervals of one width per task. */
        public static Spread none() {
            return new Spread(Kind.NONE, 0);
        }
    }

    /**
     * How the calibration was made.
     *
     * @param source          the data it was fitted on, e.g. {@code delaney}
     * @param split           how that data was split, e.g. {@code random seed 0 (0.8/0.1/0.1)}
     * @param calibrationSize molecules in the calibration split
     * @param trainingSize    training molecules in the applicability domain
     * @param created         when (ISO-8601)
     * @param toolkitVersion  the ChemDL4J version that fitted it
     */
    public record Provenance(String source, String split, int calibrationSize, int trainingSize, String created,
                             String toolkitVersion) {
        public Provenance {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(split, "split");
        }
    }

    /** Whether intervals scale with the model's spread. */
    public boolean normalized() {
        return spread.kind() != Spread.Kind.NONE;
    }

    /**
     * The interval {@code [lower, upper]} of task {@code task}'s prediction {@code value} at {@code coverage}.
     *
     * @param spread the model's spread for it (ignored without one)
     */
    public double[] interval(int task, double value, double spread, double coverage) {
        double half = intervals.get(task).halfWidth(coverage, spread);
        return new double[] {value - half, value + half};
    }

    /** Task {@code task}'s calibrated probability of class 1 for the model's {@code p}. */
    public double calibrated(int task, double p) {
        return probabilities.get(task).apply(p);
    }
}
