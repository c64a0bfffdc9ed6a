package io.chemdl4j.models.graphconv;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.featurize.graph.MolecularGraph;

/**
 * A batch of molecular graphs as one disjoint graph, laid out for the graph layers: atoms sorted by
 * degree (stable), so the atoms of each degree are one block of rows and a degree-specific weight is
 * one matrix product on that block (DeepChem's {@code ConvMol} batches are ordered the same way);
 * neighbour lists and molecule memberships as compressed index lists into that order. Plain arrays,
 * immutable after construction; the features stay in the molecules' own arrays until {@link #features()}.
 */
final class GraphLayout {
    /** Highest degree with its own weights (DeepChem's {@code max_deg}); higher degrees share its weights. */
    static final int MAX_DEGREE = 10;

    final int atomCount;
    final int moleculeCount;
    final int featureLength;
    /** The molecules, whose atom features {@link #features} lays out. */
    private final List<MolecularGraph> graphs;
    /** The row of each atom (molecule after molecule, in each molecule's order) in degree order. */
    private final int[] position;
    /** Atoms of (capped) degree d are rows {@code degreeStart[d] .. degreeStart[d+1]-1}. */
    final int[] degreeStart;
    /** Neighbours of atom i are {@code neighbours[neighbourStart[i] .. neighbourStart[i+1]-1]}. */
    final int[] neighbourStart;
    final int[] neighbours;
    /** Atoms of molecule m are {@code moleculeAtoms[moleculeStart[m] .. moleculeStart[m+1]-1]}. */
    final int[] moleculeStart;
    final int[] moleculeAtoms;

    private GraphLayout(int atomCount, int moleculeCount, int featureLength, List<MolecularGraph> graphs,
                        int[] position, int[] degreeStart, int[] neighbourStart, int[] neighbours,
                        int[] moleculeStart, int[] moleculeAtoms) {
        this.atomCount = atomCount;
        this.moleculeCount = moleculeCount;
        this.featureLength = featureLength;
        this.graphs = graphs;
        this.position = position;
        this.degreeStart = degreeStart;
        this.neighbourStart = neighbourStart;
        this.neighbours = neighbours;
        this.moleculeStart = moleculeStart;
        this.moleculeAtoms = moleculeAtoms;
    }

    static GraphLayout of(List<MolecularGraph> graphs) {
        int n = 0;
        for (MolecularGraph g : graphs) {
            n += g.atomCount();
        }
        int featureLength = graphs.get(0).atomFeatureLength();
        int[] degreeOf = new int[n];
        int[] moleculeOf = new int[n];
        int[] counts = new int[MAX_DEGREE + 2];
        int atom = 0;
        for (int m = 0; m < graphs.size(); m++) {
            MolecularGraph g = graphs.get(m);
            if (g.atomFeatureLength() != featureLength) {
                throw new IllegalArgumentException("graphs of different featurizers cannot be batched");
            }
            for (int a = 0; a < g.atomCount(); a++, atom++) {
                degreeOf[atom] = Math.min(g.degree(a), MAX_DEGREE);
                moleculeOf[atom] = m;
                counts[degreeOf[atom] + 1]++;
            }
        }
        int[] degreeStart = new int[MAX_DEGREE + 2];
        for (int d = 1; d < degreeStart.length; d++) {
            degreeStart[d] = degreeStart[d - 1] + counts[d];
        }
        // position of each original atom in degree order (stable)
        int[] position = new int[n];
        int[] next = degreeStart.clone();
        for (int i = 0; i < n; i++) {
            position[i] = next[degreeOf[i]]++;
        }
        int[] neighbourCount = new int[n];
        int[] moleculeStart = new int[graphs.size() + 1];
        int[] moleculeAtoms = new int[n];
        atom = 0;
        for (int m = 0; m < graphs.size(); m++) {
            MolecularGraph g = graphs.get(m);
            moleculeStart[m + 1] = moleculeStart[m] + g.atomCount();
            for (int a = 0; a < g.atomCount(); a++, atom++) {
                int p = position[atom];
                neighbourCount[p] = g.degree(a);
                moleculeAtoms[moleculeStart[m] + a] = p;
            }
        }
        int[] neighbourStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            neighbourStart[i + 1] = neighbourStart[i] + neighbourCount[i];
        }
        int[] neighbours = new int[neighbourStart[n]];
        atom = 0;
        for (MolecularGraph g : graphs) {
            int offset = atom;
            for (int a = 0; a < g.atomCount(); a++) {
                int p = position[offset + a];
                int[] nb = g.neighbours(a);
                for (int k = 0; k < nb.length; k++) {
                    neighbours[neighbourStart[p] + k] = position[offset + nb[k]];
                }
            }
            atom += g.atomCount();
        }
        return new GraphLayout(n, graphs.size(), featureLength, List.copyOf(graphs), position, degreeStart,
                neighbourStart, neighbours, moleculeStart, moleculeAtoms);
    }

    /**
     * The atom features, row-major {@code [atoms × featureLength]} in degree order, in single precision: copied from
     * each molecule's feature matrix straight into the new array's memory (no batch-sized Java array, which would be
     * a humongous allocation for G1 under a small heap).
     */
    INDArray features() {
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {atomCount, featureLength}, 'c');
        if (atomCount == 0) {
            return x;
        }
        java.nio.FloatBuffer buffer = x.data().asNioFloat();
        int atom = 0;
        for (MolecularGraph g : graphs) {
            for (int a = 0; a < g.atomCount(); a++, atom++) {
                g.copyAtomFeatures(a, buffer, position[atom] * featureLength);
            }
        }
        return x;
    }
}
