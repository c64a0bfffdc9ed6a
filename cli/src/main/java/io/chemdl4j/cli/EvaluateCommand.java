package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.ModelEvaluation;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.load.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chemdl evaluate}: scores a saved model on a catalog dataset's split or on the user's labelled file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a saved model on labelled molecules: a catalog dataset (its test split by default, "
                + "split as chemdl train splits it, so the same --split, --split-sizes and --seed, or the same "
                + "--split-file, give back the training run's test split) or your own file whose label columns are "
                + "named as the model's tasks (all rows by default). Prints each task's scores in original units, and "
                + "for a model with a calibration (see the calibrate verb) how it holds: interval coverage and width, "
                + "spread metrics or calibration errors, and the error inside and outside the applicability domain."},
        footer = {"", "Examples:",
                "  chemdl evaluate --model tox21-model --dataset tox21 --subset test \\",
                "      --plots tox21-eval",
                "  chemdl evaluate --model solubility-model --input solubility.csv \\",
                "      --smiles-column smiles"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--model", required = true, description = "Model directory written by chemdl train --save-model.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LabelledDataOptions data;

    @Option(names = "--subset", description = "train, valid, test or all (default: test for a dataset, all for a file).")
    String subset;

    @Option(names = "--metrics-out", description = "Write the scores as JSON to this file: the mean over tasks and "
            + "each task's, as train --metrics-out writes them.")
    Path metricsOut;

    @Option(names = "--plots", description = "Write a ROC curve (classification) or parity plot (regression) per "
            + "task as PNG files to this directory, and for a calibrated classifier a reliability diagram per task.")
    Path plots;

    @picocli.CommandLine.Mixin
    PlotUnits units;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = ModelIO.load(model);
        DataSource source = data.source(saved);
        java.util.Map<String, String> plotUnits = units.byTask(saved.model().taskType(), saved.model().tasks());
        ModelEvaluation.Subset which = subset != null ? Converters.subset(subset)
                : data.dataset != null ? ModelEvaluation.Subset.TEST : ModelEvaluation.Subset.ALL;
        ModelEvaluation.Result result;
        try (Progress.FileBar bar = Progress.fileBar("featurize " + source.name(), run.quiet)) {
            result = ModelEvaluation.evaluate(saved, new DataRequest(source, saved.featurizer(), run.split, run.seed,
                    run.fractions(), run.dataDir, run.splitFile, run.saveSplits), which, bar);
            bar.finish();
        }
        var out = spec.commandLine().getOut();
        out.println(result.text());
        if (plots != null) {
            out.println("plots: " + result.writePlots(plots, plotUnits).size() + " PNG files in " + plots);
        }
        if (metricsOut != null) {
            io.chemdl4j.models.metrics.ScoresJson.write(java.util.Map.of(which.id(), result.scores()), metricsOut);
        }
        out.flush();
        return 0;
    }
}
