package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.models.Experiment;
import io.chemdl4j.models.ExperimentConfig;
import io.chemdl4j.models.ExperimentReport;
import io.chemdl4j.models.ExperimentResult;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.MultitaskConfig;
import io.chemdl4j.moleculenet.MolNetDataset;
import io.chemdl4j.moleculenet.SplitFractions;
import io.chemdl4j.moleculenet.SplitterType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chemdl train}: trains a model on a catalog dataset and reports train/valid/test scores. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a MoleculeNet dataset and print train/valid/test scores.",
        footer = {"", "Example:", "  chemdl train --dataset delaney --model multitask --split random --seed 0 "
                + "--epochs 10 --metrics-out delaney.json"})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, converter = Converters.Dataset.class,
            description = "Catalog dataset (see chemdl datasets), e.g. tox21, delaney, bbbp.")
    MolNetDataset dataset;

    @Option(names = "--model", defaultValue = "multitask", converter = Converters.Model.class,
            description = "Model architecture: multitask (default).")
    ModelKind model;

    @Option(names = "--split", defaultValue = "random", converter = Converters.Split.class,
            description = "Splitter: random (default), index, scaffold (Bemis-Murcko, as DeepChem) or stratified; 80/10/10.")
    SplitterType split;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split and the model (default 0).")
    long seed;

    @Option(names = "--epochs", description = "Training epochs (default: 10 for tox21, 50 for delaney).")
    Integer epochs;

    @Option(names = "--radius", defaultValue = "2", description = "ECFP radius, 0-3 (default 2, ECFP4).")
    int radius;

    @Option(names = "--size", defaultValue = "1024", description = "Fingerprint length (default 1024).")
    int size;

    @Option(names = "--counts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Count fingerprints (default); --no-counts for 0/1 bits as DeepChem's CircularFingerprint.")
    boolean counts;

    @Option(names = "--layers", split = ",", defaultValue = "1000",
            description = "Hidden layer sizes, comma-separated (default 1000).")
    List<Integer> layers;

    @Option(names = "--dropout", defaultValue = "0.5", description = "Dropout probability (default 0.5).")
    double dropout;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default 0.001).")
    double learningRate;

    @Option(names = "--batch-size", defaultValue = "100", description = "Batch size (default 100).")
    int batchSize;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight penalty (default 0).")
    double weightDecay;

    @Option(names = "--data-dir", description = "Directory holding dataset files (default: $CHEMDL_DATA_DIR, "
            + "then the cache, then download).")
    Path dataDir;

    @Option(names = "--metrics-out", description = "Write the scores as JSON to this file.")
    Path metricsOut;

    @Option(names = "--save-model", description = "Save the trained model to this directory.")
    Path saveModel;

    @Override
    public Integer call() throws Exception {
        MultitaskConfig modelConfig = MultitaskConfig.defaults().withLayerSizes(layers).withDropout(dropout)
                .withLearningRate(learningRate).withBatchSize(batchSize).withWeightDecay(weightDecay);
        EcfpFeaturizer.Options featurizer = EcfpFeaturizer.Options.defaults().withRadius(radius).withLength(size)
                .withCounts(counts);
        ExperimentConfig config = new ExperimentConfig(dataset, model, split, SplitFractions.defaults(), seed,
                epochs != null ? epochs : ExperimentConfig.defaultEpochs(dataset), featurizer, modelConfig, dataDir);
        return TrainCommand.runAndReport(config, metricsOut, saveModel);
    }

    /** Runs {@code config}, prints the report, and writes the optional outputs. */
    static int runAndReport(ExperimentConfig config, Path metricsOut, Path saveModel) throws Exception {
        ExperimentResult result = Experiment.run(config);
        System.out.println(ExperimentReport.text(result));
        if (metricsOut != null) {
            ExperimentReport.writeJson(result, metricsOut);
        }
        if (saveModel != null) {
            result.model().save(saveModel, result.data().featurizer(), result.data().transformers());
            System.out.println("model saved to " + saveModel);
        }
        return 0;
    }
}
