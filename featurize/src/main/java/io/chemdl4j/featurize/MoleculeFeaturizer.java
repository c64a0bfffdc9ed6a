package io.chemdl4j.featurize;

import org.openscience.cdk.interfaces.IAtomContainer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;

/**
 * Turns one molecule into features of type {@code T}: a fixed-length vector
 * ({@link VectorFeaturizer}) or a molecular graph ({@link GraphFeaturizer}).
 *
 * <p>Contract, checked for every implementation by the shared contract test suite:
 * <ul>
 *   <li>the caller's molecule is never modified;</li>
 *   <li>the same molecule always gives the same features;</li>
 *   <li>implementations are thread-safe: one instance may be used from many threads at once;</li>
 *   <li>bad input raises {@link InvalidMoleculeException} with the reason, never another exception.</li>
 * </ul>
 *
 * @param <T> the feature type; instances are immutable or owned by the caller
 */
public interface MoleculeFeaturizer<T> {

    /** What this featurizer is and how it is parameterized, enough to build an identical one. */
    FeaturizerSpec spec();

    /** Features of a molecule the caller owns; the molecule is not modified. */
    T featurize(IAtomContainer molecule) throws InvalidMoleculeException;

    /** Parses the SMILES and featurizes the molecule. */
    default T featurize(String smiles) throws InvalidMoleculeException {
        return featurizeOwned(MoleculeParser.parseSmiles(smiles));
    }

    /**
     * Features of a molecule that nobody else holds, so an implementation may modify it instead of
     * copying it first. The default delegates to {@link #featurize(IAtomContainer)}.
     */
    default T featurizeOwned(IAtomContainer molecule) throws InvalidMoleculeException {
        return featurize(molecule);
    }
}
