package io.chemdl4j.models;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings, applied once before the first network is built. ND4J's OpenMP/BLAS
 * pools default to one thread per core on top of the JVM's own threads, which oversubscribes small
 * machines (measured on 2 cores: 2.3 s/epoch by default against 1.07 s with one thread). The thread
 * count comes from {@code $OMP_NUM_THREADS} when set, else {@code chemdl.threads}, else 1. Loading this class turns
 * off JavaCPP's check of the process's resident memory at each native allocation (see the static initializer), unless
 * {@code org.bytedeco.javacpp.maxPhysicalBytes} is set.
 */
public final class Nd4jRuntime {
    /** JavaCPP's property of the resident-memory limit, as it reads it first. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    static {
        // JavaCPP (under ND4J and OpenBLAS) reads the process's resident memory at every native allocation it tracks
        // while this limit is positive, its default: a native call under a global lock, about a third of a small
        // network's training step and a quarter of DL4J's own (bench/own-network.sh, 2026-12-04). Its limit on the
        // native memory it allocates (maxBytes, the heap's maximum by default: past it, it collects garbage before
        // allocating) stays. Set before JavaCPP's first use through the toolkit, unless the user set either spelling.
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null
                && System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    private static volatile boolean configured;

    private Nd4jRuntime() {
    }

    /** Sets ND4J up once per JVM before its first use (float arithmetic, one thread per core); later calls do nothing. */
    public static void ensureConfigured() {
        if (configured) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (configured) {
                return;
            }
            int threads = threads();
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            Nd4j.setDefaultDataTypes(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                    org.nd4j.linalg.api.buffer.DataType.FLOAT);
            configured = true;
        }
    }

    /**
     * Opens (and activates) this thread's workspace {@code name}: every array created until it is closed comes
     * from memory that is reused, pass after pass, instead of freshly allocated and zeroed by the system (on a
     * D-MPNN batch, allocation was 29% of the time). Nothing created inside may be used after closing it.
     */
    public static org.nd4j.linalg.api.memory.MemoryWorkspace scope(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCOPE, name);
    }

    private static final org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration SCOPE =
            org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder()
                    .initialSize(0).overallocationLimit(0.5)
                    .policyAllocation(org.nd4j.linalg.api.memory.enums.AllocationPolicy.OVERALLOCATE)
                    .policyLearning(org.nd4j.linalg.api.memory.enums.LearningPolicy.OVER_TIME).cyclesBeforeInitialization(2)
                    .policySpill(org.nd4j.linalg.api.memory.enums.SpillPolicy.REALLOCATE)
                    .policyReset(org.nd4j.linalg.api.memory.enums.ResetPolicy.BLOCK_LEFT)
                    .build();

    /**
     * Java threads that the models may use for data-parallel work (each with its one ND4J thread): the
     * {@code chemdl.workers} system property, else the number of cores.
     */
    public static int workers() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty("chemdl.workers",
                    Integer.toString(Runtime.getRuntime().availableProcessors())).strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The shared pool of {@link #workers()} - 1 daemon threads beside the caller's (at least one). */
    public static java.util.concurrent.ExecutorService workerPool() {
        return WorkerPool.POOL;
    }

    /** Work on a range {@code [from, to)} of indices. */
    @FunctionalInterface
    public interface RangeTask {
        /** Does the work of indices {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, n)} in at most {@link #workers()} contiguous chunks of at least
     * {@code minChunk} indices, on the caller's thread and the shared workers, and returns when all are done (a
     * task's exception is rethrown). The chunks must be independent. The caller takes chunks too and waits only
     * for chunks already taken by running workers, so this never waits on a queued task: it is safe from a
     * worker thread and when the workers are busy.
     */
    public static void forChunks(int n, int minChunk, RangeTask task) {
        int chunks = Math.max(1, Math.min(workers(), n / Math.max(1, minChunk)));
        if (chunks == 1) {
            task.run(0, n);
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(chunks);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    task.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int k = 1; k < chunks; k++) {
            workerPool().execute(worker);
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static final class WorkerPool {
        static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, workers() - 1), runnable -> {
                    Thread t = new Thread(runnable, "chemdl-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** OpenMP and BLAS threads per Java thread: {@code $OMP_NUM_THREADS}, else {@code chemdl.threads}, else 1. */
    static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        String configuredThreads = omp != null && !omp.isBlank() ? omp : System.getProperty("chemdl.threads", "1");
        try {
            return Math.max(1, Integer.parseInt(configuredThreads.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
