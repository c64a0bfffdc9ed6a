package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.util.List;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.io.RowError;

/**
 * Featurizes a file of any size in constant memory: reads it in chunks, featurizes each chunk on
 * every thread, and hands results to a sink in input order. A row that cannot be featurized goes to
 * the error sink (row, SMILES, reason) and the run carries on.
 *
 * <p>One instance may run several files one after another; it is not meant for concurrent runs.
 *
 * @param <T> the featurizer's output
 */
public final class StreamingFeaturizer<T> {
    /** Receives featurized rows in input order, one call at a time ({@link #run}: from the run's writing thread). */
    @FunctionalInterface
    public interface Sink<T> {
        /** Takes one featurized molecule, in input order. */
        void accept(MoleculeRecord record, T features) throws IOException;
    }

    /** Receives failed rows in input order, one call at a time ({@link #run}: from the run's writing thread). */
    @FunctionalInterface
    public interface ErrorSink {
        /** Takes one row that could not be featurized. */
        void accept(RowError error) throws IOException;
    }

    /**
     * Told after every chunk how many rows have been read (by {@link #run} once the chunk's rows have gone to the sinks,
     * from the same thread as they).
     */
    @FunctionalInterface
    public interface ProgressListener {
        /** Told after each chunk: {@code rows} read so far. */
        void rowsDone(long rows);

        /**
         * How much of the input file has been read, in bytes of {@code size} (compressed bytes for a gzip file; -1 if
         * its size is unknown), told with {@link #rowsDone}; a bar can show it as a fraction. Nothing by default.
         */
        default void bytesRead(long read, long size) {
        }

        /** Told once, before any row, when the job continues an interrupted run that had {@code rows} rows done. Nothing by default. */
        default void resumed(long rows) {
        }

        /**
         * Told once, before any row, when the job starts over although an interrupted run left its partial output (a
         * run without {@code --resume}). Nothing by default.
         */
        default void interruptedRunDiscarded() {
        }
    }

    /**
     * Counts of one run.
     *
     * @param damage why the input ended early ({@link MoleculeReader#damage()}), or {@code null}
     */
    public record Summary(long rows, long featurized, long failed, String damage) {
        /** A run over an undamaged input. */
        public Summary(long rows, long featurized, long failed) {
            this(rows, featurized, failed, null);
        }
    }

    private final MoleculeFeaturizer<T> featurizer;
    private final FragmentPolicy fragments;
    private final int threads;
    private final int chunkSize;
    private final MoleculeLimits limits;

    /**
     * @param threads   worker threads, at least 1
     * @param chunkSize rows held in memory at once, at least 1
     */
    public StreamingFeaturizer(MoleculeFeaturizer<T> featurizer, FragmentPolicy fragments, int threads, int chunkSize) {
        this(featurizer, fragments, threads, chunkSize, MoleculeLimits.defaults());
    }

    private StreamingFeaturizer(MoleculeFeaturizer<T> featurizer, FragmentPolicy fragments, int threads, int chunkSize,
                                MoleculeLimits limits) {
        if (threads < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("threads and chunk size must be positive");
        }
        this.featurizer = featurizer;
        this.fragments = fragments;
        this.threads = threads;
        this.chunkSize = chunkSize;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** This featurizer refusing molecules past {@code limits} (the {@linkplain MoleculeLimits#defaults() defaults} otherwise). */
    public StreamingFeaturizer<T> withLimits(MoleculeLimits limits) {
        return new StreamingFeaturizer<>(featurizer, fragments, threads, chunkSize, limits);
    }

    /** Every core, chunks of 4096 rows, fragments kept. */
    public StreamingFeaturizer(MoleculeFeaturizer<T> featurizer) {
        this(featurizer, FragmentPolicy.KEEP_ALL, Runtime.getRuntime().availableProcessors(), 4096);
    }

    /**
     * Featurizes every record of {@code reader}. A molecule that the featurizer works on for longer than the
     * limits' time budget ({@link MoleculeLimits#maxSeconds()}) becomes an error row saying so; the worker left
     * on it is replaced, so the rest of the file goes on at full speed (the abandoned computation ends on its own,
     * on a daemon thread, its result discarded).
     *
     * <p>Each chunk is handed to {@code sink}, {@code errors} and {@code progress} on a thread of the run's own while
     * the next chunk is read and featurized (writing on the reading thread left the workers idle for about 8% of a
     * run on two cores): the three are called in input order, one call at a time, never from two threads at once, and
     * all of them before this method returns. Whatever one of them throws ends the run and is thrown here as it was
     * thrown (an unchecked exception, or an {@link IOException}); a failure of the run lets the chunk being written
     * finish first, so that what was committed of it stays whole.
     */
    public Summary run(MoleculeReader reader, Sink<T> sink, ErrorSink errors, ProgressListener progress)
            throws IOException {
        String source = reader.file().getFileName().toString();
        long[] counts = new long[2]; // rows and failed rows, kept by the writing thread (read once it has finished)
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chemdl-write");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<?> writing = null;
        try (Session session = session()) {
            while (reader.hasNext()) {
                List<MoleculeRecord> chunk = reader.nextChunk(chunkSize);
                List<Outcome<T>> outcomes = session.featurize(chunk);
                long read = reader.bytesRead();
                long size = reader.size();
                TaskFailures.await(writing);
                writing = writer.submit(() -> {
                    for (Outcome<T> outcome : outcomes) {
                        MoleculeRecord record = outcome.record();
                        if (outcome.error() != null) {
                            counts[1]++;
                            errors.accept(new RowError(source, record.row(), record.smiles(), outcome.error()));
                        } else {
                            sink.accept(record, outcome.features());
                        }
                    }
                    counts[0] += outcomes.size();
                    if (progress != null) {
                        progress.bytesRead(read, size);
                        progress.rowsDone(counts[0]);
                    }
                    return null;
                });
            }
            TaskFailures.await(writing);
        } finally {
            writer.shutdown();
            try {
                TaskFailures.await(writing); // a failure elsewhere: the chunk being written finishes first
            } catch (IOException | RuntimeException | Error alreadyThrown) {
                // thrown above already, or second to the failure that is being thrown
            }
        }
        return new Summary(counts[0], counts[0] - counts[1], counts[1], reader.damage());
    }

    /**
     * One record's outcome from a {@link StreamingFeaturizer.Session}: its features, or why it could not be featurized.
     *
     * @param record   the record
     * @param features its features, or {@code null} if it failed
     * @param error    why it failed (one line), or {@code null}
     */
    public record Outcome<T>(MoleculeRecord record, T features, String error) {
    }

    /**
     * A session for callers that read the records themselves (a Spark partition, a queue): the same workers, limits,
     * fragment policy and time budget as {@link #run}, one chunk at a time.
     */
    public Session session() {
        return new Session();
    }

    /**
     * Featurizes chunks of records handed to it, on this featurizer's threads. Close it to stop them. Not for
     * concurrent use: one session per thread.
     */
    public final class Session implements AutoCloseable {
        private final Workers workers = new Workers(threads);

        private Session() {
        }

        /** Each record's features or failure, in the chunk's order. */
        public List<Outcome<T>> featurize(List<MoleculeRecord> chunk) {
            Object[] results = workers.featurize(chunk);
            List<Outcome<T>> out = new java.util.ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                if (results[i] instanceof String reason) {
                    out.add(new Outcome<>(chunk.get(i), null, reason));
                } else {
                    @SuppressWarnings("unchecked")
                    T features = (T) results[i]; // featurizeOne returns the featurizer's T or a reason
                    out.add(new Outcome<>(chunk.get(i), features, null));
                }
            }
            return out;
        }

        @Override
        public void close() {
            workers.close();
        }
    }

    /**
     * The featurizing threads of one run: a fixed number working at once, plus one more for every molecule given
     * up on past its time budget (whose thread is still busy with it).
     */
    private final class Workers implements AutoCloseable {
        /** Records per task. */
        private static final int RUN = 32;
        private final int size;
        private final java.util.concurrent.ThreadPoolExecutor pool;
        private int abandoned;

        Workers(int size) {
            this.size = size;
            java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
            this.pool = new java.util.concurrent.ThreadPoolExecutor(size, size, 30, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "chemdl-featurize-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }

        /**
         * Features, or the failure reason as a String, per record, in order. The records go to the workers in runs
         * of {@value #RUN} (one task per record cost the waiting thread a wake-up per molecule, 10% of a run on two
         * cores); a run whose current molecule passes the time budget is abandoned there and the rest of it handed
         * to a fresh task.
         */
        Object[] featurize(List<MoleculeRecord> chunk) {
            int n = chunk.size();
            long budget = (long) (limits.maxSeconds() * 1e9);
            java.util.concurrent.atomic.AtomicReferenceArray<Object> results =
                    new java.util.concurrent.atomic.AtomicReferenceArray<>(n);
            List<Run> runs = new java.util.ArrayList<>(n / RUN + 1);
            for (int from = 0; from < n; from += RUN) {
                runs.add(new Run(chunk, results, from, Math.min(n, from + RUN)));
            }
            for (int r = 0; r < runs.size(); r++) {
                Run run = runs.get(r);
                while (true) {
                    try {
                        long left = run.startedCurrent() == 0 ? budget
                                : run.startedCurrent() + budget - System.nanoTime();
                        run.future.get(Math.max(1, Math.min(left, 100_000_000L)), java.util.concurrent.TimeUnit.NANOSECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException stillRunning) {
                        long started = run.startedCurrent();
                        if (started != 0 && System.nanoTime() - started >= budget) {
                            Run rest = run.abandonIfStillAt(started, limits.timeBudgetReason());
                            if (rest != run) {
                                replaceWorker();
                                if (rest == null) {
                                    break;
                                }
                                run = rest;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("featurization interrupted", e);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("featurization failed", e.getCause());
                    }
                }
            }
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = results.get(i);
            }
            return out;
        }

        /** Consecutive records featurized by one task, each result set once (a late one from an abandoned task is dropped). */
        private final class Run {
            private final List<MoleculeRecord> chunk;
            private final java.util.concurrent.atomic.AtomicReferenceArray<Object> results;
            private final int end;
            /** The record being featurized and when it started (0: none yet), written by the task. */
            private volatile int current;
            private volatile long startedCurrent;
            private volatile boolean abandoned;
            private final java.util.concurrent.Future<?> future;

            Run(List<MoleculeRecord> chunk, java.util.concurrent.atomic.AtomicReferenceArray<Object> results, int from,
                int end) {
                this.chunk = chunk;
                this.results = results;
                this.end = end;
                this.current = from;
                this.future = pool.submit(() -> {
                    for (int i = from; i < end && !abandoned; i++) {
                        current = i;
                        startedCurrent = System.nanoTime() | 1; // never 0, which means "not started"
                        Object result = featurizeOne(chunk.get(i));
                        results.compareAndSet(i, null, result);
                    }
                    startedCurrent = 0;
                });
            }

            long startedCurrent() {
                return startedCurrent;
            }

            /**
             * Gives up on the record that started at {@code started} with {@code reason}, unless the task has moved on
             * (then returns this run); the rest of the run goes to a new task, returned (null if none is left).
             */
            Run abandonIfStillAt(long started, String reason) {
                int stuck = current;
                if (startedCurrent != started) {
                    return this;
                }
                abandoned = true;
                future.cancel(true);
                results.compareAndSet(stuck, null, reason);
                return stuck + 1 < end ? new Run(chunk, results, stuck + 1, end) : null;
            }
        }

        /** One more thread, since one is held by a molecule given up on. */
        private void replaceWorker() {
            abandoned++;
            pool.setMaximumPoolSize(size + abandoned);
            pool.setCorePoolSize(size + abandoned);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    private Object featurizeOne(MoleculeRecord record) {
        if (record.readError() != null) {
            return record.readError();
        }
        try {
            IAtomContainer molecule;
            if (record.molecule() != null) {
                limits.check(record.molecule());
                molecule = record.molecule().clone();
            } else {
                molecule = MoleculeParser.parseSmiles(record.smiles(), limits);
            }
            return featurizer.featurizeOwned(fragments.apply(molecule));
        } catch (InvalidMoleculeException e) {
            return e.getMessage();
        } catch (CloneNotSupportedException e) {
            return "molecule cannot be copied";
        } catch (RuntimeException | StackOverflowError e) {
            // A featurizer bug on one molecule must not lose the other rows.
            return MoleculeLimits.failureReason(e);
        }
    }
}
