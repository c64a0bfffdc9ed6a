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
                + "--uncertainty also <value>_mean and <value>_std (Monte-Carlo dropout, ensemble or mean-variance head) for every "
                + "predicted value; for a calibrated model (see the calibrate verb), with --coverage <task>_lower and "
                + "<task>_upper (split-conformal interval), with --calibrated <task>_calibrated (calibrated "
                + "probability) and with --domain domain_nearest, domain_similarity and in_domain (applicability "
                + "domain). Rows that cannot be read are left out and listed in --errors."},
        footer = {"", "Examples:",
                "  chemdl predict --model tox21-model --input library.smi \\",
                "      --output predictions.csv --errors failed.csv",
                "  chemdl predict --model solubility-model --input solubility.csv \\",
                "      --smiles-column smiles --output solubility-predictions.csv \\",
                "      --uncertainty 20",
                "  chemdl predict --model delaney-dmpnn --input library.smi \\",
                "      --output intervals.csv --coverage 0.9 --domain",
                "  chemdl predict --model tox21-model --input library.smi --output tox21.csv \\",
                "      --calibrated --explain tox21-explained --explain-task SR-ARE --explain-max 50"})
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
            + "mean and spread of N Monte-Carlo dropout samples (default N 30), beside the plain prediction. The model "
            + "must have been trained with dropout, be an ensemble (its members' mean and spread), or have a "
            + "mean-variance head (train --head mean-variance: its own spread).")
    Integer uncertainty;

    @Option(names = "--coverage", description = "Add <task>_lower and <task>_upper: the model's split-conformal "
            + "interval holding the true value with this probability, e.g. 0.9 (regressors with a calibration: see the "
            + "calibrate verb).")
    Double coverage;

    @Option(names = "--calibrated", description = "Add <task>_calibrated: the probability of class 1 after the "
            + "model's calibration (classifiers with a calibration: see the calibrate verb).")
    boolean calibrated;

    @Option(names = "--domain", description = "Add domain_nearest and domain_similarity (Tanimoto similarity of the "
            + "nearest training molecule and mean of the nearest few) and in_domain (true where that mean reaches "
            + "the threshold the calibration split set) (models with a calibration: see the calibrate verb).")
    boolean domain;

    @Option(names = "--explain", description = "Also explain the first molecules (see --explain-max): write each "
            + "atom's contribution to the prediction of --explain-task into contributions.csv in this directory, and "
            + "a similarity map <row>-<task>.png per molecule (red atoms raise it, blue lower it). Models on ECFP or "
            + "FCFP fingerprints (multitask, random_forest: bit occlusion) and graph models (dmpnn, graphconv: "
            + "gradient x input; for classifiers in log-odds).")
    Path explain;

    @Option(names = "--explain-task", description = "Task explained by --explain (default: the model's first).")
    String explainTask;

    @Option(names = "--explain-max", defaultValue = "1000", description = "Molecules explained by --explain, from the "
            + "first row (default 1000).")
    int explainMax;

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
                .withKeep(reading.passThrough())
                .withReliability(new StreamingPredictor.ReliabilityColumns(coverage == null ? 0 : coverage, calibrated,
                        domain));
        if (reading.encoding != null) {
            options = options.withEncoding(reading.encoding);
        }
        if (threads != null) {
            options = options.withThreads(threads);
        }
        io.chemdl4j.models.predict.SavedModel saved = ModelIO.load(model);
        StreamingPredictor predictor = new StreamingPredictor(saved, options);
        io.chemdl4j.models.explain.Explainer explainer = explain == null ? null
                : io.chemdl4j.models.explain.Explainer.of(saved); // refuses a model it cannot explain, now
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
        if (explainer != null) {
            long explainStart = System.nanoTime();
            io.chemdl4j.models.explain.Explanations.Summary explained;
            try {
                explained = io.chemdl4j.models.explain.Explanations.explainFile(saved, input, smilesColumn,
                        options.encoding(), explainTask != null ? explainTask : saved.model().tasks().get(0), explainMax,
                        explain);
            } catch (InputFileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            spec.commandLine().getErr().printf("explained %d molecules (%d skipped) in %.1f s -> %s%n",
                    explained.explained(), explained.skipped(), (System.nanoTime() - explainStart) / 1e9, explain);
        }
        if (summary.damage() != null) {
            spec.commandLine().getErr().println("chemdl predict: " + summary.damage());
        }
        spec.commandLine().getErr().flush();
        return summary.damage() == null ? 0 : 2;
    }
}
