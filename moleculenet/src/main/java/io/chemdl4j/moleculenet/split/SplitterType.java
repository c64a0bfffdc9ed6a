package io.chemdl4j.moleculenet.split;

import java.util.Locale;

/** The splitters that can be chosen by name (from the command line or a saved configuration). */
public enum SplitterType {
    RANDOM, INDEX, SCAFFOLD, STRATIFIED;

    /** A splitter of this type; {@code seed} is used by the random ones. */
    public Splitter create(long seed) {
        return switch (this) {
            case RANDOM -> new RandomSplitter(seed);
            case INDEX -> new IndexSplitter();
            case SCAFFOLD -> new ScaffoldSplitter();
            case STRATIFIED -> new StratifiedSplitter(seed);
        };
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
