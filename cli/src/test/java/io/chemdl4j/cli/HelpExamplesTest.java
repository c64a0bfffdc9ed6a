package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.moleculenet.load.DataFiles;
import picocli.CommandLine;

/**
 * Every verb's {@code --help} shows examples, and every example runs as printed: all of them in one
 * {@code java} process ({@link ExampleRunner}), starting in an empty folder, verbs in the order a person would
 * follow them: {@code chemdl examples .} writes the sample files the others name ({@code library.smi},
 * {@code molecules.sdf}, {@code solubility.csv}), train saves the models that evaluate and predict read. Each example is one
 * dynamic test: it must exit 0, print no stack trace and write what it says it writes.
 */
@Tag("slow")
class HelpExamplesTest {
    /** The verbs, in the order their examples depend on each other. */
    private static final List<String> VERBS = List.of("examples", "datasets", "featurize", "train", "calibrate", "evaluate", "predict",
            "hyperopt", "benchmark", "quickstart");

    @TempDir
    static Path work;

    @Test
    void everyVerbIsExercised() {
        List<String> verbs = new ArrayList<>(ChemDl.commandLine().getSubcommands().keySet());
        verbs.remove("help");
        assertEquals(VERBS.stream().sorted().toList(), verbs.stream().sorted().toList(), "every verb is exercised");
    }

    @TestFactory
    List<DynamicTest> everyExampleRunsAsPrinted() throws Exception {
        List<List<String>> examples = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
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
            examples.addAll(found);
        }
        Path results = runAll(examples);
        for (int i = 0; i < examples.size(); i++) {
            List<String> example = examples.get(i);
            String name = String.format("%02d", i);
            // What each example costs, in the test's output: the slow tier's time is mostly theirs.
            System.out.println(Files.readString(results.resolve(name + ".seconds")) + " s: "
                    + String.join(" ", example));
            tests.add(DynamicTest.dynamicTest(String.join(" ", example), () -> {
                String output = Files.readString(results.resolve(name + ".log"));
                int exit = Integer.parseInt(Files.readString(results.resolve(name + ".exit")).strip());
                assertEquals(0, exit, String.join(" ", example) + " exited " + exit + ":\n" + output);
                assertFalse(output.contains("\tat "), "no stack trace: " + output);
                for (String file : outputsNamedBy(example)) {
                    assertTrue(Files.exists(work.resolve(file)), String.join(" ", example) + " did not write " + file);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("the examples wrote what they promise", () -> {
            assertTrue(Files.readAllLines(work.resolve("predictions.csv")).get(0).startsWith("row,smiles,name,NR-AR,"),
                    "the .smi names are kept");
            assertTrue(Files.readAllLines(work.resolve("failed.csv")).size() >= 2, "the broken SMILES is listed");
            // The input's measured label is kept beside the prediction under its own name.
            assertEquals("row,smiles,name,soluble_input,soluble,soluble_mean,soluble_std",
                    Files.readAllLines(work.resolve("solubility-predictions.csv")).get(0));
            try (var pngs = Files.list(work.resolve("tox21-plots"))) {
                assertTrue(pngs.filter(p -> p.toString().endsWith(".png")).count() >= 14, "12 ROC curves and 2 curves");
            }
        }));
        return tests;
    }

    /** Runs every example (without the leading {@code chemdl}) in one JVM in {@link #work}; returns the results folder. */
    private static Path runAll(List<List<String>> examples) throws IOException, InterruptedException {
        Path commands = work.resolve("examples.txt");
        Files.write(commands, examples.stream().map(e -> String.join(" ", e.subList(1, e.size()))).toList());
        Path results = work.resolve("example-results");
        Path log = work.resolve("examples.log");
        Process p = ChildJvm.of(List.of(), ExampleRunner.class, List.of(commands.toString(), results.toString()))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the examples did not finish in 15 minutes:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "the example runner failed:\n" + Files.readString(log));
        return results;
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

    /** The files the examples name, cut from the shared datasets, with one unreadable SMILES in the library. */
}
