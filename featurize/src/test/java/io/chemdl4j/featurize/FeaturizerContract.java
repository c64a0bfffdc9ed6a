package io.chemdl4j.featurize;

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
 * The contract every {@link MoleculeFeaturizer} must meet (CDK's {@code MolecularDescriptorTest}
 * idea): subclass it, return the featurizer under test and say how two feature values are compared.
 * Published in this module's test-jar.
 */
public abstract class FeaturizerContract<T> {

    /**
     * Molecules that exercise rings, aromaticity, charges, stereo, salts and metals (cisplatin charge-separated, as
     * RDKit and the valence check accept it).
     */
    public static final List<String> MOLECULES = List.of(
            "CCO", "c1ccccc1", "CC(=O)Oc1ccccc1C(=O)O", "C[C@H](N)C(=O)O", "C[C@@H](N)C(=O)O",
            "C/C=C/C", "[NH4+].[Cl-]", "c1ccc2[nH]ccc2c1", "O=S(=O)(O)c1ccccc1", "CC[N+](C)(C)C",
            "c1ccsc1", "[Na+].[O-]C(=O)c1ccccc1", "Cl[Pt-2](Cl)([NH3+])[NH3+]", "C1CC2CCC1C2", "OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O",
            "CN1C=NC2=C1C(=O)N(C(=O)N2C)C", "FC(F)(F)c1ccc(cc1)C#N", "[2H]C([2H])([2H])O", "C=CC=C", "B(O)(O)c1ccccc1");

    /** The featurizer under test. */
    protected abstract MoleculeFeaturizer<T> featurizer();

    /** Fails with {@code message} unless the two feature values are identical. */
    protected abstract void assertSameFeatures(T expected, T actual, String message);

    @Test
    void outputIsStable() throws Exception {
        MoleculeFeaturizer<T> f = featurizer();
        for (String smiles : MOLECULES) {
            T first = f.featurize(smiles);
            assertSameFeatures(first, f.featurize(smiles), smiles);
            assertSameFeatures(first, featurizer().featurize(smiles), "a second instance differs on " + smiles);
        }
    }

    @Test
    void doesNotModifyTheCallersMolecule() throws Exception {
        MoleculeFeaturizer<T> f = featurizer();
        SmilesGenerator generator = new SmilesGenerator(SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols);
        for (String smiles : MOLECULES) {
            IAtomContainer molecule = MoleculeParser.parseSmiles(smiles);
            String before = generator.create(molecule);
            int stereo = count(molecule.stereoElements());
            T features = f.featurize(molecule);
            assertEquals(before, generator.create(molecule), "molecule changed by featurizing " + smiles);
            assertEquals(stereo, count(molecule.stereoElements()), "stereo changed by featurizing " + smiles);
            assertSameFeatures(f.featurize(smiles), features, "molecule and SMILES paths differ on " + smiles);
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        MoleculeFeaturizer<T> f = featurizer();
        List<T> expected = new ArrayList<>();
        for (String smiles : MOLECULES) {
            expected.add(f.featurize(smiles));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<T> out = new ArrayList<>();
                    for (int repeat = 0; repeat < 10; repeat++) {
                        for (String smiles : MOLECULES) {
                            out.add(f.featurize(smiles));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<T>> future : futures) {
                List<T> got = future.get();
                for (int i = 0; i < got.size(); i++) {
                    assertSameFeatures(expected.get(i % MOLECULES.size()), got.get(i),
                            "concurrent result differs on " + MOLECULES.get(i % MOLECULES.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputRaisesInvalidMoleculeWithAReason() {
        MoleculeFeaturizer<T> f = featurizer();
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
        MoleculeFeaturizer<T> f = featurizer();
        @SuppressWarnings("unchecked")
        MoleculeFeaturizer<T> rebuilt = (MoleculeFeaturizer<T>) Featurizers.createAny(f.spec());
        assertEquals(f.spec(), rebuilt.spec());
        for (String smiles : MOLECULES) {
            assertSameFeatures(f.featurize(smiles), rebuilt.featurize(smiles), smiles);
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
