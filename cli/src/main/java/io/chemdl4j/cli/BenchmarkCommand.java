package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.experiment.Benchmark;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.experiment.ExperimentResult;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.split.SplitterType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chemdl benchmark}: MoleculeNet's protocol, several seeds, mean ± sd beside the published figure. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Train and score a model once per seed (each seed draws its own split and initialization, as "
                + "MoleculeNet does) and print mean ± sd of the dataset's MoleculeNet metric on train, valid and "
                + "test, next to MoleculeNet's published test figure."},
        footer = {"", "Examples:",
                "  chemdl benchmark --dataset delaney --model multitask --seeds 0,1,2",
                "  chemdl benchmark --dataset tox21 --model multitask --seeds 0,1 \\",
                "      --epochs 5 --plots tox21-benchmark"})
final class BenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, converter = Converters.Dataset.class,
            description = "Catalog dataset (see chemdl datasets).")
    MolNetDataset dataset;

    @Option(names = "--model", defaultValue = ExperimentConfig.DEFAULT_MODEL, converter = Converters.Model.class,
            completionCandidates = Converters.ModelNames.class,
            description = "Model kind: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}), with its default "
                    + "hyperparameters.")
    ModelKind<?> model;

    @picocli.CommandLine.Mixin
    FeaturizerOptions features;

    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2", description = "Seeds, comma-separated (default 0,1,2).")
    List<Long> seeds;

    @Option(names = "--epochs", description = "Training epochs (default: as chemdl train).")
    Integer epochs;

    @Option(names = "--split", converter = Converters.Split.class,
            description = "Splitter (default: the dataset's MoleculeNet split, see chemdl datasets).")
    SplitterType split;

    @Option(names = "--data-dir", description = "Directory holding dataset files (default: $CHEMDL_DATA_DIR, "
            + "then the cache, then the copies shipped with ChemDL4J (tox21, delaney), then download).")
    Path dataDir;

    @Option(names = "--plots", description = "Write the first seed's charts (ROC or parity per task, training curves) "
            + "as PNG files to this directory.")
    Path plots;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig defaults = ExperimentConfig.defaults(DataSource.of(dataset), seeds.get(0));
        ExperimentConfig config = defaults.toBuilder().model(model).featurizer(features.spec(model))
                .splitter(split != null ? split : dataset.defaultSplit()).build();
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        if (dataDir != null) {
            config = config.withDataDirectory(dataDir);
        }
        Benchmark result;
        try (Progress.Run progress = new Progress.Run(dataset.id(), quiet)) {
            result = Benchmark.run(config, seeds, progress);
        }
        var out = spec.commandLine().getOut();
        out.println(result.text());
        if (plots != null) {
            ExperimentResult first = result.runs().get(0);
            out.println("plots (seed " + seeds.get(0) + "): " + first.writePlots(plots).size() + " PNG files in " + plots);
        }
        out.flush();
        return 0;
    }
}
