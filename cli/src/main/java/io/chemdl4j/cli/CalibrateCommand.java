package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.models.reliability.Calibrator;
import io.chemdl4j.models.reliability.ProbabilityCalibration;
import io.chemdl4j.models.reliability.Reliability;
import io.chemdl4j.models.reliability.ReliabilityIO;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chemdl calibrate}: fits a saved model's calibration and applicability domain on its validation split. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit a saved model's calibration on the validation split of the data it was trained on (give "
                + "the same --dataset or --input, --split, --split-sizes and --seed as the training run, or the same "
                + "--split-file): split-conformal intervals for regressors (scaled by the model's spread when it is an "
                + "ensemble or has a mean-variance or evidential head, or with --uncertainty), Platt scaling or isotonic regression for classifiers, and the "
                + "applicability domain of its training molecules. Saved as reliability.json in the model directory; "
                + "predict --coverage, --calibrated and --domain apply it, and evaluate reports how it holds."},
        footer = {"", "Examples:",
                "  chemdl calibrate --model delaney-dmpnn --dataset delaney --seed 0",
                "  chemdl calibrate --model tox21-model --dataset tox21 --method isotonic",
                "  chemdl calibrate --model solubility-model --input solubility.csv \\",
                "      --smiles-column smiles --split scaffold"})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--model", required = true, description = "Model directory written by chemdl train --save-model.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LabelledDataOptions data;

    @Option(names = "--calibration-file", description = "Calibrate on every molecule of this labelled file (CSV/TSV, "
            + "SDF or .smi, optionally .gz; SMILES in --smiles-column, a column per model task), held out from "
            + "training, instead of the validation split. The applicability domain still indexes the training split.")
    Path calibrationFile;

    @Option(names = "--method", converter = Converters.Calibration.class, description = "How classifiers' "
            + "probabilities are calibrated: platt or isotonic (default: "
            + "the library's, platt).")
    ProbabilityCalibration.Method method;

    @Option(names = "--uncertainty", description = "For a network trained with dropout: scale the intervals by the "
            + "spread of N Monte-Carlo dropout samples (predict then samples N per molecule). An ensemble's intervals "
            + "always scale with its members' spread.")
    Integer dropoutSamples;

    @Option(names = "--neighbours", description = "Nearest training molecules whose mean Tanimoto similarity places a "
            + "molecule in or out of the applicability domain (default 5).")
    Integer neighbours;

    @Option(names = "--domain-quantile", description = "Fraction of the calibration split left outside the "
            + "applicability domain: its threshold (default 0.05).")
    Double domainQuantile;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = ModelIO.load(model);
        DataSource source = data.source(saved); // the data it was trained on
        Calibrator.Options options = Calibrator.Options.defaults();
        if (method != null) {
            options = options.withMethod(method);
        }
        if (dropoutSamples != null) {
            options = options.withDropout(dropoutSamples, run.seed);
        }
        if (neighbours != null || domainQuantile != null) {
            options = options.withDomain(neighbours != null ? neighbours : options.neighbours(),
                    domainQuantile != null ? domainQuantile : options.domainQuantile());
        }
        Reliability reliability;
        try (Progress.FileBar bar = Progress.fileBar("featurize " + source.name(), run.quiet)) {
            DataSource held = calibrationFile == null ? null : new DataSource.File(calibrationFile, new ColumnSpec(
                    data.smilesColumn(), saved.model().tasks(), null),
                    saved.model().taskType());
            reliability = Calibrator.fit(saved, new DataRequest(source, saved.featurizer(), run.split, run.seed,
                    run.fractions(), run.dataDir, run.splitFile, run.saveSplits), held, options, bar);
            bar.finish();
        }
        ReliabilityIO.write(model, reliability);
        var out = spec.commandLine().getOut();
        out.println(summary(reliability));
        out.println("calibration saved to " + model.resolve(ReliabilityIO.FILE));
        out.flush();
        return 0;
    }

    /** What was fitted, in a few lines. */
    static String summary(Reliability r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s | %s | %d calibration molecules, %d training molecules in the domain%n",
                r.provenance().source(), r.provenance().split(), r.provenance().calibrationSize(),
                r.provenance().trainingSize()));
        for (int t = 0; t < r.tasks().size(); t++) {
            if (!r.intervals().isEmpty()) {
                var c = r.intervals().get(t);
                sb.append(String.format(Locale.ROOT, "%s: conformal half-width %.3f at 80%%, %.3f at 90%%%s%n",
                        r.tasks().get(t), c.quantile(0.8), c.quantile(0.9),
                        c.normalized() ? " spreads (" + r.spread().kind().name().toLowerCase(Locale.ROOT) + ")" : ""));
            } else {
                sb.append(String.format(Locale.ROOT, "%s: %s%n", r.tasks().get(t), r.probabilities().get(t)));
            }
        }
        sb.append(String.format(Locale.ROOT, "applicability domain: mean Tanimoto of %d nearest on %s at least %.3f",
                r.domain().neighbours(), r.domain().fingerprint(), r.domain().threshold()));
        return sb.toString();
    }
}
