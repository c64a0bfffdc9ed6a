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

    /** CDK's own warnings (here about a bad cis/trans mark) stay out of what chemdl prints: one line per run. */
    @Test
    void cdkWarningsDoNotReachTheTerminal() throws Exception {
        Path smi = Files.write(dir.resolve("odd.smi"), java.util.List.of("C=CCN1C(SCc2ccccc2C#N)NNN/C1=C/1/C=CC=CC1=O odd",
                "CCO ethanol"));
        String output = offline(dir.resolve("home"), "featurize", "--input", smi.toString(), "--featurizer", "ecfp",
                "--output", dir.resolve("odd.csv").toString(), "--quiet");
        assertEquals(java.util.List.of("featurized 2 of 2 rows (0 failed) -> " + dir.resolve("odd.csv")),
                output.strip().lines().toList());
    }

    /** Runs chemdl in a new JVM with {@code home} as its home, no data or cache directory set, and no proxy. */
    private static String offline(Path home, String... args) throws Exception {
        ProcessBuilder pb = ChildJvm.of(java.util.List.of("-Duser.home=" + home), ChemDl.class, java.util.List.of(args))
                .redirectErrorStream(true);
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
        Files.write(smi, java.util.List.of("CCO ethanol", "C1CC broken", "c1ccccc1O phenol"));
        Path predictions = dir.resolve("pred.csv");
        Path errors = dir.resolve("errors.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                predictions.toString(), "--errors", errors.toString(), "--quiet"));
        java.util.List<String> lines = Files.readAllLines(predictions);
        assertEquals("row,smiles,name,measured log solubility in mols per litre", lines.get(0), "names are kept");
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("0,CCO,ethanol,") && lines.get(2).startsWith("2,c1ccccc1O,phenol,"),
                lines.toString());
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                predictions.toString(), "--keep-columns", "none", "--quiet"));
        assertEquals("row,smiles,measured log solubility in mols per litre", Files.readAllLines(predictions).get(0));
        // Trained without dropout: asking for its uncertainty is refused before anything is read.
        err.getBuffer().setLength(0);
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("predict", "--model", model.toString(), "--input", smi.toString(),
                "--output", dir.resolve("u.csv").toString(), "--uncertainty", "--quiet"));
        assertEquals("chemdl predict: --uncertainty needs a network trained with dropout (train --dropout) or an "
                + "ensemble (train --ensemble); this graphconv model has neither", err.toString().strip());
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

    @Test
    void unitsAreCheckedBeforeAnyTrainingAndTheParityPlotsAreWritten() throws Exception {
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "tox21", "--units", "log mol/L"));
        assertTrue(err.toString().strip().endsWith(
                "chemdl train: --units: only regression labels have units; these are classification labels"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--units", "logS=log mol/L"));
        assertTrue(err.toString().strip().endsWith("chemdl train: --units: logS is not a task; the tasks are measured "
                + "log solubility in mols per litre"), err.toString());
        Path plots = dir.resolve("plots");
        assertEquals(0, run("train", "--dataset", "delaney", "--epochs", "1", "--plots", plots.toString(), "--units",
                "log10(mol/L)", "--quiet"), err.toString());
        assertTrue(Files.size(plots.resolve("parity-measured_log_solubility_in_mols_per_litre.png")) > 10_000);
    }

    /**
     * Delaney's molecules as the user's own CSV: {@code header}, then per molecule {@code m<i>,} and what
     * {@code row} makes of its SMILES and log S.
     */
    static StringBuilder delaneyAs(String header, java.util.function.BiFunction<String, Double, String> row)
            throws Exception {
        Path delaney = io.chemdl4j.moleculenet.load.DataFiles.findLocal("delaney-processed.csv", null);
        org.junit.jupiter.api.Assertions.assertNotNull(delaney, "set CHEMDL_DATA_DIR to the shared data directory");
        StringBuilder csv = new StringBuilder(header).append('\n');
        try (var reader = io.chemdl4j.featurize.io.MoleculeReader.open(delaney, "smiles")) {
            for (int i = 0; reader.hasNext(); i++) {
                var record = reader.next();
                double logS = Double.parseDouble(record.properties().get("measured log solubility in mols per litre"));
                csv.append("m").append(i).append(',').append(row.apply(record.smiles(), logS)).append('\n');
            }
        }
        return csv;
    }

    /**
     * The user's own CSV: Delaney's molecules under other column names, labelled soluble (1) when
     * log S &gt; -3, with one unreadable SMILES. Solubility class is learnable from fingerprints.
     */
    @Test
    void trainOnTheUsersOwnCsvByColumnNames() throws Exception {
        StringBuilder csv = delaneyAs("name,structure,soluble", (smiles, logS) -> smiles + "," + (logS > -3 ? 1 : 0));
        csv.append("broken,C1CC(,1\n");
        Path file = dir.resolve("assay.csv");
        Files.writeString(file, csv);
        Path metrics = dir.resolve("assay.json");
        assertEquals(0, run("train", "--csv", file.toString(), "--smiles-column", "structure", "--tasks", "soluble",
                "--task-type", "classification", "--id-column", "name", "--epochs", "10", "--layers", "64",
                "--metrics-out", metrics.toString(), "--save-model", dir.resolve("assay-model").toString()), err.toString());
        double test = new ObjectMapper().readTree(metrics.toFile()).path("test").path("roc_auc").asDouble();
        assertTrue(test > 0.8, "test ROC-AUC of the solubility class " + test);
        // a catalog set of other tasks is refused before it is looked for (BBBP is not in the data directory)
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("evaluate", "--model", dir.resolve("assay-model").toString(),
                "--dataset", "bbbp", "--quiet"));
        assertTrue(err.toString().strip().endsWith("chemdl evaluate: the model predicts [soluble] but bbbp has tasks "
                + "[p_np]"), err.toString());
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
        assertTrue(err.toString().contains("use classification, multiclass or regression"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--input", dir.resolve("none.csv").toString(), "--tasks", "y",
                "--task-type", "regression"));
        assertTrue(err.toString().contains("none.csv: no such file"), err.toString());
    }

    /**
     * Multiclass labels from the user's file (Delaney's molecules: solubility band 0-2 by log S, ring count
     * 0-3 from the ring-closure digits): trained, scored by macro ROC-AUC and accuracy per task, saved as an
     * ensemble, evaluated, plotted and predicted with the most probable class and every class's probability.
     */
    @Test
    void multiclassLabelsTrainScoreSaveEvaluateAndPredictWithEveryClasssProbability() throws Exception {
        StringBuilder csv = delaneyAs("name,smiles,band,rings", (smiles, logS) -> smiles + ","
                + (logS < -4 ? 0 : logS <= -2 ? 1 : 2) + "," + Math.min(3, smiles.chars().filter(Character::isDigit).count() / 2));
        Path file = Files.writeString(dir.resolve("bands.csv"), csv);
        Path metrics = dir.resolve("bands.json");
        Path model = dir.resolve("bands-model");
        Path plots = dir.resolve("bands-plots");
        assertEquals(0, run("train", "--input", file.toString(), "--tasks", "band,rings", "--task-type", "multiclass",
                "--id-column", "name", "--ensemble", "2", "--epochs", "20", "--quiet", "--metrics-out",
                metrics.toString(), "--save-model", model.toString(), "--plots", plots.toString()), err.toString());
        assertTrue(out.toString().contains("roc_auc   accuracy"), out.toString());
        var json = new ObjectMapper().readTree(metrics.toFile());
        // measured: macro ROC-AUC 0.93, accuracy 0.80 (the most frequent class alone: 0.45)
        assertTrue(json.path("test").path("roc_auc").asDouble() > 0.85, json.toString());
        assertTrue(json.path("test").path("accuracy").asDouble() > 0.7, json.toString());
        assertTrue(Files.size(plots.resolve("roc-band.png")) > 10_000);

        Path scores = dir.resolve("eval.json");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--input", file.toString(), "--metrics-out",
                scores.toString(), "--quiet"), err.toString());
        assertTrue(new ObjectMapper().readTree(scores.toFile()).path("all").path("accuracy").asDouble() > 0.8);

        Path smi = Files.write(dir.resolve("in.smi"), java.util.List.of("CCO ethanol", "c1ccc2ccccc2c1 naphthalene"));
        Path predictions = dir.resolve("p.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                predictions.toString(), "--uncertainty", "--quiet"), err.toString());
        java.util.List<String> lines = Files.readAllLines(predictions);
        assertEquals("row,smiles,name,band,rings,band_p0,band_p1,band_p2,band_p3,rings_p0,rings_p1,rings_p2,rings_p3,"
                + "band_p0_mean,band_p1_mean,band_p2_mean,band_p3_mean,rings_p0_mean,rings_p1_mean,rings_p2_mean,"
                + "rings_p3_mean,band_p0_std,band_p1_std,band_p2_std,band_p3_std,rings_p0_std,rings_p1_std,rings_p2_std,"
                + "rings_p3_std", lines.get(0));
        String[] ethanol = lines.get(1).split(",");
        String[] naphthalene = lines.get(2).split(",");
        assertEquals("ethanol", ethanol[2]);
        assertEquals("2", ethanol[3], "ethanol is very soluble: band 2");
        assertEquals("0", ethanol[4], "ethanol has no ring");
        assertEquals("2", naphthalene[4], "naphthalene has two rings");
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            sum += Double.parseDouble(ethanol[5 + c]);
        }
        assertEquals(1.0, sum, 1e-5, "a task's class probabilities sum to 1");
    }

    @Test
    void anEnsembleIsSavedAsOneModelThatScoresAsTrainedAndGivesItsMembersSpread() throws Exception {
        Path metrics = dir.resolve("ensemble.json");
        Path model = dir.resolve("gc");
        assertEquals(0, run("train", "--dataset", "delaney", "--model", "graphconv", "--epochs", "2", "--ensemble",
                "3", "--quiet", "--metrics-out", metrics.toString(), "--save-model", model.toString()), err.toString());
        var saved = io.chemdl4j.models.io.ModelIO.load(model);
        assertEquals(io.chemdl4j.models.io.ModelIO.ENSEMBLE_FORMAT_VERSION, saved.formatVersion());
        assertEquals(3, ((io.chemdl4j.models.Ensemble<?>) saved.model()).members().size());
        Path scores = dir.resolve("eval.json");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--dataset", "delaney", "--metrics-out",
                scores.toString(), "--quiet"), err.toString());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(metrics.toFile()).path("test").path("rmse").asDouble(),
                json.readTree(scores.toFile()).path("test").path("rmse").asDouble(), 1e-5,
                "the saved ensemble scores the test split as the training run's mean prediction did");

        Path smi = Files.write(dir.resolve("in.smi"), java.util.List.of("CCO", "c1ccccc1O", "CCCCCCCCCC"));
        Path out = dir.resolve("p.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                out.toString(), "--uncertainty", "--keep-columns", "none", "--quiet"), err.toString());
        java.util.List<String> lines = Files.readAllLines(out);
        String task = "measured log solubility in mols per litre";
        assertEquals("row,smiles," + task + "," + task + "_mean," + task + "_std", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(Double.parseDouble(f[2]), Double.parseDouble(f[3]), 1e-5, "an ensemble's mean is its "
                    + "prediction: " + line);
            assertTrue(Double.parseDouble(f[4]) > 0, "three members differ: " + line);
        }
    }

    /** hyperopt ranks its trials, writes them as CSV and saves the best model, which scores as reported. */
    @Test
    void hyperoptPrintsTheRankedTrialsAndTheBestModelsScores() throws Exception {
        Path trials = dir.resolve("trials.csv");
        Path best = dir.resolve("best");
        assertEquals(0, run("hyperopt", "--dataset", "delaney", "--model", "multitask", "--strategy", "grid",
                "--trials", "2", "--layers", "64;128", "--learning-rates", "0.003", "--dropouts", "0",
                "--weight-decays", "0", "--epochs", "3", "--trials-out", trials.toString(), "--save-model",
                best.toString(), "--quiet"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("2 trials ranked by valid rmse"), text);
        assertTrue(text.contains("layers=[64]") && text.contains("layers=[128]"), text);
        assertTrue(text.contains("test scored once, after the choice"), text);
        java.util.List<String> rows = Files.readAllLines(trials);
        assertEquals("rank,valid_rmse,train_rmse,epochs_trained,layers,dropout,learning_rate,weight_decay,batch_size,"
                + "epochs", rows.get(0));
        assertEquals(3, rows.size());
        String[] first = rows.get(1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertEquals("1", first[0]);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%12.4f", Double.parseDouble(first[1]))),
                "the best trial's validation score " + first[1] + " in:\n" + text);

        String bestTest = text.substring(text.indexOf("| test ") + 7).split(" ")[0];
        out.getBuffer().setLength(0);
        Path metrics = dir.resolve("eval.json");
        assertEquals(0, run("evaluate", "--model", best.toString(), "--dataset", "delaney", "--metrics-out",
                metrics.toString(), "--quiet"), err.toString());
        JsonNode json = new ObjectMapper().readTree(metrics.toFile());
        assertEquals(Double.parseDouble(bestTest), json.path("test").path("rmse").asDouble(), 1e-4,
                "the saved best model scores on the test split what hyperopt reported");
        assertEquals(json.path("test").path("rmse").asDouble(), json.path("per_task").path("test")
                .path("measured log solubility in mols per litre").path("rmse").asDouble(), 1e-12, "one task");
    }

    /** train reports each task's test scores, in its text and in --metrics-out, beside the mean over tasks. */
    @Test
    void trainReportsEveryTasksScores() throws Exception {
        Path metrics = dir.resolve("tox21.json");
        assertEquals(0, run("train", "--dataset", "tox21", "--epochs", "1", "--layers", "32", "--metrics-out",
                metrics.toString(), "--quiet"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("test split by task:") && text.contains("SR-p53") && text.contains("mean"), text);
        JsonNode json = new ObjectMapper().readTree(metrics.toFile());
        double sum = 0;
        for (String task : java.util.List.of("NR-AR", "NR-AR-LBD", "NR-AhR", "NR-Aromatase", "NR-ER", "NR-ER-LBD",
                "NR-PPAR-gamma", "SR-ARE", "SR-ATAD5", "SR-HSE", "SR-MMP", "SR-p53")) {
            sum += json.path("per_task").path("test").path(task).path("roc_auc").asDouble();
        }
        assertEquals(json.path("test").path("roc_auc").asDouble(), sum / 12, 1e-9, "the mean is the tasks' mean");
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

    /** A subset of RDKit's descriptors by name, in the order asked; an unknown name is one line with the closest names. */
    @Test
    void featurizeComputesTheDescriptorsAskedForByName() throws Exception {
        Path input = Files.writeString(dir.resolve("mols.csv"), "smiles\nCCO\nC[Fe]\n");
        Path out = dir.resolve("some.csv");
        assertEquals(0, run("featurize", "--input", input.toString(), "--featurizer", "descriptors",
                "--descriptors", "TPSA,qed,MaxPartialCharge", "--output", out.toString(), "--quiet"), err.toString());
        // native RDKit 2022.09: ethanol TPSA 20.23, qed 0.40680796, Gasteiger charges 0.04022058 at most;
        // iron has no Gasteiger parameters, so RDKit's MaxPartialCharge is NaN and the row is kept
        assertEquals(java.util.List.of("row,smiles,TPSA,qed,MaxPartialCharge", "0,CCO,20.23,0.40680796,0.04022058",
                "1,C[Fe],0,0.36620593,NaN"), Files.readAllLines(out));
        err.getBuffer().setLength(0);
        assertEquals(2, run("featurize", "--input", input.toString(), "--featurizer", "descriptors",
                "--descriptors", "TPAS", "--output", dir.resolve("none.csv").toString(), "--quiet"));
        assertEquals("chemdl featurize: unknown descriptor 'TPAS'; did you mean TPSA?", err.toString().strip());
    }

    @Test
    void featurizeReportsAMissingSmilesColumnInOneLineWithExitTwo() throws Exception {
        Path input = Files.writeString(dir.resolve("mols.csv"), "name,mol\na,CCO\n");
        assertEquals(2, run("featurize", "--input", input.toString(), "--output", dir.resolve("o.csv").toString()));
        assertTrue(err.toString().contains("no column 'smiles'"), err.toString());
        assertTrue(!err.toString().contains("at io.chemdl4j"), "no stack trace without --verbose");
    }

    /** A chemically impossible molecule is an error row saying why, unless the check is turned off. */
    @Test
    void featurizeRefusesImpossibleValencesUnlessToldNotTo() throws Exception {
        Path input = Files.writeString(dir.resolve("mols.csv"), "id,smiles\na,CCO\nb,C(C)(C)(C)(C)C\n");
        Path out = dir.resolve("f.csv");
        Path errors = dir.resolve("e.csv");
        assertEquals(0, run("featurize", "--input", input.toString(), "--output", out.toString(), "--errors",
                errors.toString(), "--format", "onbits", "--quiet"));
        assertEquals(java.util.List.of("row,smiles,reason", "1,C(C)(C)(C)(C)C,C with valence 5 (atom 1); at most 4 is "
                + "permitted"), Files.readAllLines(errors));
        assertEquals("row,smiles,id,onbits", Files.readAllLines(out).get(0), "the id column is kept");
        assertEquals(0, run("featurize", "--input", input.toString(), "--output", out.toString(), "--errors",
                errors.toString(), "--no-valence-check", "--quiet"));
        assertEquals(3, Files.readAllLines(out).size());
    }

    /** A split saved by one run is reused by another: the same parts, so the same test score; sizes can be chosen. */
    @Test
    void aSavedSplitIsReusedAndSplitSizesAreChosen() throws Exception {
        Path splits = dir.resolve("splits.csv");
        Path first = dir.resolve("first.json");
        assertEquals(0, run("train", "--dataset", "delaney", "--epochs", "2", "--layers", "32", "--seed", "3",
                "--split-sizes", "0.7,0.15,0.15", "--save-splits", splits.toString(), "--metrics-out",
                first.toString(), "--quiet"), err.toString());
        java.util.List<String> lines = Files.readAllLines(splits);
        assertEquals("row,id,split", lines.get(0));
        assertEquals(1128, lines.size() - 1);
        // DeepChem cuts at int((0.7 + 0.15) * 1128) = int(958.79...) = 958: 170 test molecules.
        assertEquals(170, lines.stream().filter(l -> l.endsWith(",test")).count());
        Path second = dir.resolve("second.json");
        assertEquals(0, run("train", "--dataset", "delaney", "--epochs", "2", "--layers", "32", "--seed", "3",
                "--split-file", splits.toString(), "--metrics-out", second.toString(), "--quiet"), err.toString());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(first.toFile()).path("test"), json.readTree(second.toFile()).path("test"));

        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--split-sizes", "0.8,0.1"));
        assertTrue(err.toString().contains("give three fractions"), err.toString());
        Files.writeString(splits, "row,split\n0,training\n");
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--split-file", splits.toString(),
                "--quiet"));
        assertTrue(err.toString().contains("line 2: split is 'training', not one of [train, valid, test]"),
                err.toString());
    }

    /** train --folds K cross-validates: a line per fold, mean ± sd, JSON with every fold; conflicts refused first. */
    @Test
    void trainCrossValidatesWithFolds() throws Exception {
        Path metrics = dir.resolve("cv.json");
        assertEquals(0, run("train", "--dataset", "delaney", "--folds", "3", "--epochs", "2", "--layers", "32",
                "--metrics-out", metrics.toString(), "--quiet"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("3-fold cross-validation (each molecule tested once)") && text.contains(" ± "), text);
        JsonNode json = new ObjectMapper().readTree(metrics.toFile());
        assertEquals(3, json.path("folds").size());
        double mean = 0;
        for (JsonNode fold : json.path("folds")) {
            mean += fold.path("test").path("rmse").asDouble() / 3;
        }
        assertEquals(mean, json.path("mean").path("test").path("rmse").asDouble(), 1e-12);
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--folds", "3", "--save-model",
                dir.resolve("m").toString()));
        assertTrue(err.toString().contains("--folds trains one model per fold"), err.toString());
    }
}
