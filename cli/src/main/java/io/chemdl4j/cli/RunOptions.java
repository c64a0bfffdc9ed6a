package io.chemdl4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.chemdl4j.moleculenet.split.SplitterType;

/** The options every training verb shares, with one name and meaning each (a picocli mixin). */
final class RunOptions {
    @Option(names = "--split", defaultValue = "random", converter = Converters.Split.class,
            description = "Splitter: random (default), index, scaffold (Bemis-Murcko, as DeepChem) or stratified.")
    SplitterType split;

    @Option(names = "--split-sizes", converter = Converters.Fractions.class, paramLabel = "TRAIN,VALID,TEST",
            description = "Fractions of the molecules in the train, validation and test parts, summing to 1 "
                    + "(default 0.8,0.1,0.1).")
    io.chemdl4j.moleculenet.split.SplitFractions splitSizes;

    @Option(names = "--split-file", description = "Take each molecule's part from this CSV (columns row or id, and "
            + "split: train, valid or test), as --save-splits writes it, instead of --split and --split-sizes.")
    Path splitFile;

    @Option(names = "--save-splits", description = "Write the split used to this CSV (row,id,split), to reuse it "
            + "with --split-file or share it.")
    Path saveSplits;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split and the models (default 0).")
    long seed;

    /** The split fractions asked for, else the library's. */
    io.chemdl4j.moleculenet.split.SplitFractions fractions() {
        return splitSizes != null ? splitSizes : io.chemdl4j.moleculenet.split.SplitFractions.defaults();
    }

    @Option(names = "--data-dir", description = "Directory holding dataset files (default: $CHEMDL_DATA_DIR, "
            + "then the cache, then the copies shipped with ChemDL4J (tox21, delaney), then download).")
    Path dataDir;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;
}
