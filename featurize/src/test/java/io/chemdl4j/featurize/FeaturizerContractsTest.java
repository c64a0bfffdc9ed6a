package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.rdkit.RdkitDescriptors;
import io.chemdl4j.featurize.descriptor.CdkDescriptorFeaturizer;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.fingerprint.MaccsFeaturizer;
import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;

/** Morgan, MACCS, RDKit-named and CDK descriptors under the shared featurizer contract, plus spot checks. */
class FeaturizerContractsTest {

    @Nested
    class Morgan2 extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new MorganFeaturizer();
        }
    }

    @Nested
    class ChiralMorganCounts3 extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new MorganFeaturizer(new MorganFeaturizer.Options(3, 1024, true, true));
        }
    }

    @Nested
    class Maccs extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new MaccsFeaturizer();
        }
    }

    @Nested
    class RdkitNamedDescriptors extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new DescriptorFeaturizer();
        }
    }

    @Nested
    class CdkDescriptors extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new CdkDescriptorFeaturizer();
        }

        @Override
        protected void assertSameFeatures(float[] expected, float[] actual, String message) {
            // NaN marks a descriptor CDK could not compute; it must be NaN in both
            assertEquals(expected.length, actual.length, message);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), message + " #" + i);
            }
        }
    }

    /**
     * cdk-descriptors computes every column it names: none is NaN for every molecule (27 were, for ethanol too),
     * and the array-valued descriptors give CDK's numbers (ethanol: Kier1 3, Wiener path number 4, ALogP -0.0092 as
     * CDK's ALOGPDescriptor computes it on its own). A model saved with spec version 1 keeps its features.
     */
    @Test
    void cdkDescriptorsComputeEveryColumnTheyName() throws Exception {
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        assertEquals("2", f.spec().parameters().get("version"));
        List<String> names = f.featureNames();
        boolean[] seen = new boolean[names.size()];
        for (String smiles : FeaturizerContract.MOLECULES) {
            float[] x = f.featurize(smiles);
            for (int i = 0; i < x.length; i++) {
                seen[i] |= !Float.isNaN(x[i]);
            }
        }
        List<String> neverComputed = new java.util.ArrayList<>();
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                neverComputed.add(names.get(i));
            }
        }
        assertEquals(List.of(), neverComputed);
        float[] ethanol = f.featurize("CCO");
        assertEquals(3f, ethanol[names.indexOf("cdk.Kier1")]);
        assertEquals(4f, ethanol[names.indexOf("cdk.WPATH")]);
        assertEquals(-0.0092f, ethanol[names.indexOf("cdk.ALogP")], 1e-6f);

        VectorFeaturizer version1 = (VectorFeaturizer) Featurizers.createAny(new FeaturizerSpec("cdk-descriptors",
                java.util.Map.of("cdk", "2.12")));
        assertEquals(java.util.Map.of("cdk", "2.12"), version1.spec().parameters());
        float[] legacy = version1.featurize("CCO");
        assertTrue(Float.isNaN(legacy[names.indexOf("cdk.Kier1")]), "version 1 as models saved with it saw it");
        assertEquals(ethanol[names.indexOf("cdk.nAtom")], legacy[names.indexOf("cdk.nAtom")]);

        // asked for by name alone, as the command line and a new experiment ask: the current version
        VectorFeaturizer byName = (VectorFeaturizer) Featurizers.createAny(new FeaturizerSpec("cdk-descriptors",
                java.util.Map.of()));
        assertEquals(f.spec(), byName.spec());
        assertEquals(3f, byName.featurize("CCO")[names.indexOf("cdk.Kier1")]);
    }

    @Test
    void morganCountsOfEthanolAreHandDerived() throws Exception {
        // CCO, radius 1: three atom invariants (all distinct) and three radius-1 environments,
        // none duplicating another's bonds except... C1's {b0,b1} is unique; C0 {b0} and O {b1} too.
        MorganFeaturizer counts = new MorganFeaturizer(new MorganFeaturizer.Options(1, 1 << 20, true, false));
        float total = 0;
        for (float v : counts.featurize("CCO")) {
            total += v;
        }
        assertEquals(6f, total);
        // methane has one atom and no bonds: only its atom invariant
        total = 0;
        for (float v : counts.featurize("C")) {
            total += v;
        }
        assertEquals(1f, total);
    }

    @Test
    void maccsOfBenzeneSetsTheSixRingKeyAndTheAromaticKeys() throws Exception {
        float[] keys = new MaccsFeaturizer().featurize("c1ccccc1");
        assertEquals(0f, keys[0], "key 0 does not exist");
        assertEquals(1f, keys[163], "key 163: six-membered ring");
        assertEquals(1f, keys[162], "key 162: aromatic");
        assertEquals(0f, keys[164], "key 164: no oxygen");
    }

    @Test
    void descriptorSubsetsKeepTheirOrder() throws Exception {
        DescriptorFeaturizer some = new DescriptorFeaturizer(List.of("HeavyAtomCount", "NumHDonors", "RingCount"));
        // aspirin: 13 heavy atoms, one OH donor, one ring
        assertArrayEquals(new float[] {13, 1, 1}, some.featurize("CC(=O)Oc1ccccc1C(=O)O"));
        assertTrue(RdkitDescriptors.NAMES.size() >= 100);
    }
}
