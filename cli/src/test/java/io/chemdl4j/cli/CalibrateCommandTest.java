package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.reliability.ReliabilityIO;
import picocli.CommandLine;

/** {@code chemdl calibrate}, and what {@code predict} and {@code evaluate} do with its calibration. */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = ChemDl.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void aCalibratedRegressorPredictsIntervalsAndItsDomainAndEvaluateReportsTheirCoverage() throws Exception {
        Path model = dir.resolve("delaney-model");
        assertEquals(0, run("train", "--dataset", "delaney", "--seed", "2", "--epochs", "10", "--layers", "64",
                "--ensemble", "3", "--save-model", model.toString(), "--quiet"), err.toString());
        // without a calibration, the columns that need one are refused before anything is read
        Path smi = dir.resolve("in.smi");
        // a Delaney molecule, a noble gas nothing in Delaney resembles, and a broken SMILES
        Files.write(smi, List.of("OCC2OC(OC1(CO)OC(CO)C(O)C1O)C(O)C(O)C2O sucrose", "[Xe] xenon", "C1CC broken"));
        Path predictions = dir.resolve("pred.csv");
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("predict", "--model", model.toString(), "--input", smi.toString(),
                "--output", predictions.toString(), "--domain", "--quiet"));
        assertTrue(err.toString().contains("no calibration: run chemdl calibrate on it first"), err.toString());

        assertEquals(0, run("calibrate", "--model", model.toString(), "--dataset", "delaney", "--seed", "2", "--quiet"),
                err.toString());
        assertTrue(out.toString().contains("113 calibration molecules, 902 training molecules"), out.toString());
        assertTrue(out.toString().contains("spreads (ensemble)"), out.toString());
        assertTrue(Files.isRegularFile(model.resolve(ReliabilityIO.FILE)));

        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                predictions.toString(), "--coverage", "0.9", "--domain", "--keep-columns", "none", "--quiet"),
                err.toString());
        List<String> lines = Files.readAllLines(predictions);
        String task = "measured log solubility in mols per litre";
        assertEquals("row,smiles," + task + "," + task + "_lower," + task + "_upper,domain_nearest,domain_similarity,"
                + "in_domain", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        String[] sucrose = lines.get(1).split(",");
        double value = Double.parseDouble(sucrose[2]);
        assertTrue(Double.parseDouble(sucrose[3]) < value && value < Double.parseDouble(sucrose[4]), lines.get(1));
        assertEquals(1.0, Double.parseDouble(sucrose[5]), 1e-6, "sucrose is a training or test molecule of Delaney");
        String[] xenon = lines.get(2).split(",");
        assertEquals("false", xenon[7], "xenon resembles nothing in Delaney: " + lines.get(2));
        // an ensemble's intervals scale with its members' spread: different molecules, different widths
        double width1 = Double.parseDouble(sucrose[4]) - Double.parseDouble(sucrose[3]);
        double width2 = Double.parseDouble(xenon[4]) - Double.parseDouble(xenon[3]);
        assertTrue(Math.abs(width1 - width2) > 1e-6, width1 + " " + width2);

        assertEquals(0, run("evaluate", "--model", model.toString(), "--dataset", "delaney", "--seed", "2", "--quiet"));
        assertTrue(out.toString().contains("calibration (test):") && out.toString().contains("coverage@90%")
                && out.toString().contains("applicability domain: "), out.toString());

        assertEquals(ChemDl.EXIT_BAD_INPUT, run("predict", "--model", model.toString(), "--input", smi.toString(),
                "--output", predictions.toString(), "--calibrated", "--quiet"));
        assertTrue(err.toString().contains("--calibrated calibrates classifiers' probabilities"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("predict", "--model", model.toString(), "--input", smi.toString(),
                "--output", predictions.toString(), "--coverage", "1.5", "--quiet"));
        assertTrue(err.toString().contains("coverage must lie strictly between 0 and 1"), err.toString());
        // training the model again replaces its directory, and the calibration of the old one goes with it
        assertEquals(0, run("train", "--dataset", "delaney", "--epochs", "1", "--layers", "16", "--save-model",
                model.toString(), "--quiet"));
        assertTrue(Files.notExists(model.resolve(ReliabilityIO.FILE)));
    }

    @Test
    void aMeanVarianceHeadPredictsItsOwnSpreadWhichScalesTheIntervals() throws Exception {
        Path model = dir.resolve("mve-model");
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--head", "mean-variance", "--epochs",
                "1"));
        assertTrue(err.toString().contains("this model has no mean-variance head"), err.toString());
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("train", "--dataset", "delaney", "--model", "dmpnn", "--head", "gauss"));
        assertTrue(err.toString().contains("unknown regression head 'gauss'; use value, mean-variance, evidential"),
                err.toString());
        assertEquals(0, run("train", "--dataset", "delaney", "--model", "dmpnn", "--head", "mean-variance", "--epochs", "5",
                "--layers", "64", "--save-model", model.toString(), "--quiet"), err.toString());
        var loaded = io.chemdl4j.models.io.ModelIO.load(model);
        assertEquals(io.chemdl4j.models.RegressionHead.MEAN_VARIANCE,
                ((io.chemdl4j.models.dmpnn.DmpnnModel) loaded.model()).config().head(), "saved and loaded");
        assertEquals(0, run("calibrate", "--model", model.toString(), "--dataset", "delaney", "--quiet"), err.toString());
        assertTrue(out.toString().contains("spreads (predicted)"), out.toString());
        Path smi = dir.resolve("in.smi");
        Files.write(smi, List.of("CCO", "c1ccccc1O", "CCCCCCCCCCCCCCCCCC(=O)O", "ClC(Cl)(Cl)Cl"));
        Path predictions = dir.resolve("pred.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                predictions.toString(), "--uncertainty", "--coverage", "0.8", "--keep-columns", "none", "--quiet"),
                err.toString());
        List<String> lines = Files.readAllLines(predictions);
        String task = "measured log solubility in mols per litre";
        assertEquals("row,smiles," + task + "," + task + "_mean," + task + "_std," + task + "_lower," + task + "_upper",
                lines.get(0));
        java.util.Set<String> spreads = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            assertEquals(c[2], c[3], "without dropout, the mean is the prediction");
            double std = Double.parseDouble(c[4]);
            double half = (Double.parseDouble(c[6]) - Double.parseDouble(c[5])) / 2;
            // normalized conformal: every interval is the same multiple of the molecule's own spread
            assertEquals(half / std, (Double.parseDouble(lines.get(1).split(",")[6])
                    - Double.parseDouble(lines.get(1).split(",")[5])) / 2 / Double.parseDouble(lines.get(1).split(",")[4]),
                    1e-3 * half / std);
            spreads.add(c[4]);
        }
        assertEquals(4, spreads.size(), "each molecule its own spread: " + lines);
        // a D-MPNN's atoms are explained by gradient x input
        Path why = dir.resolve("why");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", smi.toString(), "--output",
                dir.resolve("x.csv").toString(), "--explain", why.toString(), "--quiet"), err.toString());
        assertTrue(err.toString().contains("explained 4 molecules (0 skipped)"), err.toString());
        List<String> atoms = Files.readAllLines(why.resolve("contributions.csv"));
        assertEquals(1 + 3 + 7 + 20 + 5, atoms.size(), "one line per atom: " + atoms);
    }

    @Test
    void aCalibratedClassifierPredictsCalibratedProbabilitiesInTheModelsOrder() throws Exception {
        StringBuilder csv = ChemDlTest.delaneyAs("name,smiles,soluble", (smiles, logS) -> smiles + "," + (logS > -3 ? 1 : 0));
        Path file = dir.resolve("assay.csv");
        Files.writeString(file, csv);
        Path model = dir.resolve("assay-model");
        assertEquals(0, run("train", "--csv", file.toString(), "--tasks", "soluble", "--task-type", "classification",
                "--split", "scaffold", "--epochs", "10", "--layers", "64", "--save-model", model.toString(), "--quiet"),
                err.toString());
        assertEquals(0, run("calibrate", "--model", model.toString(), "--input", file.toString(), "--split", "scaffold",
                "--method", "isotonic", "--quiet"), err.toString());
        assertTrue(out.toString().contains("soluble: IsotonicCalibration["), out.toString());
        // or on a file of held-out molecules: here the first 200 of the same file
        Path held = dir.resolve("held.csv");
        Files.write(held, Files.readAllLines(file).subList(0, 201));
        assertEquals(0, run("calibrate", "--model", model.toString(), "--input", file.toString(), "--split", "scaffold",
                "--calibration-file", held.toString(), "--method", "isotonic", "--quiet"), err.toString());
        assertTrue(out.toString().contains("calibrated on held | 200 calibration molecules"), out.toString());
        Path predictions = dir.resolve("pred.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", file.toString(), "--output",
                predictions.toString(), "--calibrated", "--domain", "--keep-columns", "none", "--quiet"), err.toString());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("row,smiles,soluble,soluble_calibrated,domain_nearest,domain_similarity,in_domain", lines.get(0));
        // isotonic calibration never reverses the order of two probabilities
        List<double[]> pairs = lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .map(c -> new double[] {Double.parseDouble(c[2]), Double.parseDouble(c[3])})
                .sorted((a, b) -> Double.compare(a[0], b[0])).toList();
        for (int i = 1; i < pairs.size(); i++) {
            assertTrue(pairs.get(i)[1] >= pairs.get(i - 1)[1], "calibrated probabilities out of order");
            assertTrue(pairs.get(i)[1] >= 0 && pairs.get(i)[1] <= 1);
        }
        assertEquals(ChemDl.EXIT_BAD_INPUT, run("predict", "--model", model.toString(), "--input", file.toString(),
                "--output", predictions.toString(), "--coverage", "0.9", "--quiet"));
        assertTrue(err.toString().contains("--coverage gives intervals for regressors"), err.toString());
        Path why = dir.resolve("why");
        assertEquals(0, run("predict", "--model", model.toString(), "--input", file.toString(), "--output",
                predictions.toString(), "--explain", why.toString(), "--explain-max", "3", "--quiet"), err.toString());
        assertTrue(err.toString().contains("explained 3 molecules (0 skipped)"), err.toString());
        assertTrue(Files.isRegularFile(why.resolve("0-soluble.png")) && Files.isRegularFile(why.resolve("2-soluble.png")));
        List<String> contributions = Files.readAllLines(why.resolve("contributions.csv"));
        assertTrue(contributions.size() > 3 && contributions.get(1).startsWith("0,"), contributions.toString());
        Path plots = dir.resolve("plots");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--input", file.toString(), "--plots",
                plots.toString(), "--quiet"), err.toString());
        assertTrue(out.toString().contains("brier_cal") && out.toString().contains("ece_cal"), out.toString());
        assertTrue(Files.isRegularFile(plots.resolve("reliability-soluble.png")));
    }
}
