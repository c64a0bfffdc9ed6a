package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chemdl quickstart}: DeepChem's Tox21 tutorial with its defaults. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Run the classic Tox21 tutorial: ECFP4 counts folded to 1024, random 80/10/10 split, "
                + "balancing weights, a multitask network with one hidden layer of 1000, 10 epochs; print "
                + "train/valid/test ROC-AUC."},
        footer = {"", "Examples:", "  chemdl quickstart --seed 1"})
final class QuickstartCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split and the model (default 0).")
    long seed;

    @Option(names = "--metrics-out", description = "Write the scores as JSON to this file.")
    Path metricsOut;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        return TrainCommand.runAndReport(ExperimentConfig.defaults(MolNetDataset.TOX21, seed), metricsOut, null, null, java.util.Map.of(), quiet,
                spec.commandLine().getOut());
    }
}
