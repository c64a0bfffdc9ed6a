package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.Parallel;
import io.chemdl4j.featurize.RowError;

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
    /** Receives featurized rows in input order. */
    @FunctionalInterface
    public interface Sink<T> {
        /** Takes one featurized molecule, in input order. */
        void accept(MoleculeRecord record, T features) throws IOException;
    }

    /** Receives failed rows in input order. */
    @FunctionalInterface
    public interface ErrorSink {
        /** Takes one row that could not be featurized. */
        void accept(RowError error) throws IOException;
    }

    /** Told after every chunk how many rows have been read. */
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

    /** Featurizes every record of {@code reader}. */
    public Summary run(MoleculeReader reader, Sink<T> sink, ErrorSink errors, ProgressListener progress)
            throws IOException {
        String source = reader.file().getFileName().toString();
        long rows = 0;
        long failed = 0;
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        try {
            while (reader.hasNext()) {
                List<MoleculeRecord> chunk = reader.nextChunk(chunkSize);
                Object[] results = featurizeChunk(chunk, pool);
                for (int i = 0; i < chunk.size(); i++) {
                    MoleculeRecord record = chunk.get(i);
                    if (results[i] instanceof String reason) {
                        failed++;
                        errors.accept(new RowError(source, record.row(), record.smiles(), reason));
                    } else {
                        @SuppressWarnings("unchecked")
                        T features = (T) results[i];
                        sink.accept(record, features);
                    }
                }
                rows += chunk.size();
                if (progress != null) {
                    progress.bytesRead(reader.bytesRead(), reader.size());
                    progress.rowsDone(rows);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return new Summary(rows, rows - failed, failed, reader.damage());
    }

    /** Features, or the failure reason as a String, per record. */
    private Object[] featurizeChunk(List<MoleculeRecord> chunk, ForkJoinPool pool) {
        Object[] results = new Object[chunk.size()];
        Parallel.forEachIndex(pool, chunk.size(), i -> results[i] = featurizeOne(chunk.get(i)));
        return results;
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
