package io.chemdl4j.featurize.io;

import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IAtomContainerSet;

import io.chemdl4j.featurize.InvalidMoleculeException;

/**
 * What to do with salts and mixtures (molecules of several disconnected fragments). Chosen
 * explicitly by the user, never applied silently.
 */
public enum FragmentPolicy {
    /** Featurize every fragment together, as written (DeepChem's behaviour). */
    KEEP_ALL,
    /** Keep the fragment with the most heavy atoms (ties: the first); drop counter-ions and solvents. */
    LARGEST,
    /** Report a molecule of more than one fragment as a bad row. */
    REJECT;

    /**
     * The policy named on a command line: {@code keep}, {@code largest} or {@code reject}, any case.
     *
     * @throws IllegalArgumentException for another name
     */
    public static FragmentPolicy named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "keep" -> KEEP_ALL;
            case "largest" -> LARGEST;
            case "reject" -> REJECT;
            default -> throw new IllegalArgumentException("unknown --fragments '" + name + "'; use keep, largest or "
                    + "reject");
        };
    }

    /**
     * Applies the policy to a molecule the caller owns.
     *
     * @return the molecule to featurize (the same object for {@link #KEEP_ALL})
     * @throws InvalidMoleculeException under {@link #REJECT} for a multi-fragment molecule
     */
    public IAtomContainer apply(IAtomContainer molecule) throws InvalidMoleculeException {
        if (this == KEEP_ALL || ConnectivityChecker.isConnected(molecule)) {
            return molecule;
        }
        IAtomContainerSet parts = ConnectivityChecker.partitionIntoMolecules(molecule);
        if (this == REJECT) {
            throw new InvalidMoleculeException("mixture of " + parts.getAtomContainerCount()
                    + " fragments (rejected by the fragment policy)");
        }
        IAtomContainer best = null;
        int bestHeavy = -1;
        for (IAtomContainer part : parts.atomContainers()) {
            int heavy = 0;
            for (var atom : part.atoms()) {
                if (atom.getAtomicNumber() != null && atom.getAtomicNumber() > 1) {
                    heavy++;
                }
            }
            if (heavy > bestHeavy) {
                best = part;
                bestHeavy = heavy;
            }
        }
        return best;
    }
}
