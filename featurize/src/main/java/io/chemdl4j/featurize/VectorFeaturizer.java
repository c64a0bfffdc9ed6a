package io.chemdl4j.featurize;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns one molecule into a fixed-length vector of features (a fingerprint or descriptors), under
 * the {@link MoleculeFeaturizer} contract.
 */
public interface VectorFeaturizer extends MoleculeFeaturizer<float[]> {

    /** Number of features every vector has. */
    int length();

    /**
     * A name per feature, for column headers: descriptor names, or {@code bit0..bitN-1} for
     * fingerprints.
     */
    default List<String> featureNames() {
        return IntStream.range(0, length()).mapToObj(i -> "bit" + i).toList();
    }

    /**
     * This featurizer's vectors held by their nonzero entries: for every molecule, {@link SparseFeatures#toDense()}
     * of its sparse features equals its {@link #featurize} row (the featurizer contract suite checks it). The default
     * featurizes densely and keeps the nonzero entries; a fingerprint computes them directly, with no dense row to
     * allocate. Under the same contract as this featurizer (thread-safe, never modifies the caller's molecule).
     */
    default MoleculeFeaturizer<SparseFeatures> sparse() {
        VectorFeaturizer dense = this;
        return new MoleculeFeaturizer<>() {
            @Override
            public FeaturizerSpec spec() {
                return dense.spec();
            }

            @Override
            public SparseFeatures featurize(org.openscience.cdk.interfaces.IAtomContainer molecule)
                    throws InvalidMoleculeException {
                return SparseFeatures.of(dense.featurize(molecule));
            }

            @Override
            public SparseFeatures featurizeOwned(org.openscience.cdk.interfaces.IAtomContainer molecule)
                    throws InvalidMoleculeException {
                return SparseFeatures.of(dense.featurizeOwned(molecule));
            }
        };
    }
}
