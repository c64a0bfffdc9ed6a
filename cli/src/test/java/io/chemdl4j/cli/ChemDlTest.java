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
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ChemDl.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
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
        var loaded = io.chemdl4j.models.io.ModelIO.load(model);
        assertEquals("ecfp", loaded.featurizer().name());
        assertEquals("true", loaded.featurizer().parameters().get("counts"));
    }

    /** A usage error is one line naming the option, the bad value and what is accepted; exit 2. */
    @Test
    void aBadOptionValueIsOneLineNamingTheOptionAndTheChoices() {
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--model", "svm"));
        String line = err.toString().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("--model") && line.contains("unknown model 'svm'")
                && line.contains("multitask, graphconv, random_forest"), line);
        err.getBuffer().setLength(0);
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--split", "scafold"));
        line = err.toString().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("--split") && line.contains("unknown splitter 'scafold'") && line.contains("scaffold"),
                line);
    }

    /**
     * On a machine with no data directory, an empty home and an unreachable network, the shipped Tox21
     * and Delaney are all that training needs: {@code datasets} lists them as shipped, and a model trains
     * on each, from a fresh JVM as a new user would run it.
     */
    @Test
    void tox21AndDelaneyTrainOfflineFromTheCopiesThatShipWithTheToolkit() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String datasets = offline(home, "datasets");
        assertTrue(datasets.lines().anyMatch(l -> l.startsWith("tox21") && l.contains("shipped")), datasets);
        assertTrue(datasets.lines().anyMatch(l -> l.startsWith("muv") && l.contains("download")), datasets);
        String delaney = offline(home, "train", "--dataset", "delaney", "--epochs", "1", "--layers", "32", "--quiet");
        assertTrue(delaney.contains("delaney | multitask") && delaney.contains("902 train / 113 valid / 113 test"),
                delaney);
        String tox21 = offline(home, "train", "--dataset", "tox21", "--epochs", "1", "--layers", "32", "--quiet");
        assertTrue(tox21.contains("6411 train / 801 valid / 802 test"), tox21);
        assertTrue(Files.isRegularFile(home.resolve(".cache/chemdl4j/tox21.csv.gz")), "unpacked into the user's cache");
    }

    /** Runs chemdl in a new JVM with {@code home} as its home, no data or cache directory set, and no proxy. */
    private static String offline(Path home, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home,
                "-cp", System.getProperty("java.class.path"), ChemDl.class.getName()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String variable : java.util.List.of("CHEMDL_DATA_DIR", "CHEMDL_CACHE_DIR", "XDG_CACHE_HOME")) {
            pb.environment().remove(variable);
        }
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "finished");
        assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + output);
        return output;
    }

    /**
     * A graph convolution saved by train scores on evaluate exactly what the training run printed for
     * its test split, and predicts from a SMILES file, reporting the broken row.
     */
    @Test
    void aSavedGraphConvolutionEvaluatesAsTrainedAndPredicts() throws Exception {
        Path metrics = dir.resolve("gc.json");
        Path model = dir.resolve("gc-model");
        assertEquals(0, run("train", "--dataset", "delaney", "--model", "graphconv", "--split", "random", "--seed", "1",
                "--epochs", "3", "--quiet", "--metrics-out", metrics.toString(), "--save-model", model.toString()));
        double trainedTestRmse = new ObjectMapper().readTree(metrics.toFile()).path("test").path("rmse").asDouble();

        out.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--model", model.toString(), "--dataset", "delaney", "--split", "random",
                "--seed", "1", "--quiet"));
        String rmse = String.format(java.util.Locale.ROOT, "%10.4f", trainedTestRmse);
        assertTrue(out.toString().contains("delaney | test | 113 molecules"), out.toString());
        assertTrue(out.toString().contains(rmse), "test RMSE " + rmse + " of the training run in:\n" + out);

        Path smi = dir.resolve("in.smi");
        Files.write(smi, java.util.List.of("CCO", "C1CC", "c1ccccc1O"));
        Path predictions = dir.resolve("pred.csv");
        Path errors = dir.resolve("errors.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                predictions.toString(), "--errors", errors.toString(), "--quiet"));
        java.util.List<String> lines = Files.readAllLines(predictions);
        assertEquals("row,smiles,measured log solubility in mols per litre", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("0,CCO,") && lines.get(2).startsWith("2,c1ccccc1O,"), lines.toString());
        assertTrue(Files.readString(errors).contains("C1CC"));
    }

    @Test
    void badOptionsExitWithCodeTwoAndSayWhy() {
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "qm9"));
        assertTrue(err.toString().contains("unknown dataset 'qm9'"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--radius", "9", "--epochs", "1"));
        assertTrue(err.toString().contains("radius must be 0..3"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "stack trace without --verbose: " + err);
    }

    /**
     * The user's own CSV: Delaney's molecules under other column names, labelled soluble (1) when
     * log S &gt; -3, with one unreadable SMILES. Solubility class is learnable from fingerprints.
     */
    @Test
    void trainOnTheUsersOwnCsvByColumnNames() throws Exception {
        Path delaney = io.chemdl4j.moleculenet.load.DataFiles.findLocal("delaney-processed.csv", null);
        org.junit.jupiter.api.Assertions.assertNotNull(delaney, "set CHEMDL_DATA_DIR to the shared data directory");
        StringBuilder csv = new StringBuilder("name,structure,soluble\n");
        try (var reader = io.chemdl4j.featurize.io.MoleculeReader.open(delaney, "smiles")) {
            for (int i = 0; reader.hasNext(); i++) {
                var record = reader.next();
                double logS = Double.parseDouble(record.properties().get("measured log solubility in mols per litre"));
                csv.append("m").append(i).append(',').append(record.smiles()).append(',').append(logS > -3 ? 1 : 0)
                        .append('\n');
            }
        }
        csv.append("broken,C1CC(,1\n");
        Path file = dir.resolve("assay.csv");
        Files.writeString(file, csv);
        Path metrics = dir.resolve("assay.json");
        assertEquals(0, run("train", "--csv", file.toString(), "--smiles-column", "structure", "--tasks", "soluble",
                "--task-type", "classification", "--id-column", "name", "--epochs", "10", "--layers", "64",
                "--metrics-out", metrics.toString()), err.toString());
        double test = new ObjectMapper().readTree(metrics.toFile()).path("test").path("roc_auc").asDouble();
        assertTrue(test > 0.8, "test ROC-AUC of the solubility class " + test);
    }

    @Test
    void trainTakesEitherADatasetOrAFileWithItsTasks() throws Exception {
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "smiles,y\nCCO,1\n");
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--input", file.toString(),
                "--tasks", "y", "--task-type", "regression"));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--input", file.toString(), "--task-type", "regression"));
        assertTrue(err.toString().contains("--tasks"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--input", file.toString(), "--tasks", "y", "--task-type",
                "ordinal"));
        assertTrue(err.toString().contains("use classification or regression"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--input", dir.resolve("none.csv").toString(), "--tasks", "y",
                "--task-type", "regression"));
        assertTrue(err.toString().contains("none.csv: no such file"), err.toString());
    }

    @Test
    void anEnsembleWithSaveModelIsRefusedBeforeAnythingTrains() {
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--model", "graphconv", "--epochs",
                "1", "--ensemble", "2", "--quiet", "--save-model", dir.resolve("gc").toString()));
        assertTrue(err.toString().contains("saving an ensemble is not supported yet"), err.toString());
        assertTrue(err.toString().contains("refused before training"), err.toString());
        assertTrue(!Files.exists(dir.resolve("gc")));
    }

    @Test
    void hyperoptPrintsTheRankedTrialsAndTheBestModelsScores() {
        assertEquals(0, run("hyperopt", "--dataset", "delaney", "--model", "multitask", "--strategy", "grid",
                "--trials", "2", "--layers", "64;128", "--learning-rates", "0.003", "--dropouts", "0",
                "--weight-decays", "0", "--epochs", "3", "--quiet"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("2 trials ranked by valid rmse"), text);
        assertTrue(text.contains("layers=[64]") && text.contains("layers=[128]"), text);
        assertTrue(text.contains("test scored once, after the choice"), text);
    }

    @Test
    void trainsTheRandomForestBaselineWithEarlyStoppingFlagsIgnoredAndEnsemblesOfNetworks() throws Exception {
        assertEquals(0, run("train", "--dataset", "delaney", "--model", "random-forest", "--quiet"), err.toString());
        assertTrue(out.toString().contains("random_forest"), out.toString());
        assertEquals(0, run("train", "--dataset", "delaney", "--ensemble", "2", "--epochs", "3", "--early-stopping",
                "--patience", "2", "--quiet"), err.toString());
        assertTrue(out.toString().contains("ensemble of 2 models (seeds 0-1)"), out.toString());
        assertTrue(out.toString().contains("early stopping on valid rmse (patience 2)"), out.toString());
    }

    @Test
    void datasetsListsTheCatalogWithMetricsAndSplits() {
        StringWriter out = new StringWriter();
        CommandLine cl = ChemDl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("datasets"));
        String text = out.toString();
        for (String expected : new String[] {"tox21", "delaney", "freesolv", "lipo", "bbbp", "clintox", "sider", "hiv",
            "bace", "muv", "aqsoldb", "prc_auc", "scaffold"}) {
            assertTrue(text.contains(expected), expected + " missing in\n" + text);
        }
    }

    @Test
    void trainAcceptsTheScaffoldSplit() throws Exception {
        Path metrics = dir.resolve("scaffold.json");
        assertEquals(0, run("train", "--dataset", "delaney", "--split", "scaffold", "--epochs", "2", "--layers", "32",
                "--metrics-out", metrics.toString()), err.toString());
        assertTrue(new ObjectMapper().readTree(metrics.toFile()).path("test").path("rmse").isNumber());
    }

    @Test
    void featurizeWritesDescriptorColumnsNamedAsRdkitAndListsBadRows() throws Exception {
        Path input = Files.writeString(dir.resolve("mols.csv"), "name,smiles\naspirin,CC(=O)Oc1ccccc1C(=O)O\nbad,C1CC\n");
        Path out = dir.resolve("desc.csv");
        Path errors = dir.resolve("bad.csv");
        assertEquals(0, run("featurize", "--input", input.toString(), "--featurizer", "descriptors",
                "--format", "columns", "--output", out.toString(), "--errors", errors.toString(), "--quiet"));
        java.util.List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size(), "header and one good row");
        java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
        assertEquals("row", header.get(0));
        assertEquals("smiles", header.get(1));
        String[] values = lines.get(1).split(",");
        // RDKit: HeavyAtomCount 13, NumHDonors 1 for aspirin
        assertEquals("13", values[header.indexOf("HeavyAtomCount")]);
        assertEquals("1", values[header.indexOf("NumHDonors")]);
        assertTrue(Files.readString(errors).contains("1,C1CC,"));
    }

    @Test
    void featurizeReportsAMissingSmilesColumnInOneLineWithExitTwo() throws Exception {
        Path input = Files.writeString(dir.resolve("mols.csv"), "name,mol\na,CCO\n");
        assertEquals(2, run("featurize", "--input", input.toString(), "--output", dir.resolve("o.csv").toString()));
        assertTrue(err.toString().contains("no column 'smiles'"), err.toString());
        assertTrue(!err.toString().contains("at io.chemdl4j"), "no stack trace without --verbose");
    }
}
