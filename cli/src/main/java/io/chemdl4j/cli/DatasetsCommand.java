package io.chemdl4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.store.FeaturizationCache;

/** {@code chemdl datasets}: the catalog, with what is already on this machine. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the MoleculeNet catalog: tasks, size, MoleculeNet's metric and split, and what is cached.",
        footer = {"", "Examples:", "  chemdl datasets"})
final class DatasetsCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Directory holding dataset files (default: $CHEMDL_DATA_DIR).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FeaturizationCache cache = FeaturizationCache.standard();
        out.printf("%-9s %-14s %5s %9s  %-7s %-10s %-9s %s%n", "dataset", "type", "tasks", "molecules",
                "metric", "split", "file", "featurized (cached)");
        for (MolNetDataset d : MolNetDataset.values()) {
            Path local = DataFiles.findLocal(d.fileName(), dataDir);
            List<String> cached = cache.cachedFeaturizers(d.id());
            out.printf("%-9s %-14s %5s %9d  %-7s %-10s %-9s %s%n", d.id(), d.taskType().name().toLowerCase(),
                    d.tasks().isEmpty() ? "all" : Integer.toString(d.tasks().size()), d.publishedSize(), d.metric(),
                    d.defaultSplit().id(),
                    local != null ? "local" : DataFiles.isBundled(d.fileName()) ? "shipped" : "download",
                    cached.isEmpty() ? "-" : String.join("; ", cached));
        }
        out.println();
        out.println("Files: $CHEMDL_DATA_DIR, then " + DataFiles.cacheDirectory() + ", then the copies shipped "
                + "with ChemDL4J (tox21, delaney); others are downloaded on first use. 'all' tasks: every column "
                + "but the SMILES.");
        out.flush();
        return 0;
    }
}
