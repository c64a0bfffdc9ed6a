package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class ChemDlTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ChemDl.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void trainWritesTheScoresAsJsonAndSavesALoadableModel() throws Exception {
        Path metrics = dir.resolve("out/metrics.json");
        Path model = dir.resolve("model");
        assertEquals(0, run("train", "--dataset", "delaney", "--model", "multitask", "--split", "random", "--seed", "1",
                "--epochs", "3", "--layers", "64", "--metrics-out", metrics.toString(), "--save-model", model.toString()));
        JsonNode json = new ObjectMapper().readTree(metrics.toFile());
        for (String split : new String[] {"train", "valid", "test"}) {
            for (String metric : new String[] {"rmse", "mae", "r2"}) {
                assertTrue(json.path(split).path(metric).isNumber(), split + "." + metric + " in " + json);
            }
        }
        assertTrue(Files.isRegularFile(model.resolve("chemdl-model.json")));
        var loaded = io.chemdl4j.models.ModelIO.load(model);
        assertEquals("ecfp", loaded.featurizer().name());
        assertEquals("true", loaded.featurizer().parameters().get("counts"));
    }

    @Test
    void badOptionsExitWithCodeTwoAndSayWhy() {
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "qm9"));
        assertTrue(err.toString().contains("unknown dataset 'qm9'"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--radius", "9", "--epochs", "1"));
        assertTrue(err.toString().contains("radius must be 0..3"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "stack trace without --verbose: " + err);
    }

    @Test
    void helpShowsARunnableExample() {
        StringWriter out = new StringWriter();
        CommandLine cl = ChemDl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("train", "--help"));
        assertTrue(out.toString().contains("Example:") && out.toString().contains("chemdl train --dataset delaney"));
    }
}
