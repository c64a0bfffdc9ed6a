package io.chemdl4j.featurize.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import io.chemdl4j.featurize.FeaturizerContract;
import io.chemdl4j.featurize.MoleculeFeaturizer;

/** ConvMol atom features checked against values derived by hand from DeepChem's layout. */
class GraphFeaturizerTest {
    private final GraphFeaturizer featurizer = new GraphFeaturizer();

    /** A 75-vector with ones at {@code hot} and the given charge. */
    private static float[] expected(int charge, int... hot) {
        float[] v = new float[GraphFeaturizer.ATOM_FEATURES];
        for (int i : hot) {
            v[i] = 1f;
        }
        v[GraphFeaturizer.CHARGE] = charge;
        return v;
    }

    /** copyAtomFeatures writes one atom's row where it is told, and nothing else; a missing atom is refused. */
    @Test
    void copiesOneAtomsFeaturesIntoABuffer() throws Exception {
        MolecularGraph g = featurizer.featurize("C[C@H](N)C(=O)O");
        int length = g.atomFeatureLength();
        java.nio.FloatBuffer target = java.nio.FloatBuffer.allocate(3 * length);
        target.position(5);
        g.copyAtomFeatures(1, target, length);
        assertEquals(5, target.position());
        float[] written = new float[3 * length];
        target.get(0, written);
        assertArrayEquals(new float[length],
                java.util.Arrays.copyOfRange(written, 0, length));
        assertArrayEquals(g.atomFeatures(1),
                java.util.Arrays.copyOfRange(written, length, 2 * length));
        assertArrayEquals(new float[length],
                java.util.Arrays.copyOfRange(written, 2 * length, 3 * length));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> g.copyAtomFeatures(g.atomCount(), target, 0));
    }

    @Test
    void chargedQuaternaryNitrogen() throws Exception {
        // C[N+](C)(C)C: N (slot 1), degree 4, no implicit H, charge +1, SP3, not aromatic, 0 H
        MolecularGraph g = featurizer.featurize("C[N+](C)(C)C");
        assertArrayEquals(expected(1, 1, 44 + 4, 55 + 0, 64 + 2, 70 + 0), g.atomFeatures(1));
    }

    @Test
    void aromaticSulphur() throws Exception {
        // c1ccsc1: S (slot 3), degree 2, no H, SP2, aromatic
        MolecularGraph g = featurizer.featurize("c1ccsc1");
        assertArrayEquals(expected(0, 3, 44 + 2, 55 + 0, 64 + 1, 69, 70 + 0), g.atomFeatures(3));
    }

    @Test
    void chiralCarbon() throws Exception {
        // C[C@H](N)C(=O)O: the alpha carbon, C (slot 0), degree 3, one implicit H, SP3, 1 H
        MolecularGraph g = featurizer.featurize("C[C@H](N)C(=O)O");
        assertArrayEquals(expected(0, 0, 44 + 3, 55 + 1, 64 + 2, 70 + 1), g.atomFeatures(1));
        // and the carbonyl carbon: degree 3, no H, SP2
        assertArrayEquals(expected(0, 0, 44 + 3, 55 + 0, 64 + 1, 70 + 0), g.atomFeatures(3));
    }

    @Test
    void metalIon() throws Exception {
        // [Na+].[Cl-]: sodium (slot 10), degree 0, charge +1, hybridization S -> ConvMol's last slot
        MolecularGraph g = featurizer.featurize("[Na+].[Cl-]");
        assertArrayEquals(expected(1, 10, 44 + 0, 55 + 0, 64 + 4, 70 + 0), g.atomFeatures(0));
        // chloride: slot 7, degree 0, charge -1, SP3 (4 lone pairs)
        assertArrayEquals(expected(-1, 7, 44 + 0, 55 + 0, 64 + 2, 70 + 0), g.atomFeatures(1));
    }

    @Test
    void unknownElementTakesTheLastSlot() throws Exception {
        MolecularGraph g = featurizer.featurize("[Ga](C)(C)C");
        assertEquals(1f, g.atomFeatures(0)[43]);
    }

    @Test
    void bondsAreDirectedEdgesWithTypeConjugationRingAndStereo() throws Exception {
        MolecularGraph g = featurizer.featurize("C/C=C/c1ccccc1");
        assertEquals(2 * 9, g.edgeCount());
        float[] edges = g.edgeFeatureMatrix();
        // bond 1 (C=C, E): double, conjugated (next to the ring), not in ring, stereo E
        float[] e = java.util.Arrays.copyOfRange(edges, 2 * 1 * 10, 2 * 1 * 10 + 10);
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 1}, e);
        // bond 4 (aromatic, in ring): aromatic, conjugated, ring, no stereo
        e = java.util.Arrays.copyOfRange(edges, 2 * 4 * 10, 2 * 4 * 10 + 10);
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 1, 0, 0, 0}, e);
        // the two directions of a bond carry the same features and swapped ends
        assertEquals(g.edgeSources()[0], g.edgeTargets()[1]);
    }

    @Test
    void batchesAreDisjointUnionsWithAnAtomToMoleculeIndex() throws Exception {
        MolecularGraph a = featurizer.featurize("CCO");
        MolecularGraph b = featurizer.featurize("c1ccccc1");
        GraphBatch batch = GraphBatch.of(List.of(a, b));
        assertEquals(9, batch.atomCount());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, 1, 1}, batch.atomToMolecule());
        assertEquals(2 * 2 + 2 * 6, batch.edgeCount());
        // b's first edge is shifted by a's three atoms
        assertEquals(3 + b.edgeSources()[0], batch.edgeSources()[4]);
        assertArrayEquals(b.atomFeatures(0), java.util.Arrays.copyOfRange(batch.atomFeatures(), 3 * 75, 4 * 75));
    }

    @Test
    void permutingTheSmilesPermutesTheRows() throws Exception {
        MolecularGraph forward = featurizer.featurize("OCC");
        MolecularGraph backward = featurizer.featurize("CCO");
        assertArrayEquals(forward.atomFeatures(0), backward.atomFeatures(2));
        assertArrayEquals(forward.atomFeatures(2), backward.atomFeatures(0));
    }

    @Nested
    class Contract extends FeaturizerContract<MolecularGraph> {
        @Override
        protected MoleculeFeaturizer<MolecularGraph> featurizer() {
            return new GraphFeaturizer();
        }

        @Override
        protected void assertSameFeatures(MolecularGraph expected, MolecularGraph actual, String message) {
            assertEquals(expected, actual, message);
        }
    }
}
