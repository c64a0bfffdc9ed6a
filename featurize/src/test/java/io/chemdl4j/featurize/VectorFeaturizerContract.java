package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * The contract every {@link VectorFeaturizer} must meet (CDK's {@code MolecularDescriptorTest}
 * idea): subclass it and return the featurizer under test. Published in this module's test-jar.
 */
public abstract class VectorFeaturizerContract {

    /** Molecules that exercise rings, aromaticity, charges, stereo, salts and metals. */
    protected static final List<String> MOLECULES = List.of(
            "CCO", "c1ccccc1", "CC(=O)Oc1ccccc1C(=O)O", "C[C@H](N)C(=O)O", "C[C@@H](N)C(=O)O",
            "C/C=C/C", "[NH4+].[Cl-]", "c1ccc2[nH]ccc2c1", "O=S(=O)(O)c1ccccc1", "CC[N+](C)(C)C",
            "c1ccsc1", "[Na+].[O-]C(=O)c1ccccc1", "Cl[Pt](Cl)([NH3])[NH3]", "C1CC2CCC1C2", "OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O",
            "CN1C=NC2=C1C(=O)N(C(=O)N2C)C", "FC(F)(F)c1ccc(cc1)C#N", "[2H]C([2H])([2H])O", "C=CC=C", "B(O)(O)c1ccccc1");

    /** The featurizer under test. */
    protected abstract VectorFeaturizer featurizer();

    @Test
    void outputHasTheDeclaredLengthAndIsStable() throws Exception {
        VectorFeaturizer f = featurizer();
        for (String smiles : MOLECULES) {
            float[] first = f.featurize(smiles);
            assertEquals(f.length(), first.length, smiles);
            assertArrayEquals(first, f.featurize(smiles), smiles);
            assertArrayEquals(first, featurizer().featurize(smiles), "a second instance differs on " + smiles);
        }
    }

    @Test
    void doesNotModifyTheCallersMolecule() throws Exception {
        VectorFeaturizer f = featurizer();
        SmilesGenerator generator = new SmilesGenerator(SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols);
        for (String smiles : MOLECULES) {
            IAtomContainer molecule = MoleculeParser.parseSmiles(smiles);
            String before = generator.create(molecule);
            int stereo = count(molecule.stereoElements());
            float[] features = f.featurize(molecule);
            assertEquals(before, generator.create(molecule), "molecule changed by featurizing " + smiles);
            assertEquals(stereo, count(molecule.stereoElements()), "stereo changed by featurizing " + smiles);
            assertArrayEquals(f.featurize(smiles), features, "molecule and SMILES paths differ on " + smiles);
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        VectorFeaturizer f = featurizer();
        List<float[]> expected = new ArrayList<>();
        for (String smiles : MOLECULES) {
            expected.add(f.featurize(smiles));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>();
                    for (int repeat = 0; repeat < 10; repeat++) {
                        for (String smiles : MOLECULES) {
                            out.add(f.featurize(smiles));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<float[]>> future : futures) {
                List<float[]> got = future.get();
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(expected.get(i % MOLECULES.size()), got.get(i),
                            "concurrent result differs on " + MOLECULES.get(i % MOLECULES.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputRaisesInvalidMoleculeWithAReason() {
        VectorFeaturizer f = featurizer();
        for (String bad : List.of("", "   ", "C1CC", "C(C", "Xy", "c1cccc1", "CC)C", "[C@@H")) {
            InvalidMoleculeException e = assertThrows(InvalidMoleculeException.class, () -> f.featurize(bad),
                    "accepted '" + bad + "'");
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), "no reason for '" + bad + "'");
        }
        assertThrows(InvalidMoleculeException.class, () -> f.featurize((IAtomContainer) null));
    }

    @Test
    void specRebuildsAnIdenticalFeaturizer() throws Exception {
        VectorFeaturizer f = featurizer();
        VectorFeaturizer rebuilt = Featurizers.create(f.spec());
        assertEquals(f.spec(), rebuilt.spec());
        for (String smiles : MOLECULES) {
            assertArrayEquals(f.featurize(smiles), rebuilt.featurize(smiles), smiles);
        }
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }
}
