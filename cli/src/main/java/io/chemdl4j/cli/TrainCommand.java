package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.models.Experiment;
import io.chemdl4j.models.ExperimentConfig;
import io.chemdl4j.models.ExperimentReport;
import io.chemdl4j.models.ExperimentResult;
import io.chemdl4j.models.GraphConvConfig;
import io.chemdl4j.models.LearningRateSchedule;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.RandomForestConfig;
import io.chemdl4j.models.MultitaskConfig;
import io.chemdl4j.moleculenet.ColumnSpec;
import io.chemdl4j.moleculenet.DataSource;
import io.chemdl4j.moleculenet.MolNetDataset;
import io.chemdl4j.moleculenet.SplitFractions;
import io.chemdl4j.moleculenet.TaskType;
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
                description = "classification (0/1 labels) or regression.")
        TaskType taskType;

        @Option(names = "--id-column", description = "Column of molecule ids (default: the SMILES).")
        String idColumn;

        DataSource source() {
            return new DataSource.File(input, new ColumnSpec(smilesColumn, tasks, idColumn), taskType);
        }
    }

    @Option(names = "--model", defaultValue = "multitask", converter = Converters.Model.class,
            description = "Model: multitask (fingerprint network, default), graphconv (DeepChem's graph "
                    + "convolution network on molecular graphs; not yet savable) or random_forest (100 trees per "
                    + "task on the fingerprints: the baseline; not savable).")
    ModelKind model;

    @Option(names = "--epochs", description = "Training epochs (default: at least 10 and at least 500 gradient "
            + "steps: 10 for tox21, 50 for delaney).")
    Integer epochs;

    @Option(names = "--radius", defaultValue = "2", description = "ECFP radius, 0-3 (default 2, ECFP4).")
    int radius;

    @Option(names = "--size", defaultValue = "1024", description = "Fingerprint length (default 1024).")
    int size;

    @Option(names = "--counts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Count fingerprints (default); --no-counts for 0/1 bits as DeepChem's CircularFingerprint.")
    boolean counts;

    @Option(names = "--layers", split = ",", defaultValue = "1000",
            description = "Hidden layer sizes of the multitask model, comma-separated (default 1000).")
    List<Integer> layers;

    @Option(names = "--dropout", defaultValue = "0.5", description = "Dropout probability of the multitask model (default 0.5).")
    double dropout;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default 0.001).")
    double learningRate;

    @Option(names = "--batch-size", defaultValue = "100", description = "Batch size (default 100).")
    int batchSize;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight penalty (default 0).")
    double weightDecay;

    @Option(names = "--early-stopping", description = "Stop when the validation score (the dataset's metric) has "
            + "not improved for --patience epochs, and keep the best epoch's weights; --epochs is then the most "
            + "epochs (default: twice the usual).")
    boolean earlyStopping;

    @Option(names = "--patience", defaultValue = "10", description = "Epochs without improvement before early "
            + "stopping (default 10).")
    int patience;

    @Option(names = "--ensemble", defaultValue = "1", description = "Train N models with seeds seed..seed+N-1 and "
            + "score their mean prediction (default 1).")
    int ensemble;

    @Option(names = "--lr-decay", description = "Multiply the learning rate by this factor after every epoch, in "
            + "(0, 1] (default 1, constant; 0.98 for graphconv regression).")
    Double lrDecay;

    @Option(names = "--metrics-out", description = "Write the scores as JSON to this file.")
    Path metricsOut;

    @Option(names = "--save-model", description = "Save the trained model to this directory.")
    Path saveModel;

    @Option(names = "--plots", description = "Write PNG charts to this directory: ROC curve per task (classification) "
            + "or measured-vs-predicted parity plot per task (regression), and training/validation curves per epoch.")
    Path plots;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig defaults = ExperimentConfig.defaults(data.source(), run.seed);
        LearningRateSchedule schedule = lrDecay == null ? null
                : lrDecay == 1 ? LearningRateSchedule.constant() : LearningRateSchedule.exponential(lrDecay);
        MultitaskConfig modelConfig = defaults.modelConfig().withLayerSizes(layers).withDropout(dropout)
                .withLearningRate(learningRate).withBatchSize(batchSize).withWeightDecay(weightDecay);
        EcfpFeaturizer.Options featurizer = EcfpFeaturizer.Options.defaults().withRadius(radius).withLength(size)
                .withCounts(counts);
        GraphConvConfig graphConfig = defaults.graphConfig().withLearningRate(learningRate)
                .withWeightDecay(weightDecay).withBatchSize(batchSize);
        if (schedule != null) {
            modelConfig = modelConfig.withSchedule(schedule);
            graphConfig = graphConfig.withSchedule(schedule);
        }
        ExperimentConfig config = new ExperimentConfig(data.source(), model, run.split, SplitFractions.defaults(), run.seed,
                epochs != null ? OptionalInt.of(epochs) : OptionalInt.empty(), featurizer, modelConfig, graphConfig,
                RandomForestConfig.defaults(), earlyStopping ? patience : 0, ensemble, run.dataDir);
        return TrainCommand.runAndReport(config, metricsOut, saveModel, plots, run.quiet, spec.commandLine().getOut());
    }

    /** Runs {@code config} with a featurization progress bar, prints the report, and writes the optional outputs. */
    static int runAndReport(ExperimentConfig config, Path metricsOut, Path saveModel, Path plots, boolean quiet,
                            java.io.PrintWriter out) throws Exception {
        ExperimentResult result;
        try (Progress.Run progress = new Progress.Run(config.source().name(), quiet)) {
            result = Experiment.run(config, progress);
        }
        out.println(ExperimentReport.text(result));
        if (plots != null) {
            out.println("plots: " + result.writePlots(plots).size() + " PNG files in " + plots);
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
