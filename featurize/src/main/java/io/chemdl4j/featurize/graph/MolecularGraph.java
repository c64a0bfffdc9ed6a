package io.chemdl4j.featurize.graph;

import java.util.Arrays;

/**
 * A molecule as plain immutable arrays for graph neural networks: one feature row per heavy atom,
 * both directions of every bond as directed edges with their features, neighbour lists, and optionally
 * features of the whole molecule.
 * No deep-learning framework types; a model turns batches of these into tensors.
 *
 * <p>Accessors return copies, so instances can be shared between threads.
 */
public final class MolecularGraph {
    private final int atomFeatureLength;
    private final int bondFeatureLength;
    private final float[] atomFeatures;
    private final int[] edgeSource;
    private final int[] edgeTarget;
    private final float[] edgeFeatures;
    private final int[][] neighbours;
    private final float[] moleculeFeatures;

    MolecularGraph(int atomFeatureLength, int bondFeatureLength, float[] atomFeatures, int[] edgeSource,
                   int[] edgeTarget, float[] edgeFeatures, int[][] neighbours) {
        this(atomFeatureLength, bondFeatureLength, atomFeatures, edgeSource, edgeTarget, edgeFeatures, neighbours,
                new float[0]);
    }

    MolecularGraph(int atomFeatureLength, int bondFeatureLength, float[] atomFeatures, int[] edgeSource,
                   int[] edgeTarget, float[] edgeFeatures, int[][] neighbours, float[] moleculeFeatures) {
        this.moleculeFeatures = moleculeFeatures;
        this.atomFeatureLength = atomFeatureLength;
        this.bondFeatureLength = bondFeatureLength;
        this.atomFeatures = atomFeatures;
        this.edgeSource = edgeSource;
        this.edgeTarget = edgeTarget;
        this.edgeFeatures = edgeFeatures;
        this.neighbours = neighbours;
    }

    /**
     * A graph from its arrays (copied), as stored by a dataset on disk: every length and index is checked, so arrays
     * read from a file cannot build an inconsistent graph.
     *
     * @param atomFeatures     row-major {@code [atoms × atomFeatureLength]}
     * @param edgeSource       source atom of every directed edge
     * @param edgeTarget       target atom of every directed edge
     * @param edgeFeatures     row-major {@code [edges × bondFeatureLength]}
     * @param neighbours       neighbour atoms of every atom
     * @param moleculeFeatures features of the whole molecule, empty for none
     * @throws IllegalArgumentException if a length disagrees or an atom index is out of range
     */
    public static MolecularGraph of(int atomFeatureLength, int bondFeatureLength, float[] atomFeatures,
                                    int[] edgeSource, int[] edgeTarget, float[] edgeFeatures, int[][] neighbours,
                                    float[] moleculeFeatures) {
        int atoms = neighbours.length;
        int edges = edgeSource.length;
        require(atomFeatureLength >= 0 && bondFeatureLength >= 0, "feature lengths must not be negative");
        require(atomFeatures.length == (long) atoms * atomFeatureLength,
                atomFeatures.length + " atom features for " + atoms + " atoms of " + atomFeatureLength);
        require(edgeTarget.length == edges, edges + " edge sources but " + edgeTarget.length + " targets");
        require(edgeFeatures.length == (long) edges * bondFeatureLength,
                edgeFeatures.length + " edge features for " + edges + " edges of " + bondFeatureLength);
        for (int e = 0; e < edges; e++) {
            require(edgeSource[e] >= 0 && edgeSource[e] < atoms && edgeTarget[e] >= 0 && edgeTarget[e] < atoms,
                    "edge " + e + " joins atoms outside 0.." + (atoms - 1));
        }
        int[][] copied = new int[atoms][];
        for (int a = 0; a < atoms; a++) {
            copied[a] = neighbours[a].clone();
            for (int b : copied[a]) {
                require(b >= 0 && b < atoms, "atom " + a + " has the neighbour " + b + ", outside 0.." + (atoms - 1));
            }
        }
        return new MolecularGraph(atomFeatureLength, bondFeatureLength, atomFeatures.clone(), edgeSource.clone(),
                edgeTarget.clone(), edgeFeatures.clone(), copied, moleculeFeatures.clone());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Atoms in the molecule: the rows of the atom features. */
    public int atomCount() {
        return neighbours.length;
    }

    /** Number of directed edges: twice the number of bonds. */
    public int edgeCount() {
        return edgeSource.length;
    }

    /** Features per atom. */
    public int atomFeatureLength() {
        return atomFeatureLength;
    }

    /** Features per bond (0 for graphs without bond features). */
    public int bondFeatureLength() {
        return bondFeatureLength;
    }

    /** Features of one atom. */
    public float[] atomFeatures(int atom) {
        return Arrays.copyOfRange(atomFeatures, atom * atomFeatureLength, (atom + 1) * atomFeatureLength);
    }

    /**
     * Copies atom {@code atom}'s features into {@code target} from its absolute index {@code index} on, leaving the
     * buffer's position as it was: a batch of graphs is laid out without copying each molecule's whole matrix first.
     *
     * @throws IndexOutOfBoundsException if the atom does not exist or the features do not fit from {@code index}
     */
    public void copyAtomFeatures(int atom, java.nio.FloatBuffer target, int index) {
        java.util.Objects.checkIndex(atom, atomCount());
        target.put(index, atomFeatures, atom * atomFeatureLength, atomFeatureLength);
    }

    /** All atom features, row-major {@code [atomCount × atomFeatureLength]}. */
    public float[] atomFeatureMatrix() {
        return atomFeatures.clone();
    }

    /** Source atom of every directed edge. */
    public int[] edgeSources() {
        return edgeSource.clone();
    }

    /** Target atom of every directed edge. */
    public int[] edgeTargets() {
        return edgeTarget.clone();
    }

    /** Bond features of every directed edge, row-major {@code [edgeCount × bondFeatureLength]}. */
    public float[] edgeFeatureMatrix() {
        return edgeFeatures.clone();
    }

    /** Features of the whole molecule carried beside the graph (e.g. descriptors); empty for none. */
    public float[] moleculeFeatures() {
        return moleculeFeatures.clone();
    }

    /** Features of the whole molecule carried with the graph (0 for none). */
    public int moleculeFeatureLength() {
        return moleculeFeatures.length;
    }

    /** Neighbour atoms of {@code atom}, in bond order. */
    public int[] neighbours(int atom) {
        return neighbours[atom].clone();
    }

    /** Number of neighbours of {@code atom} (its heavy-atom degree). */
    public int degree(int atom) {
        return neighbours[atom].length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MolecularGraph g && atomFeatureLength == g.atomFeatureLength
                && bondFeatureLength == g.bondFeatureLength && Arrays.equals(atomFeatures, g.atomFeatures)
                && Arrays.equals(edgeSource, g.edgeSource) && Arrays.equals(edgeTarget, g.edgeTarget)
                && Arrays.equals(edgeFeatures, g.edgeFeatures) && Arrays.deepEquals(neighbours, g.neighbours)
                && Arrays.equals(moleculeFeatures, g.moleculeFeatures);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(atomFeatures) + Arrays.hashCode(edgeSource);
    }

    @Override
    public String toString() {
        return "MolecularGraph[atoms=" + atomCount() + ", edges=" + edgeCount() + "]";
    }
}
