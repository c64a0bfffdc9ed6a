package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.StreamingPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chemdl predict}: a saved model over a file of molecules of any size. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict every molecule of a file with a saved model, streaming (constant memory, any size) "
                + "on every core. Writes row,smiles, the input's own columns (see --keep-columns), then <task...>: "
                + "probabilities of the positive class for classifiers, original units for regressors, the most "
                + "probable class for multiclass models followed by <task>_p<class> per class; with "
                + "--uncertainty also <value>_mean and <value>_std (Monte-Carlo dropout or ensemble) for every "
                + "predicted value. Rows that cannot be read are "
                + "left out and listed in --errors."},
        footer = {"", "Examples:",
                "  chemdl predict --model tox21-model --input library.smi \\",
                "      --output predictions.csv --errors failed.csv",
                "  chemdl predict --model solubility-model --input solubility.csv \\",
                "      --smiles-column smiles --output solubility-predictions.csv \\",
                "      --uncertainty 20"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model directory written by chemdl train --save-model.")
    Path model;

    @Option(names = "--input", required = true, description = "Molecules: CSV/TSV with a SMILES column, .smi or SDF "
            + "(optionally .gz).")
    Path input;

    @Option(names = "--smiles-column", defaultValue = "smiles", description = "SMILES column of a CSV/TSV input "
            + "(default smiles).")
    String smilesColumn;

    @picocli.CommandLine.Mixin
    StagedOutputOptions staged;

    @Option(names = "--errors", description = "CSV listing the rows that could not be predicted: row,smiles,reason.")
    Path errors;

    @Option(names = "--uncertainty", arity = "0..1", fallbackValue = "30", description = "Add <value>_mean and "
            + "<value>_std columns for every predicted value (<task>, or <task>_p<class> for a multiclass model): the "
            + "mean and spread of N Monte-Carlo dropout samples (default N 30), beside the plain prediction. The model must have been trained with dropout, or be an ensemble (its members' "
            + "mean and spread).")
    Integer uncertainty;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the dropout masks (default 0).")
    long seed;

    @Option(names = "--threads", description = "Featurization threads (default: every core).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    MoleculeInputOptions reading;

    @Override
    public Integer call() throws Exception {
        StreamingPredictor.Options options = StreamingPredictor.Options.defaults().withSmilesColumn(smilesColumn)
                .withUncertainty(uncertainty == null ? 0 : uncertainty, seed).withLimits(reading.limits())
                .withKeep(reading.passThrough());
        if (reading.encoding != null) {
            options = options.withEncoding(reading.encoding);
        }
        if (threads != null) {
            options = options.withThreads(threads);
        }
        StreamingPredictor predictor = new StreamingPredictor(ModelIO.load(model), options);
        long start = System.nanoTime();
        StreamingPredictor.Summary summary;
        try (Progress.FileBar bar = Progress.fileBar("predict", quiet)) {
            summary = predictor.run(input, staged.output, errors, bar, staged.resume);
            bar.finish();
        } catch (InputFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getErr().printf("predicted %d of %d rows (%d failed%s) in %.1f s, %.0f molecules/s -> %s%n",
                summary.predicted(), summary.rows(), summary.failed(),
                errors == null ? (summary.failed() > 0 ? "; list them with --errors" : "") : ", listed in " + errors,
                seconds, summary.rows() / Math.max(seconds, 1e-9), staged.output);
        if (summary.damage() != null) {
            spec.commandLine().getErr().println("chemdl predict: " + summary.damage());
        }
        spec.commandLine().getErr().flush();
        return summary.damage() == null ? 0 : 2;
    }
}
