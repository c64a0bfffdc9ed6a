package io.chemdl4j.featurize;

/**
 * A molecule could not be read or featurized. The message is the reason alone (for example
 * {@code "unclosed ring bond 1"}), so that callers can prefix it with the row and input they
 * know about.
 */
public class InvalidMoleculeException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidMoleculeException(String reason) {
        super(reason);
    }

    public InvalidMoleculeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
