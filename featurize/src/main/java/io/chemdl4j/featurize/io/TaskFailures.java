package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * What a task run on another thread threw, thrown again on the thread that waited for it, as it was thrown: the
 * streaming verbs hand chunks to writing and predicting threads, and their callers catch the sinks' own exceptions by
 * type.
 */
public final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * Throws the cause of {@code failed}: an {@link IOException}, unchecked exception or error as it is, any other
     * (checked) exception inside an {@link IOException}.
     */
    public static IOException rethrow(ExecutionException failed) throws IOException {
        Throwable cause = failed.getCause();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IOException(cause);
    }
}
