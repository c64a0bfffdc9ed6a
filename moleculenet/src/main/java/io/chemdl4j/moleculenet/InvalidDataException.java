package io.chemdl4j.moleculenet;

/**
 * A data file as a whole cannot be used (missing, empty, wrong columns). The message names the file
 * and says what to do. Single bad rows are not exceptions: loaders report them as
 * {@link io.chemdl4j.featurize.io.RowError}s and go on.
 */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Data that cannot be used; {@code message} names the file, row or field and the reason in one line. */
    public InvalidDataException(String message) {
        super(message);
    }

    /** As {@link #InvalidDataException(String)}, caused by {@code cause}. */
    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
