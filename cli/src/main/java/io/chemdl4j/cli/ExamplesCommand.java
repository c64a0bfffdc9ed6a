package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.chemdl4j.moleculenet.catalog.ExampleFiles;

/** {@code chemdl examples}: the sample files every other verb's examples read. */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "Write small sample files to try every verb on, offline (the other verbs' --help examples use "
                + "them): library.smi (60 named molecules and a broken SMILES), solubility.csv (name,smiles,soluble "
                + "for Delaney's 1,128 molecules) and molecules.sdf (20 molecules with names and logS).",
        footer = {"", "Examples:", "  chemdl examples ."})
final class ExamplesCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "Directory to write them to "
            + "(default: the current one).")
    Path directory;

    @Option(names = "--force", description = "Replace files of those names (by default an existing one is refused).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> written = ExampleFiles.write(directory, force);
        for (Path file : written) {
            spec.commandLine().getOut().println("wrote " + file);
        }
        return 0;
    }
}
