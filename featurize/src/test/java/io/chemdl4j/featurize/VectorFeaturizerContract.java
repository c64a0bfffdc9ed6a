package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The {@link FeaturizerContract} for fixed-length vectors, plus: every vector has the declared
 * length and one name per feature, and its {@linkplain VectorFeaturizer#sparse() sparse features} are its nonzero
 * entries. Published in this module's test-jar.
 */
public abstract class VectorFeaturizerContract extends FeaturizerContract<float[]> {

    @Override
    protected abstract VectorFeaturizer featurizer();

    @Override
    protected void assertSameFeatures(float[] expected, float[] actual, String message) {
        assertArrayEquals(expected, actual, message);
    }

    @Test
    void outputHasTheDeclaredLengthAndNames() throws Exception {
        VectorFeaturizer f = featurizer();
        assertEquals(f.length(), f.featureNames().size());
        for (String smiles : MOLECULES) {
            assertEquals(f.length(), f.featurize(smiles).length, smiles);
        }
    }

    @Test
    void sparseFeaturesAreTheNonzeroEntriesOfTheRow() throws Exception {
        VectorFeaturizer f = featurizer();
        MoleculeFeaturizer<SparseFeatures> sparse = f.sparse();
        assertEquals(f.spec(), sparse.spec());
        for (String smiles : MOLECULES) {
            float[] dense = f.featurize(smiles);
            assertEquals(SparseFeatures.of(dense), sparse.featurize(smiles), smiles);
            org.openscience.cdk.interfaces.IAtomContainer molecule = MoleculeParser.parseSmiles(smiles);
            int stereo = molecule.stereoElements().iterator().hasNext() ? 1 : 0;
            assertArrayEquals(dense, sparse.featurize(molecule).toDense(), smiles);
            assertEquals(stereo, molecule.stereoElements().iterator().hasNext() ? 1 : 0,
                    "the caller's molecule keeps its stereo: " + smiles);
        }
    }
}
