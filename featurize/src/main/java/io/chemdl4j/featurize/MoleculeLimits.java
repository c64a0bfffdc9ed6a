package io.chemdl4j.featurize;

import org.openscience.cdk.interfaces.IAtomContainer;
import io.chemdl4j.featurize.io.RowError;

/**
 * Limits past which a molecule is refused as an error row before anything costly is done with it: the length of
 * its SMILES, how deeply its branches nest, and its atom count. A 200 MB line, 5,000 nested branches or a
 * 20,000-atom chain otherwise cost minutes, gigabytes or a stack overflow inside CDK; the defaults are far above
 * drug-like, natural-product and peptide molecules (the largest of Tox21, MUV and AqSolDB have under 200 heavy
 * atoms). With them goes the chemistry check: a molecule that RDKit's sanitization refuses for an atom's valence
 * ({@code C(C)(C)(C)(C)C}, carbon with valence 5) is refused too, by {@link ValenceRules}, unless the check is
 * turned off. Last, a time budget per molecule: the streaming verbs give up on a molecule that one featurizer
 * has worked on for longer ({@code cdk-descriptors} needs about a minute for a 2,000-atom chain, whose
 * topological-distance descriptors grow with the cube of the atoms) and report it as an error row. Immutable.
 *
 * @param maxSmilesLength characters of one SMILES
 * @param maxBranchDepth  branches opened inside one another ({@code "C(C(C"} is 2)
 * @param maxAtoms        atoms of the parsed molecule, implicit hydrogens not counted
 * @param checkValence    whether {@link ValenceRules} refuses atoms with more valence than RDKit permits
 * @param maxSeconds      seconds of featurization one molecule may take in a streaming run
 *                        ({@link io.chemdl4j.featurize.io.StreamingFeaturizer})
 * Serializable so that a distributed job (the Spark module) can ship them to its workers.
 */
public record MoleculeLimits(int maxSmilesLength, int maxBranchDepth, int maxAtoms, boolean checkValence,
                             double maxSeconds) implements java.io.Serializable {
    /** The default time budget of one molecule, in seconds. */
    public static final double DEFAULT_MAX_SECONDS = 30;
    private static final MoleculeLimits DEFAULTS = new MoleculeLimits(20_000, 200, 2_000, true, DEFAULT_MAX_SECONDS);

    public MoleculeLimits {
        if (maxSmilesLength < 1 || maxBranchDepth < 1 || maxAtoms < 1 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("molecule limits must be positive, got SMILES length " + maxSmilesLength
                    + ", branch depth " + maxBranchDepth + ", atoms " + maxAtoms + ", seconds " + maxSeconds);
        }
    }

    /** These limits with the valence check on or off and the default time budget. */
    public MoleculeLimits(int maxSmilesLength, int maxBranchDepth, int maxAtoms, boolean checkValence) {
        this(maxSmilesLength, maxBranchDepth, maxAtoms, checkValence, DEFAULT_MAX_SECONDS);
    }

    /** These limits with the valence check on and the default time budget. */
    public MoleculeLimits(int maxSmilesLength, int maxBranchDepth, int maxAtoms) {
        this(maxSmilesLength, maxBranchDepth, maxAtoms, true);
    }

    /** 20,000 SMILES characters, branches 200 deep, 2,000 atoms, valences checked, 30 s per molecule. */
    public static MoleculeLimits defaults() {
        return DEFAULTS;
    }

    /** With at most {@code n} characters per SMILES. */
    public MoleculeLimits withMaxSmilesLength(int n) {
        return new MoleculeLimits(n, maxBranchDepth, maxAtoms, checkValence, maxSeconds);
    }

    /** With branches nested at most {@code n} deep. */
    public MoleculeLimits withMaxBranchDepth(int n) {
        return new MoleculeLimits(maxSmilesLength, n, maxAtoms, checkValence, maxSeconds);
    }

    /** With at most {@code n} atoms per molecule. */
    public MoleculeLimits withMaxAtoms(int n) {
        return new MoleculeLimits(maxSmilesLength, maxBranchDepth, n, checkValence, maxSeconds);
    }

    /** These limits with the valence check on or off. */
    public MoleculeLimits withValenceCheck(boolean check) {
        return new MoleculeLimits(maxSmilesLength, maxBranchDepth, maxAtoms, check, maxSeconds);
    }

    /** With at most {@code seconds} of featurization per molecule in a streaming run. */
    public MoleculeLimits withMaxSeconds(double seconds) {
        return new MoleculeLimits(maxSmilesLength, maxBranchDepth, maxAtoms, checkValence, seconds);
    }

    /** The reason reported for a molecule past the time budget. */
    public String timeBudgetReason() {
        return "featurization took longer than the limit of " + formatSeconds(maxSeconds) + " s (--max-seconds)";
    }

    private static String formatSeconds(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /**
     * Refuses a SMILES past the length or branch-depth limit, in time proportional to the limit, not to the string.
     *
     * @throws InvalidMoleculeException naming the limit
     */
    public void check(String smiles) throws InvalidMoleculeException {
        if (smiles.length() > maxSmilesLength) {
            throw new InvalidMoleculeException("SMILES of " + smiles.length() + " characters, more than the limit of "
                    + maxSmilesLength + " (--max-smiles-length)");
        }
        int depth = 0;
        for (int i = 0; i < smiles.length(); i++) {
            char c = smiles.charAt(i);
            if (c == '(' && ++depth > maxBranchDepth) {
                throw new InvalidMoleculeException("branches nested more than " + maxBranchDepth
                        + " deep, the limit (--max-branch-depth)");
            } else if (c == ')') {
                depth--;
            }
        }
    }

    /**
     * Refuses a molecule with more atoms than the limit or, when valences are checked, with an atom whose valence
     * RDKit would refuse.
     *
     * @throws InvalidMoleculeException naming the limit, or the atom and its valence
     */
    public void check(IAtomContainer molecule) throws InvalidMoleculeException {
        if (molecule.getAtomCount() > maxAtoms) {
            throw new InvalidMoleculeException(molecule.getAtomCount() + " atoms, more than the limit of " + maxAtoms
                    + " (--max-atoms)");
        }
        if (checkValence) {
            ValenceRules.check(molecule);
        }
    }

    /**
     * The reason reported for a molecule on which a featurizer failed unexpectedly, in one line: a stack overflow
     * says what the molecule is and which limits refuse such molecules; any other failure gives its type and
     * first line.
     */
    public static String failureReason(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "molecule too large or too deeply nested to featurize (stack overflow); lower --max-atoms or "
                    + "--max-branch-depth to refuse such molecules up front";
        }
        String message = e.getMessage() == null ? "" : RowError.printable(e.getMessage().strip(), 200);
        return "featurizer error: " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
