package io.chemdl4j.cli;

import picocli.CommandLine.Option;

import io.chemdl4j.featurize.MoleculeLimits;

/**
 * The limits past which a molecule becomes an error row, for the verbs that read molecule files (a picocli mixin).
 * Each defaults to the library's ({@link MoleculeLimits#defaults()}).
 */
final class MoleculeLimitOptions {
    @Option(names = "--max-smiles-length", description = "Longest SMILES accepted, in characters (default: "
            + "20,000); a longer one is an error row.")
    Integer maxSmilesLength;

    @Option(names = "--max-branch-depth", description = "Deepest nesting of SMILES branches accepted (default: 200).")
    Integer maxBranchDepth;

    @Option(names = "--max-atoms", description = "Most atoms of one molecule, hydrogens not counted (default: 2,000).")
    Integer maxAtoms;

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
