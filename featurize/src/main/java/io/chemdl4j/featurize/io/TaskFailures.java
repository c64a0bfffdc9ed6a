package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for a task run on another thread, and what it threw, thrown again on the thread that waited for it, as it
 * was thrown: the streaming verbs hand chunks to writing and predicting threads, and their callers catch the sinks' own
 * exceptions by type.
 */
public final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * Waits until {@code task} (null: none) is done and throws what it threw, as {@link #rethrow} does. An interrupt
     * meanwhile does not stop the wait: the task (a chunk being written and committed) finishes first, and the
     * thread's interrupt status is set again on return, for the caller to act on.
     */
    public static void await(Future<?> task) throws IOException {
        if (task == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw rethrow(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
