package io.chemdl4j.moleculenet;

import java.util.Locale;

/** Whether a dataset's labels are classes (0/1) or continuous values. */
public enum TaskType {
    CLASSIFICATION, REGRESSION;

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
