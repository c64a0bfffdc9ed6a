package io.chemdl4j.featurize;

import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/**
 * Parses SMILES into CDK molecules, turning every way a SMILES can be wrong into an
 * {@link InvalidMoleculeException} whose message says why.
 *
 * <p>Thread-safe: CDK's {@link SmilesParser} keeps state between calls, so each thread gets its own.
 * Every call returns a new molecule that the caller owns.
 */
public final class MoleculeParser {
    private static final ThreadLocal<SmilesParser> PARSER =
            ThreadLocal.withInitial(() -> new SmilesParser(SilentChemObjectBuilder.getInstance()));

    private MoleculeParser() {
    }

    /**
     * Parses one SMILES string (aromatic input is kekulized, implicit hydrogens are set) within the
     * {@linkplain MoleculeLimits#defaults() default limits}.
     *
     * @throws InvalidMoleculeException if the string is empty, not valid SMILES, cannot be kekulized, or is past a
     *                                  limit
     */
    public static IAtomContainer parseSmiles(String smiles) throws InvalidMoleculeException {
        return parseSmiles(smiles, MoleculeLimits.defaults());
    }

    /**
     * Parses one SMILES string within {@code limits}: one past the length or branch-depth limit is refused
     * before it is parsed, one with too many atoms after.
     *
     * @throws InvalidMoleculeException if the string is empty, not valid SMILES, cannot be kekulized, or is past a
     *                                  limit
     */
    public static IAtomContainer parseSmiles(String smiles, MoleculeLimits limits) throws InvalidMoleculeException {
        if (smiles == null || smiles.isBlank()) {
            throw new InvalidMoleculeException("empty SMILES");
        }
        String text = smiles.strip();
        limits.check(text);
        IAtomContainer molecule;
        try {
            molecule = PARSER.get().parseSmiles(text);
        } catch (InvalidSmilesException e) {
            throw new InvalidMoleculeException(cleanReason(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new InvalidMoleculeException(MoleculeLimits.failureReason(e), e);
        } catch (RuntimeException e) {
            // CDK occasionally fails deep inside on pathological input; report it as bad input.
            throw new InvalidMoleculeException("unreadable SMILES (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (molecule.getAtomCount() == 0) {
            throw new InvalidMoleculeException("SMILES has no atoms");
        }
        limits.check(molecule);
        return molecule;
    }

    /** CDK messages span several lines (the SMILES and a caret); keep the first, which says why. */
    private static String cleanReason(String message) {
        if (message == null || message.isBlank()) {
            return "invalid SMILES";
        }
        String first = message.lines().findFirst().orElse(message).strip();
        if (first.endsWith(":")) {
            first = first.substring(0, first.length() - 1);
        }
        return first.isEmpty() ? "invalid SMILES" : first;
    }
}
