package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.moleculenet.load.DataFiles;
import picocli.CommandLine;

/**
 * {@code featurize} and {@code predict} killed with SIGKILL in the middle of a run and started again with
 * {@code --resume} write exactly the bytes of an uninterrupted run, error list and Monte-Carlo dropout columns
 * included.
 */
@Tag("slow") // about two minutes of MUV runs killed and resumed
class ResumeAfterKillTest {
    @TempDir
    static Path dir;
    private static Path input;

    /** MUV's first 60,000 molecules, every 997th replaced by a SMILES that cannot be parsed (an error row). */
    @BeforeAll
    static void input() throws Exception {
        Path muv = DataFiles.findLocal("muv.csv.gz", null);
        assertNotNull(muv, "set CHEMDL_DATA_DIR to the shared data directory (muv.csv.gz)");
        input = dir.resolve("library.csv.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(muv)),
                StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(input)),
                     StandardCharsets.UTF_8)) {
            List<String> header = List.of(in.readLine().split(",", -1));
            int smiles = header.indexOf("smiles");
            out.write("id,smiles\n");
            for (int i = 0; i < 60_000; i++) {
                String[] fields = in.readLine().split(",", -1);
                out.write("m" + i + "," + (i % 997 == 5 ? "C1CC" : fields[smiles]) + "\n");
            }
        }
    }

    @Test
    void aKilledFeaturizationResumesToTheSameBytes() throws Exception {
        List<String> command = List.of("featurize", "--input", input.toString(), "--featurizer", "ecfp", "--format",
                "onbits", "--quiet");
        assertResumesToTheSameBytes(command, "features");
    }

    @Test
    void aKilledPredictionWithDropoutSamplesResumesToTheSameBytes() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, chemdl("train", "--dataset", "delaney", "--epochs", "1", "--layers", "32", "--dropout", "0.2",
                "--seed", "3", "--quiet", "--save-model", model.toString()));
        List<String> command = List.of("predict", "--model", model.toString(), "--input", input.toString(),
                "--uncertainty", "3", "--seed", "5", "--quiet");
        assertResumesToTheSameBytes(command, "predictions");
    }

    /** Runs {@code command} whole, then killed after its first commit and resumed; both give the same files. */
    private static void assertResumesToTheSameBytes(List<String> command, String name) throws Exception {
        Path whole = dir.resolve(name + "-whole.csv");
        assertEquals(0, chemdl(with(command, "--output", whole.toString(), "--errors", whole + ".errors")));

        Path resumed = dir.resolve(name + ".csv");
        Path state = dir.resolve("." + resumed.getFileName() + ".resume").resolve("state");
        // One thread, so that the run lasts several commits (one a second).
        Process p = ChildJvm.of(List.of(), ChemDl.class,
                        with(command, "--output", resumed.toString(), "--errors", resumed + ".errors", "--threads", "1"))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(state) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertTrue(Files.exists(state), "the run committed before it was killed:\n"
                + Files.readString(dir.resolve(name + ".log")));
        assertFalse(Files.exists(resumed), "a killed run leaves no output in place");
        assertFalse(Files.exists(Path.of(resumed + ".errors")), "nor an error list");

        StringWriter messages = new StringWriter();
        assertEquals(0, chemdl(messages, with(command, "--output", resumed.toString(), "--errors", resumed + ".errors",
                "--resume")));
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), name + " differ after the resume");
        assertArrayEquals(Files.readAllBytes(Path.of(whole + ".errors")), Files.readAllBytes(Path.of(resumed + ".errors")),
                "the error lists differ after the resume");
        assertEquals(62, Files.readAllLines(Path.of(resumed + ".errors")).size(), "61 error rows and the header");
        assertTrue(messages.toString().contains("(61 failed, listed in"), messages.toString());
        assertFalse(Files.exists(state.getParent()), "the staging directory is removed");
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static int chemdl(String... args) {
        return chemdl(new StringWriter(), List.of(args));
    }

    private static int chemdl(List<String> args) {
        return chemdl(new StringWriter(), args);
    }

    private static int chemdl(StringWriter err, List<String> args) {
        CommandLine cl = ChemDl.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args.toArray(String[]::new));
    }
}
