package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chemdl predict} with a saved multitask network of the toolkit's architecture never starts ND4J (most of a
 * second and more than a CPU-second of every run: its native library and a thousand classes); what needs DL4J's
 * network, Monte-Carlo dropout, does.
 */
class PredictStartTest {
    /** The class whose initialization starts ND4J's backend: a JVM that never loads it never started ND4J. */
    private static final String ND4J_FACTORY = "org.nd4j.linalg.factory.Nd4j ";

    @TempDir
    static Path dir;
    private static Path model;
    private static Path input;

    @BeforeAll
    static void trainAModelWithDropout() throws Exception {
        model = dir.resolve("model");
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = ChemDl.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute("train", "--dataset", "delaney", "--epochs", "1", "--layers", "32", "--dropout",
                "0.2", "--quiet", "--save-model", model.toString()), err.toString());
        input = dir.resolve("molecules.csv");
        Files.writeString(input, "smiles\nCCO\nc1ccccc1O\nCC(=O)Oc1ccccc1C(=O)O\n");
    }

    @Test
    void aMultitaskNetworkPredictsWithoutStartingNd4j() throws Exception {
        String classes = predictLoggingClasses("plain");
        assertTrue(classes.contains("io.chemdl4j.models.multitask.SparseInputForward "), "the network predicted");
        assertFalse(classes.contains(ND4J_FACTORY), "ND4J was started");
        List<String> rows = Files.readAllLines(dir.resolve("plain.csv"));
        assertEquals(4, rows.size(), "the header and three molecules: " + rows);
    }

    /** The check above can fail: Monte-Carlo dropout runs DL4J's network, and the same log shows ND4J starting. */
    @Test
    void monteCarloDropoutStartsNd4j() throws Exception {
        assertTrue(predictLoggingClasses("dropout", "--uncertainty", "2").contains(ND4J_FACTORY));
    }

    /** Runs {@code chemdl predict} in a JVM of its own that logs every class it loads; returns the log. */
    private static String predictLoggingClasses(String name, String... options) throws Exception {
        Path log = dir.resolve(name + "-classes.log");
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(), "--input",
                input.toString(), "--output", dir.resolve(name + ".csv").toString(), "--quiet"));
        args.addAll(List.of(options));
        Process process = ChildJvm.of(List.of("-Xlog:class+load=info:file=" + log), ChemDl.class, args)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return Files.readString(log);
    }
}
