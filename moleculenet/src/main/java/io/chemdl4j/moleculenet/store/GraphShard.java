package io.chemdl4j.moleculenet.store;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.graph.MolecularGraph;

/**
 * The molecular graphs of one shard of a {@link DiskDataset} as seven flat arrays, each stored as one
 * {@code .npy} file (readable by NumPy):
 * <ol>
 *   <li>{@code sizes}, int32 {@code [molecules × 3]}: atoms, directed edges and molecule features of each graph;</li>
 *   <li>{@code atoms}, float32 {@code [atoms × atomFeatureLength]}: every atom's features, graph after graph;</li>
 *   <li>{@code degrees}, int32 {@code [atoms × 1]}: every atom's neighbour count;</li>
 *   <li>{@code neighbours}, int32 {@code [Σdegrees × 1]}: the neighbour lists, atom after atom (indices within the
 *       graph);</li>
 *   <li>{@code edges}, int32 {@code [edges × 2]}: source and target atom of every directed edge;</li>
 *   <li>{@code edgeFeatures}, float32 {@code [edges × bondFeatureLength]};</li>
 *   <li>{@code moleculeFeatures}, float32 {@code [Σmolecule features × 1]}.</li>
 * </ol>
 * Reading checks every count before it sizes an array and every index through {@link MolecularGraph#of}.
 * Instances are immutable.
 */
record GraphShard(int[] sizes, float[] atoms, int[] degrees, int[] neighbours, int[] edges, float[] edgeFeatures,
                  float[] moleculeFeatures) {
    /** File-name suffixes of the seven arrays, in the order above. */
    static final List<String> SUFFIXES = List.of("graph-sizes", "graph-atoms", "graph-degrees", "graph-neighbours",
            "graph-edges", "graph-edge-features", "graph-molecule-features");

    /** The arrays of {@code graphs}. */
    static GraphShard of(List<MolecularGraph> graphs, int atomFeatureLength, int bondFeatureLength) {
        int n = graphs.size();
        int[] sizes = new int[n * 3];
        long atoms = 0;
        long edges = 0;
        long neighbours = 0;
        long molecule = 0;
        for (int i = 0; i < n; i++) {
            MolecularGraph g = graphs.get(i);
            if (g.atomFeatureLength() != atomFeatureLength || g.bondFeatureLength() != bondFeatureLength) {
                throw new IllegalArgumentException("graph " + i + " has " + g.atomFeatureLength() + " atom and "
                        + g.bondFeatureLength() + " bond features; this dataset stores " + atomFeatureLength + " and "
                        + bondFeatureLength);
            }
            sizes[3 * i] = g.atomCount();
            sizes[3 * i + 1] = g.edgeCount();
            sizes[3 * i + 2] = g.moleculeFeatureLength();
            atoms += g.atomCount();
            edges += g.edgeCount();
            molecule += g.moleculeFeatureLength();
            for (int a = 0; a < g.atomCount(); a++) {
                neighbours += g.degree(a);
            }
        }
        float[] atomFeatures = new float[Math.toIntExact(atoms * atomFeatureLength)];
        int[] degrees = new int[Math.toIntExact(atoms)];
        int[] neighbourList = new int[Math.toIntExact(neighbours)];
        int[] edgeList = new int[Math.toIntExact(2 * edges)];
        float[] edgeFeatures = new float[Math.toIntExact(edges * bondFeatureLength)];
        float[] moleculeFeatures = new float[Math.toIntExact(molecule)];
        int atom = 0;
        int neighbour = 0;
        int edge = 0;
        int mol = 0;
        for (MolecularGraph g : graphs) {
            float[] features = g.atomFeatureMatrix();
            System.arraycopy(features, 0, atomFeatures, atom * atomFeatureLength, features.length);
            for (int a = 0; a < g.atomCount(); a++) {
                int[] list = g.neighbours(a);
                degrees[atom + a] = list.length;
                System.arraycopy(list, 0, neighbourList, neighbour, list.length);
                neighbour += list.length;
            }
            atom += g.atomCount();
            int[] source = g.edgeSources();
            int[] target = g.edgeTargets();
            for (int e = 0; e < source.length; e++) {
                edgeList[2 * (edge + e)] = source[e];
                edgeList[2 * (edge + e) + 1] = target[e];
            }
            float[] bond = g.edgeFeatureMatrix();
            System.arraycopy(bond, 0, edgeFeatures, edge * bondFeatureLength, bond.length);
            edge += source.length;
            float[] whole = g.moleculeFeatures();
            System.arraycopy(whole, 0, moleculeFeatures, mol, whole.length);
            mol += whole.length;
        }
        return new GraphShard(sizes, atomFeatures, degrees, neighbourList, edgeList, edgeFeatures, moleculeFeatures);
    }

    /** Totals of the {@code sizes} array: atoms, edges, molecule features; each checked to fit a Java array. */
    static long[] totals(int[] sizes, int atomFeatureLength, int bondFeatureLength) {
        long atoms = 0;
        long edges = 0;
        long molecule = 0;
        for (int i = 0; i < sizes.length; i += 3) {
            if (sizes[i] < 0 || sizes[i + 1] < 0 || sizes[i + 2] < 0) {
                throw new IllegalArgumentException("graph " + i / 3 + " has a negative size");
            }
            atoms += sizes[i];
            edges += sizes[i + 1];
            molecule += sizes[i + 2];
        }
        long limit = Integer.MAX_VALUE - 8;
        if (atoms * Math.max(1, atomFeatureLength) > limit || edges * Math.max(2, bondFeatureLength) > limit
                || molecule > limit) {
            throw new IllegalArgumentException("graph sizes beyond what one shard can hold");
        }
        return new long[] {atoms, edges, molecule};
    }

    /**
     * The graphs these arrays hold.
     *
     * @throws IllegalArgumentException if the arrays disagree with one another
     */
    List<MolecularGraph> graphs(int atomFeatureLength, int bondFeatureLength) {
        int n = sizes.length / 3;
        List<MolecularGraph> graphs = new ArrayList<>(n);
        int atom = 0;
        int neighbour = 0;
        int edge = 0;
        int mol = 0;
        for (int i = 0; i < n; i++) {
            int atomCount = sizes[3 * i];
            int edgeCount = sizes[3 * i + 1];
            int moleculeCount = sizes[3 * i + 2];
            int[][] lists = new int[atomCount][];
            for (int a = 0; a < atomCount; a++) {
                int degree = degrees[atom + a];
                if (degree < 0 || degree > neighbours.length - neighbour) {
                    throw new IllegalArgumentException("graph " + i + ": atom " + a + " has " + degree
                            + " neighbours, more than the shard stores");
                }
                lists[a] = java.util.Arrays.copyOfRange(neighbours, neighbour, neighbour + degree);
                neighbour += degree;
            }
            int[] source = new int[edgeCount];
            int[] target = new int[edgeCount];
            for (int e = 0; e < edgeCount; e++) {
                source[e] = edges[2 * (edge + e)];
                target[e] = edges[2 * (edge + e) + 1];
            }
            graphs.add(MolecularGraph.of(atomFeatureLength, bondFeatureLength,
                    java.util.Arrays.copyOfRange(atoms, atom * atomFeatureLength, (atom + atomCount) * atomFeatureLength),
                    source, target,
                    java.util.Arrays.copyOfRange(edgeFeatures, edge * bondFeatureLength,
                            (edge + edgeCount) * bondFeatureLength),
                    lists, java.util.Arrays.copyOfRange(moleculeFeatures, mol, mol + moleculeCount)));
            atom += atomCount;
            edge += edgeCount;
            mol += moleculeCount;
        }
        if (neighbour != neighbours.length) {
            throw new IllegalArgumentException("the shard stores " + neighbours.length + " neighbours, its atoms "
                    + neighbour);
        }
        return graphs;
    }
}
