package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.moleculenet.DataFiles;
import picocli.CommandLine;

/**
 * Every verb's {@code --help} shows examples, and every example runs as printed: each in its own
 * {@code java} process, in a folder holding the files the examples name ({@code library.smi},
 * {@code molecules.sdf}, {@code solubility.csv}), verbs in the order a person would follow them (train
 * saves the models that evaluate and predict read). Each must exit 0 and write what it says it writes.
 */
class HelpExamplesTest {
    /** The verbs, in the order their examples depend on each other. */
    private static final List<String> VERBS = List.of("datasets", "featurize", "train", "evaluate", "predict",
            "hyperopt", "benchmark", "quickstart");

    @TempDir
    Path work;

    @Test
    void everyVerbsHelpShowsExamplesAndEachExampleRuns() throws Exception {
        CommandLine root = ChemDl.commandLine();
        List<String> verbs = new ArrayList<>(root.getSubcommands().keySet());
        verbs.remove("help");
        assertEquals(VERBS.stream().sorted().toList(), verbs.stream().sorted().toList(), "every verb is exercised");
        writeFixtures();
        Map<String, List<List<String>>> examples = new LinkedHashMap<>();
        for (String verb : VERBS) {
            StringWriter help = new StringWriter();
            CommandLine cl = ChemDl.commandLine();
            cl.setOut(new PrintWriter(help, true));
            assertEquals(0, cl.execute(verb, "--help"));
            List<List<String>> found = examplesIn(help.toString());
            assertFalse(found.isEmpty(), verb + " --help shows no example:\n" + help);
            for (List<String> example : found) {
                assertEquals(verb, example.get(1), "an example of " + verb + " runs " + verb);
            }
            examples.put(verb, found);
        }
        for (List<List<String>> ofVerb : examples.values()) {
            for (List<String> example : ofVerb) {
                Result r = runInWork(example.subList(1, example.size()));
                assertEquals(0, r.exit, String.join(" ", example) + " exited " + r.exit + ":\n" + r.output);
                assertFalse(r.output.contains("\tat "), "no stack trace: " + r.output);
                for (String file : outputsNamedBy(example)) {
                    assertTrue(Files.exists(work.resolve(file)), String.join(" ", example) + " did not write " + file);
                }
            }
        }
        // What the examples wrote is what they promise.
        assertTrue(Files.readAllLines(work.resolve("predictions.csv")).get(0).startsWith("row,smiles,NR-AR,"));
        assertTrue(Files.readAllLines(work.resolve("failed.csv")).size() >= 2, "the broken SMILES is listed");
        assertTrue(Files.readAllLines(work.resolve("solubility-predictions.csv")).get(0)
                .equals("row,smiles,soluble,soluble_std"));
        try (var pngs = Files.list(work.resolve("tox21-plots"))) {
            assertTrue(pngs.filter(p -> p.toString().endsWith(".png")).count() >= 14, "12 ROC curves and 2 curves");
        }
    }

    /**
     * The commands of a help text: lines that start with {@code chemdl}, joined with the lines that
     * follow a trailing backslash (shell continuation, as a person would paste them), split into words.
     */
    static List<List<String>> examplesIn(String help) {
        List<List<String>> out = new ArrayList<>();
        StringBuilder command = null;
        for (String line : help.split("\n")) {
            String s = line.strip();
            if (command == null && s.startsWith("chemdl ")) {
                command = new StringBuilder();
            }
            if (command == null) {
                continue;
            }
            boolean continues = s.endsWith("\\");
            command.append(continues ? s.substring(0, s.length() - 1) : s).append(' ');
            if (!continues) {
                out.add(Arrays.asList(command.toString().strip().split("\\s+")));
                command = null;
            }
        }
        return out;
    }

    /** The files an example says it writes: values of its output options. */
    private static List<String> outputsNamedBy(List<String> example) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i + 1 < example.size(); i++) {
            if (List.of("--output", "--errors", "--save-model", "--plots", "--metrics-out").contains(example.get(i))) {
                files.add(example.get(i + 1));
            }
        }
        return files;
    }

    private record Result(int exit, String output) {
    }

    private Result runInWork(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChemDl.class.getName()));
        command.addAll(args);
        Path log = work.resolve("example.log");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(args + " did not finish in 10 minutes");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The files the examples name, cut from the shared datasets, with one unreadable SMILES in the library. */
    private void writeFixtures() throws Exception {
        Path delaney = DataFiles.findLocal("delaney-processed.csv", null);
        Path gdb = DataFiles.findLocal("gdb1k.sdf", null);
        assertNotNull(delaney, "set CHEMDL_DATA_DIR to the shared data directory");
        StringBuilder solubility = new StringBuilder("name,smiles,soluble\n");
        StringBuilder library = new StringBuilder();
        try (MoleculeReader reader = MoleculeReader.open(delaney, "smiles")) {
            for (int i = 0; reader.hasNext(); i++) {
                var record = reader.next();
                double logS = Double.parseDouble(record.properties().get("measured log solubility in mols per litre"));
                solubility.append("m").append(i).append(',').append(record.smiles()).append(',')
                        .append(logS > -3 ? 1 : 0).append('\n');
                if (i < 60) {
                    library.append(record.smiles()).append(" m").append(i).append('\n');
                }
            }
        }
        library.append("C1CC( broken\n");
        Files.writeString(work.resolve("solubility.csv"), solubility);
        Files.writeString(work.resolve("library.smi"), library);
        assertNotNull(gdb, "gdb1k.sdf belongs in the shared data directory");
        // The first 20 records of GDB's SD file.
        String sdf = Files.readString(gdb);
        int end = 0;
        for (int k = 0; k < 20; k++) {
            end = sdf.indexOf("$$$$", end) + 5;
        }
        Files.writeString(work.resolve("molecules.sdf"), sdf.substring(0, end));
    }
}
