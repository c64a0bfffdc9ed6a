package io.chemdl4j.featurize.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.fingerprint.CircularFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.VectorFeaturizerContract;

class EcfpFeaturizerTest {
    private static final int BIG = 1 << 20; // makes fold collisions on small molecules negligible

    private static float[] ecfp(String smiles, EcfpFeaturizer.Options options) throws InvalidMoleculeException {
        return new EcfpFeaturizer(options).featurize(smiles);
    }

    private static int nonzero(float[] v) {
        int n = 0;
        for (float x : v) {
            if (x != 0) {
                n++;
            }
        }
        return n;
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    @Test
    void radiusZeroCountsOneIdentifierPerHeavyAtom() throws Exception {
        EcfpFeaturizer.Options r0 = new EcfpFeaturizer.Options(EcfpFeaturizer.Invariants.ECFP, 0, BIG, true, false);
        // Ethane: two identical methyl carbons -> one identifier seen twice.
        float[] ethane = ecfp("CC", r0);
        assertEquals(1, nonzero(ethane));
        assertEquals(2f, sum(ethane));
        // Ethanol: CH3, CH2 and OH are three different atoms.
        float[] ethanol = ecfp("CCO", r0);
        assertEquals(3, nonzero(ethanol));
        assertEquals(3f, sum(ethanol));
        // Benzene: six equivalent aromatic CH.
        float[] benzene = ecfp("c1ccccc1", r0);
        assertEquals(1, nonzero(benzene));
        assertEquals(6f, sum(benzene));
    }

    @Test
    void radiusOneOfEthanolAddsTheThreeAtomEnvironments() throws Exception {
        // Iteration 1 gives each atom a new environment; CH2's covers the whole molecule and the
        // terminal atoms' environments are distinct, so 3 + 3 identifiers.
        float[] ethanol = ecfp("CCO", new EcfpFeaturizer.Options(EcfpFeaturizer.Invariants.ECFP, 1, BIG, true, false));
        assertEquals(6f, sum(ethanol));
    }

    @Test
    void independentOfAtomOrderAndOfKekuleVersusAromaticInput() throws Exception {
        EcfpFeaturizer.Options o = EcfpFeaturizer.Options.defaults();
        assertArrayEquals(ecfp("CCO", o), ecfp("OCC", o));
        assertArrayEquals(ecfp("Oc1ccccc1", o), ecfp("c1ccc(O)cc1", o));
        assertArrayEquals(ecfp("c1ccccc1", o), ecfp("C1=CC=CC=C1", o));
    }

    @Test
    void chiralityDistinguishesEnantiomersOnlyWhenAskedTo() throws Exception {
        String r = "C[C@@H](N)C(=O)O";
        String s = "C[C@H](N)C(=O)O";
        EcfpFeaturizer.Options plain = EcfpFeaturizer.Options.defaults();
        assertArrayEquals(ecfp(r, plain), ecfp(s, plain));
        EcfpFeaturizer.Options chiral = plain.withChirality(true);
        assertFalse(java.util.Arrays.equals(ecfp(r, chiral), ecfp(s, chiral)));
    }

    @Test
    void bitsAreTheNonzeroCounts() throws Exception {
        EcfpFeaturizer.Options bits = EcfpFeaturizer.Options.defaults();
        for (String smiles : VectorFeaturizerContract.MOLECULES) {
            float[] b = ecfp(smiles, bits);
            float[] c = ecfp(smiles, bits.withCounts(true));
            for (int i = 0; i < b.length; i++) {
                assertEquals(c[i] > 0 ? 1f : 0f, b[i], smiles + " bit " + i);
            }
        }
    }

    @Test
    void bitsMatchCdksOwnFoldedFingerprint() throws Exception {
        // CDK folds the same identifiers itself; chirality is CDK's default behaviour there.
        EcfpFeaturizer.Options o = EcfpFeaturizer.Options.defaults().withChirality(true);
        for (String smiles : VectorFeaturizerContract.MOLECULES) {
            IAtomContainer molecule = MoleculeParser.parseSmiles(smiles);
            BitSet expected = new CircularFingerprinter(CircularFingerprinter.CLASS_ECFP4, 1024)
                    .getBitFingerprint(molecule).asBitSet();
            float[] ours = new EcfpFeaturizer(o).featurize(smiles);
            for (int i = 0; i < 1024; i++) {
                assertEquals(expected.get(i) ? 1f : 0f, ours[i], smiles + " bit " + i);
            }
        }
    }

    @Test
    void fcfpMergesAtomsOfTheSameFunctionalClass() throws Exception {
        EcfpFeaturizer.Options fcfp0 = new EcfpFeaturizer.Options(EcfpFeaturizer.Invariants.FCFP, 0, BIG, false, false);
        EcfpFeaturizer.Options ecfp0 = fcfp0.withInvariants(EcfpFeaturizer.Invariants.ECFP);
        // Chlorine and bromine are both halogens to FCFP, different elements to ECFP.
        assertFalse(java.util.Arrays.equals(ecfp("CCl", ecfp0), ecfp("CBr", ecfp0)));
        assertArrayEquals(ecfp("CCl", fcfp0), ecfp("CBr", fcfp0));
    }

    @Test
    void foldReadsTheHashAsUnsigned() {
        assertEquals(1023, EcfpFeaturizer.fold(-1, 1024)); // 2^32 - 1 mod 1024
        assertEquals(0, EcfpFeaturizer.fold(Integer.MIN_VALUE, 1024)); // 2^31 mod 1024
        assertEquals(5, EcfpFeaturizer.fold(1029, 1024));
    }

    @Test
    void rejectsOptionsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> EcfpFeaturizer.Options.defaults().withRadius(4));
        assertThrows(IllegalArgumentException.class, () -> EcfpFeaturizer.Options.defaults().withLength(0));
    }
}
