package io.chemdl4j.cli;

import picocli.CommandLine.Option;

import io.chemdl4j.featurize.MoleculeLimits;

/**
 * How the verbs that read molecule files read them (a picocli mixin): the input's encoding, and the limits past which
 * a molecule becomes an error row, each defaulting to the library's ({@link MoleculeLimits#defaults()}).
 */
final class MoleculeInputOptions {
    @Option(names = "--max-smiles-length", description = "Longest SMILES accepted, in characters (default: "
            + "20,000); a longer one is an error row.")
    Integer maxSmilesLength;

    @Option(names = "--max-branch-depth", description = "Deepest nesting of SMILES branches accepted (default: 200).")
    Integer maxBranchDepth;

    @Option(names = "--max-atoms", description = "Most atoms of one molecule, hydrogens not counted (default: 2,000).")
    Integer maxAtoms;

    @Option(names = "--encoding", converter = Converters.Encoding.class,
            description = "Text encoding of the input file, e.g. ISO-8859-1 or windows-1252 (default: UTF-8).")
    java.nio.charset.Charset encoding;

    /** The library's defaults with the options given applied. */
    MoleculeLimits limits() {
        MoleculeLimits limits = MoleculeLimits.defaults();
        if (maxSmilesLength != null) {
            limits = limits.withMaxSmilesLength(maxSmilesLength);
        }
        if (maxBranchDepth != null) {
            limits = limits.withMaxBranchDepth(maxBranchDepth);
        }
        if (maxAtoms != null) {
            limits = limits.withMaxAtoms(maxAtoms);
        }
        return limits;
    }
}
