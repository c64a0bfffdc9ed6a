package io.chemdl4j.models.io;

import java.io.IOException;

/** A directory is not a model this toolkit can load; the message says which and why. */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A model file that cannot be read; {@code message} names the file and the reason in one line. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** As {@link #ModelFormatException(String)}, caused by {@code cause}. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
