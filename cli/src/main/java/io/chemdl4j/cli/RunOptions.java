package io.chemdl4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.chemdl4j.moleculenet.split.SplitterType;

/** The options every training verb shares, with one name and meaning each (a picocli mixin). */
final class RunOptions {
    @Option(names = "--split", defaultValue = "random", converter = Converters.Split.class,
            description = "Splitter: random (default), index, scaffold (Bemis-Murcko, as DeepChem) or stratified; 80/10/10.")
    SplitterType split;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split and the models (default 0).")
    long seed;

    @Option(names = "--data-dir", description = "Directory holding dataset files (default: $CHEMDL_DATA_DIR, "
            + "then the cache, then the copies shipped with ChemDL4J (tox21, delaney), then download).")
    Path dataDir;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;
}
