package io.chemdl4j.moleculenet;

import java.util.Collection;
import java.util.Locale;

/**
 * What a dataset's labels are: two classes (0/1), one of K classes (0..K-1, the same K for every task), or
 * continuous values.
 */
public enum TaskType {
    /** Binary labels 0 and 1; a model predicts the probability of class 1. */
    CLASSIFICATION,
    /** Continuous values; a model predicts the value. */
    REGRESSION,
    /**
     * Class labels 0..K-1 (K ≥ 2, the same for every task, as chemprop's and DeepChem's multiclass
     * models have it); a model predicts the K class probabilities of each task.
     */
    MULTICLASS;

    /** Most classes a multiclass task may have: a bound on the outputs a label file can make a model allocate. */
    public static final int MAX_CLASSES = 1_000;

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether labels are classes (binary or multiclass), scored by ranking metrics rather than errors. */
    public boolean isClassification() {
        return this != REGRESSION;
    }

    /**
     * K of multiclass labels 0..K-1: one more than the largest measured (nonzero-weight) label of
     * {@code datasets}, and at least 2. Labels are expected to be checked already (whole numbers 0..{@link
     * #MAX_CLASSES}-1).
     */
    public static int classCount(Collection<? extends Dataset> datasets) {
        int largest = 1;
        for (Dataset d : datasets) {
            for (int i = 0; i < d.size(); i++) {
                for (int t = 0; t < d.taskCount(); t++) {
                    if (d.weight(i, t) != 0) {
                        largest = Math.max(largest, (int) d.label(i, t));
                    }
                }
            }
        }
        return largest + 1;
    }
}
