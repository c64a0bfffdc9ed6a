package io.chemdl4j.spark;

import java.io.PrintStream;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * A progress line for a long job on the driver: where Spark's UI is, then every {@code interval} seconds the molecules
 * done so far (counted as tasks finish), the partitions done of the running stages, and the rate. Not thread-safe: one
 * job at a time.
 */
public final class JobProgress {
    private final PrintStream out;
    private final double intervalSeconds;
    private Thread thread;

    /** Lines to {@code out} every {@code intervalSeconds}. */
    public JobProgress(PrintStream out, double intervalSeconds) {
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        this.out = out;
        this.intervalSeconds = intervalSeconds;
    }

    /** Starts reporting job {@code name}, counting the molecules {@code done} and {@code failed}. */
    void start(SparkSession spark, String name, LongAccumulator done, LongAccumulator failed) {
        stop();
        scala.Option<String> ui = spark.sparkContext().uiWebUrl();
        if (ui.isDefined()) {
            out.println(name + ": Spark UI at " + ui.get());
        }
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep((long) (intervalSeconds * 1000));
                    out.println(line(spark, name, done.value(), failed.value(), (System.nanoTime() - start) / 1e9));
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }, "chemdl-spark-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reporting. */
    void stop() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    private static String line(SparkSession spark, String name, long done, long failed, double seconds) {
        int tasks = 0;
        int completed = 0;
        for (int id : spark.sparkContext().statusTracker().getActiveStageIds()) {
            scala.Option<SparkStageInfo> info = spark.sparkContext().statusTracker().getStageInfo(id);
            if (info.isDefined()) {
                tasks += info.get().numTasks();
                completed += info.get().numCompletedTasks();
            }
        }
        return String.format(java.util.Locale.ROOT, "%s: %,d molecules (%,d failed) in %.0f s, %,.0f/s; partitions %d of "
                + "%d done in the running stages", name, done + failed, failed, seconds, (done + failed) / seconds,
                completed, tasks);
    }
}
