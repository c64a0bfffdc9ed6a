package io.chemdl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screening job on a real Spark cluster: a standalone master and one worker on localhost, started as their own JVMs
 * through Spark's own classes from a Spark home laid out as a Spark installation lays it out ({@code jars/}: the Spark
 * jars the build lists), the job submitted to them with the built job jar ({@code chemdl-spark.jar}), executors started
 * by the worker. Its output on MUV equals {@code chemdl predict}'s, value for value. Slow tier (about a minute).
 */
@Tag("slow")
class StandaloneClusterIT {
    private static final long START_SECONDS = 90;

    @TempDir
    Path work;

    @Test
    void muvOnAStandaloneClusterEqualsChemdlPredict() throws Exception {
        Path model = SparkTestSupport.tox21Model();
        Path muv = SparkTestSupport.muv();
        Path jobJar = Path.of(System.getProperty("chemdl.spark.jar"));
        assertTrue(Files.isRegularFile(jobJar), jobJar + " is not built");
        Path sparkHome = sparkHome(Path.of(System.getProperty("chemdl.spark.classpath")));
        Path logs = Path.of("target", "standalone-cluster").toAbsolutePath();
        SparkTestSupport.deleteTree(logs);
        Files.createDirectories(logs);
        // the worker's directory (executors' logs) stays beside the daemons' logs
        Path worker = Files.createDirectories(logs.resolve("worker"));
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        List<Process> cluster = new ArrayList<>();
        try {
            cluster.add(start(sparkHome, logs.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port",
                    Integer.toString(freePort())));
            cluster.add(start(sparkHome, logs.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "3g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", worker.toString(), master));
            awaitLine(logs.resolve("worker.log"), "Successfully registered with master", cluster);

            SparkTestSupport.Predictions expected = SparkTestSupport.muvPredictions();
            String out = work.resolve("muv-cluster.parquet").toString();
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
            try (SparkSession spark = SparkSession.builder().master(master).appName("chemdl4j-standalone-it")
                    .config("spark.jars", jobJar.toString())
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.executor.memory", "2g").config("spark.executor.cores", "2")
                    .config("spark.executorEnv.OMP_NUM_THREADS", "1").config("spark.ui.enabled", false)
                    .getOrCreate()) {
                ScreeningJob.Summary summary = ScreeningJob.run(spark, ScreeningJob.Options.of(model.toString(),
                        new MoleculeSource(muv.toString(), null, null, "mol_id"), out), null);
                assertEquals(93_127, summary.predicted() + summary.failed());
                SparkTestSupport.assertSamePredictions(expected, SparkTestSupport.screened(spark, out, "parquet"));
            }
            try (var executors = Files.walk(worker)) {
                assertTrue(executors.anyMatch(p -> p.getFileName().toString().equals("stderr")),
                        "the worker started no executor");
            }
        } finally {
            for (int i = cluster.size() - 1; i >= 0; i--) {
                cluster.get(i).destroy();
                cluster.get(i).waitFor();
            }
        }
    }

    /** A Spark home as an installation has it: {@code jars/} holding Spark and its dependencies, nothing of ours. */
    private Path sparkHome(Path classpathFile) throws IOException {
        Path jars = Files.createDirectories(work.resolve("spark-home").resolve("jars"));
        for (String jar : Files.readString(classpathFile).strip().split(java.io.File.pathSeparator)) {
            Path source = Path.of(jar);
            Files.createSymbolicLink(jars.resolve(source.getFileName()), source);
        }
        Files.createDirectories(work.resolve("spark-home").resolve("conf"));
        return work.resolve("spark-home");
    }

    /** One of Spark's daemons in its own JVM, on the Spark home's jars, its output in {@code log}. */
    private static Process start(Path sparkHome, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(List.of(System.getProperty("chemdl.spark.jvm.options").strip().split("\\s+")));
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        // the launcher inside the worker builds the executors' command; with no build tree it needs the Scala version
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    private static void awaitLine(Path log, String line, List<Process> cluster) throws Exception {
        long deadline = System.nanoTime() + START_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            for (Process p : cluster) {
                if (!p.isAlive()) {
                    fail("a Spark daemon exited (" + p.exitValue() + "); see " + log.getParent());
                }
            }
            Thread.sleep(200);
        }
        fail("no '" + line + "' in " + log + " after " + START_SECONDS + " s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
