package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * What a person gets wrong, the command line answers in one line that names the file and the
 * problem, exits with 2 (bad input), and prints no stack trace unless asked with {@code --verbose}.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    static Path model;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @BeforeAll
    static void trainASmallModel() {
        model = dir.resolve("delaney-model");
        CommandLine cl = ChemDl.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("train", "--dataset", "delaney", "--epochs", "1", "--layers", "16", "--quiet",
                "--save-model", model.toString()));
    }

    private int run(String... args) {
        CommandLine cl = ChemDl.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    /** Runs predict on {@code input} and checks the answer is one line with exit 2 that contains {@code expected}. */
    private void predictRefuses(Path input, Path withModel, String... expected) {
        int exit = run("predict", "--model", withModel.toString(), "--input", input.toString(), "--output",
                dir.resolve("out.csv").toString(), "--quiet");
        List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(ChemDl.EXIT_BAD_INPUT, exit, err.toString());
        assertEquals(1, lines.size(), "one line: " + err);
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        for (String e : expected) {
            assertTrue(lines.get(0).contains(e), "'" + e + "' in: " + lines.get(0));
        }
        assertFalse(Files.exists(dir.resolve("out.csv")), "no output is left behind");
    }

    @Test
    void aMissingFile() {
        predictRefuses(dir.resolve("nowhere.csv"), model, "nowhere.csv");
    }

    @Test
    void aCsvWithoutTheSmilesColumn() throws Exception {
        Path csv = Files.writeString(dir.resolve("no-smiles.csv"), "name,structure\naspirin,CC(=O)Oc1ccccc1C(=O)O\n");
        predictRefuses(csv, model, "no-smiles.csv", "smiles");
    }

    @Test
    void anEmptyFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        predictRefuses(empty, model, "empty.csv");
    }

    @Test
    void aBinaryFile() throws Exception {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Path binary = Files.write(dir.resolve("image.csv"), bytes);
        predictRefuses(binary, model, "image.csv");
    }

    @Test
    void aModelFromAnotherToolkitVersion() throws Exception {
        Path newerModel = dir.resolve("newer-model");
        Files.createDirectories(newerModel);
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, newerModel.resolve(f.getFileName()));
            }
        }
        int newer = io.chemdl4j.models.io.ModelIO.FORMAT_VERSION + 1;
        String manifest = Files.readString(model.resolve("chemdl-model.json"))
                .replaceFirst("\"formatVersion\" : \\d+", "\"formatVersion\" : " + newer)
                .replaceFirst("\"toolkitVersion\" : \"[^\"]*\"", "\"toolkitVersion\" : \"3.2.0\"");
        assertTrue(manifest.contains("\"formatVersion\" : " + newer), manifest);
        Files.writeString(newerModel.resolve("chemdl-model.json"), manifest);
        Path smi = Files.writeString(dir.resolve("one.smi"), "CCO ethanol\n");
        predictRefuses(smi, newerModel, "newer-model", "format version " + newer, "ChemDL4J 3.2.0", "Upgrade ChemDL4J");
    }

    @Test
    void verboseAddsTheStackTrace() {
        int exit = run("predict", "--verbose", "--model", model.toString(), "--input", dir.resolve("nowhere.csv").toString(),
                "--output", dir.resolve("out.csv").toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, exit);
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}
