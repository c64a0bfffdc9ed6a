package io.chemdl4j.featurize;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs an index loop on a given pool (or on the caller's thread when the pool is null). */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Calls {@code body} for every index in {@code [0, n)}, in parallel on {@code pool} when it is
     * non-null and there is more than one index; returns when all are done.
     */
    public static void forEachIndex(ForkJoinPool pool, int n, IntConsumer body) {
        if (pool == null || n < 2) {
            IntStream.range(0, n).forEach(body);
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("featurization interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("featurization failed", e.getCause());
        }
    }
}
