package io.chemdl4j.models;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings, applied once before the first network is built. ND4J's OpenMP/BLAS
 * pools default to one thread per core on top of the JVM's own threads, which oversubscribes small
 * machines (measured on 2 cores: 2.3 s/epoch by default against 1.07 s with one thread). The thread
 * count comes from {@code $OMP_NUM_THREADS} when set, else {@code chemdl.threads}, else 1.
 */
public final class Nd4jRuntime {
    private static volatile boolean configured;

    private Nd4jRuntime() {
    }

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

    private static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        String configuredThreads = omp != null && !omp.isBlank() ? omp : System.getProperty("chemdl.threads", "1");
        try {
            return Math.max(1, Integer.parseInt(configuredThreads.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
