package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.experiment.CrossValidation;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.experiment.ExperimentReport;
import io.chemdl4j.models.experiment.ExperimentResult;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chemdl train}: trains a model on a catalog dataset or a molecule file and reports train/valid/test scores. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a MoleculeNet dataset (--dataset) or on your own file (--input with "
                + "--tasks and --task-type) and print train/valid/test scores in the original units."},
        footer = {"", "Examples:",
                "  chemdl train --dataset tox21 --epochs 10 --save-model tox21-model \\",
                "      --plots tox21-plots",
                "  chemdl train --dataset delaney --model graphconv --early-stopping \\",
                "      --epochs 40 --seed 1 --metrics-out delaney.json",
                "  chemdl train --dataset delaney --model dmpnn --extra-features descriptors \\",
                "      --save-model delaney-dmpnn",
                "  chemdl train --input solubility.csv --smiles-column smiles \\",
                "      --tasks soluble --task-type classification --split scaffold \\",
                "      --save-model solubility-model"})
final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Data data;

    /** Exactly one of a catalog dataset or a file with its columns. */
    static final class Data {
        @Option(names = "--dataset", required = true, converter = Converters.Dataset.class,
                description = "Catalog dataset (see chemdl datasets), e.g. tox21, delaney, bbbp.")
        MolNetDataset dataset;

        @ArgGroup(exclusive = false)
        FileData file;

        DataSource source() {
            return dataset != null ? DataSource.of(dataset) : file.source();
        }

        /** The tasks to train, where known before reading the data (SIDER's come from its header). */
        List<String> tasks() {
            return dataset != null ? dataset.tasks() : file.tasks;
        }
    }

    /** The user's own file: CSV/TSV, SDF (properties as columns) or .smi, optionally gzipped. */
    static final class FileData {
        @Option(names = {"--input", "--csv"}, required = true,
                description = "Molecule file: CSV/TSV, SDF or .smi, optionally .gz.")
        Path input;

        @Option(names = "--smiles-column", defaultValue = "smiles",
                description = "Header of the SMILES column (default smiles; ignored for SDF).")
        String smilesColumn;

        @Option(names = "--tasks", required = true, split = ",",
                description = "Label columns, comma-separated; empty cells are missing labels.")
        List<String> tasks;

        @Option(names = "--task-type", required = true, converter = Converters.Task.class,
                description = "classification (0/1 labels), multiclass (classes 0, 1, …, K-1 in every task; "
                        + "scored by macro ROC-AUC and accuracy) or regression.")
        TaskType taskType;

        @Option(names = "--id-column", description = "Column of molecule ids (default: the SMILES).")
        String idColumn;

        DataSource source() {
            return new DataSource.File(input, new ColumnSpec(smilesColumn, tasks, idColumn), taskType);
        }
    }

    @Option(names = "--model", defaultValue = ExperimentConfig.DEFAULT_MODEL, converter = Converters.Model.class,
            completionCandidates = Converters.ModelNames.class,
            description = "Model kind: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). multitask is DeepChem's "
                    + "fingerprint network, graphconv its graph convolution network, dmpnn chemprop's directed "
                    + "message-passing network, random_forest 100 trees per task on the fingerprints (the baseline). "
                    + "Every kind saves with --save-model.")
    ModelKind<?> model;

    @Option(names = "--epochs", description = "Training epochs (default: at least 10 and at least 500 gradient "
            + "steps for multitask, 10 for tox21 and 50 for delaney; at least 30 and 1,500 steps for graphconv; 50 for "
            + "dmpnn, which keeps its best validation epoch).")
    Integer epochs;

    @picocli.CommandLine.Mixin
    FeaturizerOptions features;

    @picocli.CommandLine.Mixin
    NetworkOptions network;

    @Option(names = "--early-stopping", description = "Stop when the validation score (the dataset's metric) has "
            + "not improved for --patience epochs, and keep the best epoch's weights; --epochs is then the most "
            + "epochs (default: twice the usual).")
    boolean earlyStopping;

    @Option(names = "--patience", defaultValue = "10", description = "Epochs without improvement before early "
            + "stopping (default 10).")
    int patience;

    @Option(names = "--ensemble", defaultValue = "1", description = "Train N models with seeds seed..seed+N-1 and "
            + "score their mean prediction (default 1); --save-model saves them as one model, whose predict "
            + "--uncertainty gives the members' mean and spread.")
    int ensemble;

    @Option(names = "--folds", description = "k-fold cross-validation: K runs, each testing on one fold, validating "
            + "on the next and training on the rest (every molecule tested once), scores as mean ± sd over the folds; "
            + "--split, --split-sizes and --split-file do not apply.")
    Integer folds;

    @Option(names = "--metrics-out", description = "Write the scores as JSON to this file.")
    Path metricsOut;

    @Option(names = "--save-model", description = "Save the trained model to this directory.")
    Path saveModel;

    @Option(names = "--plots", description = "Write PNG charts to this directory: ROC curve per task (classification) "
            + "or measured-vs-predicted parity plot per task (regression), and training/validation curves per epoch.")
    Path plots;

    @picocli.CommandLine.Mixin
    PlotUnits units;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = ExperimentConfig.defaults(data.source(), run.seed).toBuilder()
                .model(model)
                .hyperparameters(network.hyperparameters())
                .featurizer(features.spec(model))
                .splitter(run.split)
                .fractions(run.fractions())
                .splitFile(run.splitFile)
                .splitsOut(run.saveSplits)
                .epochs(epochs != null ? OptionalInt.of(epochs) : OptionalInt.empty())
                .patience(earlyStopping ? patience : 0)
                .ensembleSize(ensemble)
                .dataDirectory(run.dataDir)
                .build();
        java.util.Map<String, String> plotUnits = units.byTask(config.source().taskType(), data.tasks());
        if (folds != null) {
            if (saveModel != null || plots != null || run.splitFile != null || run.splitSizes != null) {
                throw new IllegalArgumentException("--folds trains one model per fold; leave out --save-model, --plots, "
                        + "--split-file and --split-sizes");
            }
            CrossValidation.Result result;
            try (Progress.Run progress = new Progress.Run(config.source().name(), run.quiet)) {
                result = CrossValidation.run(config, folds, progress);
            }
            spec.commandLine().getOut().println(result.text());
            if (metricsOut != null) {
                result.writeJson(metricsOut);
            }
            return 0;
        }
        return TrainCommand.runAndReport(config, metricsOut, saveModel, plots, plotUnits, run.quiet,
                spec.commandLine().getOut());
    }

    /** Runs {@code config} with a featurization progress bar, prints the report, and writes the optional outputs. */
    static int runAndReport(ExperimentConfig config, Path metricsOut, Path saveModel, Path plots,
                            java.util.Map<String, String> plotUnits, boolean quiet, java.io.PrintWriter out)
            throws Exception {
        ExperimentResult result;
        try (Progress.Run progress = new Progress.Run(config.source().name(), quiet)) {
            result = Experiment.run(config, progress);
        }
        out.println(ExperimentReport.text(result));
        if (plots != null) {
            out.println("plots: " + result.writePlots(plots, plotUnits).size() + " PNG files in " + plots);
        }
        if (metricsOut != null) {
            ExperimentReport.writeJson(result, metricsOut);
        }
        if (saveModel != null) {
            result.saver().save(saveModel);
            out.println("model saved to " + saveModel);
        }
        return 0;
    }
}
