package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.experiment.HyperparameterSearch;
import io.chemdl4j.models.experiment.HyperparameterSpace;
import io.chemdl4j.models.experiment.SearchReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chemdl hyperopt}: grid or random search scored on the validation split, printed as a ranked table. */
@Command(name = "hyperopt", mixinStandardHelpOptions = true,
        description = {"Search hyperparameters (layer sizes, dropout, learning rate, weight decay; optionally batch "
                + "size and epochs) on the validation split and print the ranked trials. The test split is scored "
                + "once, for the best trial, after the choice."},
        footer = {"", "Examples:",
                "  chemdl hyperopt --dataset delaney --model multitask --trials 4 --epochs 20",
                "  chemdl hyperopt --dataset delaney --strategy grid --layers 64 \\",
                "      --layers 256,128 --learning-rates 0.001,0.003 --epochs 20"})
final class HyperoptCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TrainCommand.Data data;

    @Option(names = "--model", defaultValue = ExperimentConfig.DEFAULT_MODEL, converter = Converters.Model.class,
            completionCandidates = Converters.ModelNames.class,
            description = "Model kind with hyperparameters to search: multitask (default), graphconv or "
                    + "dmpnn.")
    ModelKind<?> model;

    @picocli.CommandLine.Mixin
    FeaturizerOptions features;

    @Option(names = "--trials", defaultValue = "10", description = "Most trials (default 10).")
    int trials;

    @Option(names = "--strategy", defaultValue = "random", description = "random (default: distinct points drawn "
            + "with --seed) or grid (every point in order, up to --trials).")
    HyperparameterSearch.Strategy strategy;

    @Option(names = "--layers", split = ";", description = "Layer sizes to try, each comma-separated, the choices "
            + "separated by ';' or given as repeated options (default 1000;1000,500 for multitask, 64,64;128,128 "
            + "for graphconv, 300;600 for dmpnn).")
    List<String> layers;

    @Option(names = "--dropouts", split = ",", description = "Dropout values to try (default 0,0.25).")
    List<Double> dropouts;

    @Option(names = "--learning-rates", split = ",", description = "Learning rates to try (default 0.0003,0.001,0.003).")
    List<Double> learningRates;

    @Option(names = "--weight-decays", split = ",", description = "Weight decays to try (default 0,0.00001).")
    List<Double> weightDecays;

    @Option(names = "--batch-sizes", split = ",", description = "Batch sizes to try (default: 100 only).")
    List<Integer> batchSizes;

    @Option(names = "--epochs", split = ",", description = "Epoch counts to try (default: the model's default only).")
    List<Integer> epochs;

    @Option(names = "--early-stopping", description = "Each trial stops after --patience epochs without a better "
            + "validation score and keeps its best epoch.")
    boolean earlyStopping;

    @Option(names = "--patience", defaultValue = "10", description = "Epochs without improvement (default 10).")
    int patience;

    @Option(names = "--save-model", description = "Save the best trial's model to this directory, as train "
            + "--save-model does.")
    Path saveModel;

    @Option(names = "--trials-out", description = "Write the ranked trials to this CSV: rank, validation and training "
            + "scores, epochs, and each hyperparameter.")
    Path trialsOut;

    @Override
    public Integer call() throws java.io.IOException {
        HyperparameterSpace defaults = HyperparameterSpace.defaults(model);
        HyperparameterSpace space = new HyperparameterSpace(
                layers == null ? defaults.layerSizes() : layers.stream().map(HyperoptCommand::sizes).toList(),
                dropouts == null ? defaults.dropout() : dropouts,
                learningRates == null ? defaults.learningRate() : learningRates,
                weightDecays == null ? defaults.weightDecay() : weightDecays,
                batchSizes == null ? defaults.batchSize() : batchSizes,
                epochs == null ? defaults.epochs() : epochs);
        ExperimentConfig base = ExperimentConfig.defaults(data.source(), run.seed).toBuilder()
                .model(model)
                .featurizer(features.spec(model))
                .patience(earlyStopping ? patience : 0)
                .splitter(run.split)
                .fractions(run.fractions())
                .splitFile(run.splitFile)
                .splitsOut(run.saveSplits)
                .dataDirectory(run.dataDir)
                .build();
        HyperparameterSearch.Result result;
        try (Progress.FileBar bar = Progress.fileBar("featurize " + base.source().name(), run.quiet)) {
            result = HyperparameterSearch.run(base, space, strategy, trials, bar);
            bar.finish();
        }
        var out = spec.commandLine().getOut();
        out.println(SearchReport.text(base, result));
        if (trialsOut != null) {
            SearchReport.writeTrials(result, trialsOut);
            out.println("trials written to " + trialsOut);
        }
        if (saveModel != null) {
            result.saver().save(saveModel);
            out.println("best model saved to " + saveModel);
        }
        return 0;
    }

    private static List<Integer> sizes(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
