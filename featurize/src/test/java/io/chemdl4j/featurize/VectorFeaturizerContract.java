package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The {@link FeaturizerContract} for fixed-length vectors, plus: every vector has the declared
 * length and one name per feature. Published in this module's test-jar.
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
}
