package io.chemdl4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * Runs {@code chemdl} commands one after another in this JVM, as {@link ChemDl#main} would run each, and
 * records what each did: {@link HelpExamplesTest} starts it once in a folder of example files, so the
 * examples' relative paths resolve there and the JVM and ND4J start once rather than once per example.
 *
 * <p>Arguments: a file of commands (one per line, words separated by spaces, without {@code chemdl}) and
 * an output folder, which receives {@code NN.log} (what command NN printed), {@code NN.exit} (its exit
 * code) and {@code NN.seconds} (how long it ran) for each line NN counted from 0.
 */
public final class ExampleRunner {
    private ExampleRunner() {
    }

    public static void main(String[] args) throws IOException {
        List<String> commands = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Path out = Files.createDirectories(Path.of(args[1]));
        for (int i = 0; i < commands.size(); i++) {
            List<String> words = new ArrayList<>(List.of(commands.get(i).strip().split("\\s+")));
            StringWriter log = new StringWriter();
            int exit;
            long started = System.nanoTime();
            try (PrintWriter writer = new PrintWriter(log, true)) {
                CommandLine cl = ChemDl.commandLine();
                cl.setOut(writer);
                cl.setErr(writer);
                try {
                    exit = cl.execute(words.toArray(new String[0]));
                } catch (RuntimeException | Error e) {
                    e.printStackTrace(writer);
                    exit = -1;
                }
            }
            String name = String.format("%02d", i);
            Files.writeString(out.resolve(name + ".log"), log.toString(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(name + ".exit"), Integer.toString(exit), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(name + ".seconds"), String.format(java.util.Locale.ROOT, "%.1f",
                    (System.nanoTime() - started) / 1e9), StandardCharsets.UTF_8);
        }
    }
}
