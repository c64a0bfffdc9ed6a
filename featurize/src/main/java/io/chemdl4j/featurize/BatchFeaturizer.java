package io.chemdl4j.featurize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import io.chemdl4j.featurize.io.RowError;

/**
 * Featurizes many SMILES on several threads, keeping input order, and reports every row that fails
 * (row, SMILES, reason) without stopping.
 *
 * <p>Thread-safe and stateless apart from its configuration.
 */
public final class BatchFeaturizer {

    /**
     * Features in input order, {@code null} where the row failed; the failures, in row order.
     */
    public record Result(float[][] features, List<RowError> errors) {
        /** Number of rows that were featurized. */
        public int featurizedCount() {
            return features.length - errors.size();
        }
    }

    private final VectorFeaturizer featurizer;
    private final int threads;

    /**
     * @param featurizer the featurizer applied to every row
     * @param threads    worker threads, at least 1
     */
    public BatchFeaturizer(VectorFeaturizer featurizer, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.featurizer = featurizer;
        this.threads = threads;
    }

    /** Uses every available core. */
    public BatchFeaturizer(VectorFeaturizer featurizer) {
        this(featurizer, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Featurizes {@code smiles}; row {@code i} of the result is row {@code firstRow + i} of {@code source}.
     *
     * @param source   name used in error reports, e.g. the file name
     * @param firstRow data row number of {@code smiles.get(0)} in the source
     */
    public Result featurize(String source, List<String> smiles, long firstRow) {
        Rows<float[]> rows = featurize(featurizer, threads, source, smiles, firstRow);
        return new Result(rows.features().toArray(new float[0][]), rows.errors());
    }

    /**
     * Features of any kind in input order, {@code null} where the row failed; the failures, in row order.
     *
     * @param <T> what the featurizer makes: vectors, molecular graphs
     */
    public record Rows<T>(List<T> features, List<RowError> errors) {
    }

    /**
     * Featurizes {@code smiles} with a featurizer of any kind on {@code threads} threads, as
     * {@link #featurize(String, List, long)} does for vectors: a molecule that fails, even by a
     * featurizer bug, is reported and the other rows are kept.
     */
    public static <T> Rows<T> featurize(MoleculeFeaturizer<T> featurizer, int threads, String source,
                                        List<String> smiles, long firstRow) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int n = smiles.size();
        Object[] features = new Object[n];
        String[] reasons = new String[n];
        ForkJoinPool pool = threads > 1 && n > 1 ? new ForkJoinPool(threads) : null;
        try {
            Parallel.forEachIndex(pool, n, i -> {
                try {
                    features[i] = featurizer.featurize(smiles.get(i));
                } catch (InvalidMoleculeException e) {
                    reasons[i] = e.getMessage();
                } catch (RuntimeException | StackOverflowError e) {
                    // A featurizer bug on one molecule must not lose the other rows.
                    reasons[i] = MoleculeLimits.failureReason(e);
                }
            });
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        List<T> rows = new ArrayList<>(n);
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (reasons[i] != null) {
                rows.add(null);
                errors.add(new RowError(source, firstRow + i, smiles.get(i), reasons[i]));
            } else {
                @SuppressWarnings("unchecked") // features[i] was made by featurizer, a MoleculeFeaturizer<T>
                T row = (T) features[i];
                rows.add(row);
            }
        }
        return new Rows<>(Collections.unmodifiableList(rows), List.copyOf(errors));
    }
}
