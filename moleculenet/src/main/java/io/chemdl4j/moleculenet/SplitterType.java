package io.chemdl4j.moleculenet;

import java.util.Locale;

/** The splitters that can be chosen by name (from the command line or a saved configuration). */
public enum SplitterType {
    RANDOM, INDEX;

    /** A splitter of this type; {@code seed} is used by the random ones. */
    public Splitter create(long seed) {
        return switch (this) {
            case RANDOM -> new RandomSplitter(seed);
            case INDEX -> new IndexSplitter();
        };
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
