package io.chemdl4j.featurize.graph;

import java.util.List;

/**
 * Many molecular graphs joined into one disjoint graph, the way graph convolutions consume a batch:
 * atoms and edges concatenated, edge indices shifted, and an atom-to-molecule index for pooling.
 * Plain arrays, built once and never modified.
 *
 * @param moleculeCount     number of molecules
 * @param atomFeatureLength features per atom
 * @param bondFeatureLength features per directed edge
 * @param atomFeatures      row-major {@code [atoms × atomFeatureLength]}
 * @param atomToMolecule    molecule (0-based in the batch) of every atom
 * @param edgeSources       source atom (batch index) of every directed edge
 * @param edgeTargets       target atom (batch index) of every directed edge
 * @param edgeFeatures      row-major {@code [edges × bondFeatureLength]}
 * @param degrees           heavy-atom degree of every atom
 */
public record GraphBatch(int moleculeCount, int atomFeatureLength, int bondFeatureLength, float[] atomFeatures,
                         int[] atomToMolecule, int[] edgeSources, int[] edgeTargets, float[] edgeFeatures,
                         int[] degrees) {

    /** Joins {@code graphs} (all made by the same featurizer) into one disjoint graph. */
    public static GraphBatch of(List<MolecularGraph> graphs) {
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one graph");
        }
        int atomLength = graphs.get(0).atomFeatureLength();
        int bondLength = graphs.get(0).bondFeatureLength();
        int atoms = 0;
        int edges = 0;
        for (MolecularGraph g : graphs) {
            if (g.atomFeatureLength() != atomLength || g.bondFeatureLength() != bondLength) {
                throw new IllegalArgumentException("graphs of different featurizers cannot be batched");
            }
            atoms += g.atomCount();
            edges += g.edgeCount();
        }
        float[] atomFeatures = new float[atoms * atomLength];
        int[] atomToMolecule = new int[atoms];
        int[] degrees = new int[atoms];
        int[] sources = new int[edges];
        int[] targets = new int[edges];
        float[] edgeFeatures = new float[edges * bondLength];
        int atomOffset = 0;
        int edgeOffset = 0;
        for (int m = 0; m < graphs.size(); m++) {
            MolecularGraph g = graphs.get(m);
            System.arraycopy(g.atomFeatureMatrix(), 0, atomFeatures, atomOffset * atomLength, g.atomCount() * atomLength);
            for (int a = 0; a < g.atomCount(); a++) {
                atomToMolecule[atomOffset + a] = m;
                degrees[atomOffset + a] = g.degree(a);
            }
            int[] s = g.edgeSources();
            int[] t = g.edgeTargets();
            for (int e = 0; e < s.length; e++) {
                sources[edgeOffset + e] = s[e] + atomOffset;
                targets[edgeOffset + e] = t[e] + atomOffset;
            }
            System.arraycopy(g.edgeFeatureMatrix(), 0, edgeFeatures, edgeOffset * bondLength, s.length * bondLength);
            atomOffset += g.atomCount();
            edgeOffset += s.length;
        }
        return new GraphBatch(graphs.size(), atomLength, bondLength, atomFeatures, atomToMolecule, sources, targets,
                edgeFeatures, degrees);
    }

    /** Total number of atoms in the batch. */
    public int atomCount() {
        return atomToMolecule.length;
    }

    /** Total number of directed edges in the batch. */
    public int edgeCount() {
        return edgeSources.length;
    }
}
