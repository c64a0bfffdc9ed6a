package io.chemdl4j.featurize.io;

/** An input file that cannot be read at all (missing, empty, binary, no SMILES column); the message says which and why. */
public class InputFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A file that cannot be read as what it should be; {@code message} names the file and the reason. */
    public InputFileException(String message) {
        super(message);
    }

    /** As {@link #InputFileException(String)}, caused by {@code cause}. */
    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
