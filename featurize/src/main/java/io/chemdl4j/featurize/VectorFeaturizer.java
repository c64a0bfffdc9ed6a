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
}
