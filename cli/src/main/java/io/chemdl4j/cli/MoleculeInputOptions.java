package io.chemdl4j.cli;

import picocli.CommandLine.Option;

import io.chemdl4j.featurize.MoleculeLimits;

/**
 * How the verbs that read molecule files read them (a picocli mixin): the input's encoding, the input columns carried
 * into the output, and the limits past which
 * a molecule becomes an error row and whether valences are checked, each defaulting to the library's ({@link MoleculeLimits#defaults()}).
 */
final class MoleculeInputOptions {
    @Option(names = "--max-smiles-length", description = "Longest SMILES accepted, in characters (default: "
            + "20,000); a longer one is an error row.")
    Integer maxSmilesLength;

    @Option(names = "--max-branch-depth", description = "Deepest nesting of SMILES branches accepted (default: 200).")
    Integer maxBranchDepth;

    @Option(names = "--max-atoms", description = "Most atoms of one molecule, hydrogens not counted (default: 2,000).")
    Integer maxAtoms;

    @Option(names = "--max-seconds", description = "Most seconds of featurization one molecule may take (default: "
            + "30); a molecule that takes longer is an error row and the run goes on.")
    Double maxSeconds;

    @Option(names = "--no-valence-check", description = "Accept atoms with more valence than RDKit permits "
            + "(C(C)(C)(C)(C)C, carbon with valence 5); by default such a molecule is an error row naming the atom.")
    boolean noValenceCheck;

    @Option(names = "--encoding", converter = Converters.Encoding.class,
            description = "Text encoding of the input file, e.g. ISO-8859-1 or windows-1252 (default: UTF-8).")
    java.nio.charset.Charset encoding;

    @Option(names = "--keep-columns", split = ",", paramLabel = "all|none|NAME",
            description = "Input columns written beside the output, after row and smiles: all (default; .smi names, "
                    + "SDF titles and properties included), none, or the columns named, comma-separated. One named "
                    + "as an output column is written as <name>_input.")
    java.util.List<String> keepColumns;

    @Option(names = "--id-column", description = "Column that identifies each molecule: written first among the "
            + "input columns, kept even with --keep-columns none.")
    String idColumn;

    /** Which input columns to carry into the output. */
    io.chemdl4j.featurize.io.PassThrough passThrough() {
        io.chemdl4j.featurize.io.PassThrough keep;
        if (keepColumns == null || keepColumns.equals(java.util.List.of("all"))) {
            keep = io.chemdl4j.featurize.io.PassThrough.all();
        } else if (keepColumns.equals(java.util.List.of("none"))) {
            keep = io.chemdl4j.featurize.io.PassThrough.none();
        } else if (keepColumns.contains("all") || keepColumns.contains("none")) {
            throw new IllegalArgumentException("--keep-columns takes all, none or column names, not a mix: "
                    + String.join(",", keepColumns));
        } else {
            keep = io.chemdl4j.featurize.io.PassThrough.only(keepColumns);
        }
        return idColumn == null ? keep : keep.withIdColumn(idColumn);
    }

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
        if (maxSeconds != null) {
            limits = limits.withMaxSeconds(maxSeconds);
        }
        if (noValenceCheck) {
            limits = limits.withValenceCheck(false);
        }
        return limits;
    }
}
