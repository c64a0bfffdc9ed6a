package io.chemdl4j.featurize.rdkit;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeFeaturizer;

/**
 * Base of the featurizers that see molecules as RDKit does: perceives the molecule once
 * ({@link RdkitMolecule}: a copy of the caller's molecule, or the owned molecule itself) and hands
 * the perception to {@link #features(RdkitMolecule)}. Subclasses must be stateless to stay thread-safe.
 *
 * @param <T> the feature type
 */
public abstract class RdkitPerceivingFeaturizer<T> implements MoleculeFeaturizer<T> {

    /** Features of an already perceived molecule (lets several featurizers share one perception). */
    public abstract T features(RdkitMolecule molecule) throws InvalidMoleculeException;

    @Override
    public final T featurize(IAtomContainer molecule) throws InvalidMoleculeException {
        if (molecule == null) {
            throw new InvalidMoleculeException("no molecule");
        }
        return features(RdkitMolecule.perceive(molecule));
    }

    @Override
    public final T featurizeOwned(IAtomContainer molecule) throws InvalidMoleculeException {
        if (molecule == null) {
            throw new InvalidMoleculeException("no molecule");
        }
        return features(RdkitMolecule.perceiveOwned(molecule));
    }
}
