package io.chemdl4j.featurize;

/**
 * A molecule could not be read or featurized. The message is the reason alone (for example
 * {@code "unclosed ring bond 1"}), so that callers can prefix it with the row and input they
 * know about.
 */
public class InvalidMoleculeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A molecule refused for {@code reason}, which names what is wrong in one line. */
    public InvalidMoleculeException(String reason) {
        super(reason);
    }

    /** As {@link #InvalidMoleculeException(String)}, caused by {@code cause}. */
    public InvalidMoleculeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
