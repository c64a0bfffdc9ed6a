package io.chemdl4j.featurize;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Turns one molecule into a fixed-length vector of features.
 *
 * <p>Contract, checked for every implementation by the shared contract test suite:
 * <ul>
 *   <li>the caller's molecule is never modified;</li>
 *   <li>the same molecule always gives the same vector, of length {@link #length()};</li>
 *   <li>implementations are thread-safe: one instance may be used from many threads at once;</li>
 *   <li>bad input raises {@link InvalidMoleculeException} with the reason, never another exception.</li>
 * </ul>
 */
public interface VectorFeaturizer {

    /** Number of features every vector has. */
    int length();

    /** What this featurizer is and how it is parameterized, enough to build an identical one. */
    FeaturizerSpec spec();

    /** Features of a molecule the caller owns; the molecule is not modified. */
    float[] featurize(IAtomContainer molecule) throws InvalidMoleculeException;

    /** Parses the SMILES and featurizes the molecule. */
    default float[] featurize(String smiles) throws InvalidMoleculeException {
        return featurizeOwned(MoleculeParser.parseSmiles(smiles));
    }

    /**
     * Features of a molecule that nobody else holds, so an implementation may modify it instead of
     * copying it first. The default delegates to {@link #featurize(IAtomContainer)}.
     */
    default float[] featurizeOwned(IAtomContainer molecule) throws InvalidMoleculeException {
        return featurize(molecule);
    }
}
