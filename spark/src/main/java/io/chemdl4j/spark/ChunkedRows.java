package io.chemdl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

import io.chemdl4j.featurize.io.StreamingFeaturizer;

/**
 * The output rows of one partition's task, made a chunk of molecules at a time by a featurizing session of the task's
 * own, the molecules that failed written to {@link FailedRows} (committed once the partition is done, dropped if the
 * task fails). Subclasses say whether input is left and turn the next chunk into rows. Not thread-safe: one per task.
 *
 * @param <T> one molecule's features
 */
abstract class ChunkedRows<T> implements Iterator<Row> {
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private final FailedRows failures;
    /** The task's featurizing session. */
    protected final StreamingFeaturizer<T>.Session session;
    private boolean committed;

    /** Rows of the current task's partition, featurized by {@code featurizer}, failures listed in {@code errors}. */
    ChunkedRows(StreamingFeaturizer<T> featurizer, String errors) {
        TaskContext task = TaskContext.get();
        this.session = featurizer.session();
        this.failures = new FailedRows(errors, task.partitionId(), task.taskAttemptId());
        task.addTaskCompletionListener((TaskCompletionListener) context -> {
            session.close();
            try {
                failures.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether molecules are left to read. */
    protected abstract boolean inputLeft();

    /** Reads the next chunk of molecules and adds their rows to {@code out} (failures through {@link #fail}). */
    protected abstract void nextChunk(List<Row> out);

    /** Lists a molecule that could not be featurized. */
    protected final void fail(String id, String smiles, String reason) {
        try {
            failures.add(id, smiles, reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final boolean hasNext() {
        while (ready.isEmpty() && inputLeft()) {
            List<Row> rows = new java.util.ArrayList<>();
            nextChunk(rows);
            ready.addAll(rows);
        }
        if (ready.isEmpty() && !committed) {
            committed = true;
            try {
                failures.commit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public final Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
