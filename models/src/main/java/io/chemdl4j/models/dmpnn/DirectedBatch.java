package io.chemdl4j.models.dmpnn;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.layers.Matrices;
import io.chemdl4j.models.layers.SparseRows;

/**
 * A batch of molecular graphs as one disjoint directed graph, the way chemprop's {@code BatchMolGraph}
 * collates it: atom and directed-bond feature matrices, and the sparse matrices that move rows along the
 * graph. Directed bond {@code e} of a molecule and its reverse are {@code e} and {@code e ^ 1} (the order of
 * {@link io.chemdl4j.featurize.graph.ChempropGraphFeaturizer}). Immutable.
 */
final class DirectedBatch {
    final int molecules;
    final int atoms;
    final int bonds;
    /** Atom features {@code [atoms × atomFeatures]}. */
    final INDArray atomFeatures;
    /** Bond features {@code [bonds × bondFeatures]} (without the source atom's features). */
    final INDArray bondFeatures;
    /** {@code [bonds × atoms]}: each directed bond's source atom. */
    final SparseRows bondSource;
    /** {@code [bonds × bonds]}: the bonds arriving at a bond's source atom, except its reverse. */
    final SparseRows messages;
    /** {@code [atoms × bonds]}: the bonds arriving at each atom. */
    final SparseRows incoming;
    /** {@code [molecules × atoms]}: each molecule's atoms, weighted by the readout. */
    final SparseRows readout;
    /** {@code [molecules × moleculeFeatures]}, scaled; {@code null} when the graphs carry none. */
    final INDArray moleculeFeatures;

    private DirectedBatch(int molecules, int atoms, int bonds, INDArray atomFeatures, INDArray bondFeatures,
                          SparseRows bondSource, SparseRows messages, SparseRows incoming, SparseRows readout,
                          INDArray moleculeFeatures) {
        this.moleculeFeatures = moleculeFeatures;
        this.molecules = molecules;
        this.atoms = atoms;
        this.bonds = bonds;
        this.atomFeatures = atomFeatures;
        this.bondFeatures = bondFeatures;
        this.bondSource = bondSource;
        this.messages = messages;
        this.incoming = incoming;
        this.readout = readout;
    }

    /**
     * @param scaling scaling of the graphs' molecule features; {@code null} when the model reads none
     * @throws IllegalArgumentException if the graphs are not all {@code atomFeatureLength} and
     *                                  {@code bondFeatureLength} wide
     */
    static DirectedBatch of(List<MolecularGraph> graphs, int atomFeatureLength, int bondFeatureLength,
                            DmpnnConfig.Readout readoutKind, MoleculeFeatureScaling scaling, DataType dtype) {
        int atoms = 0;
        int bonds = 0;
        for (MolecularGraph g : graphs) {
            if (g.atomFeatureLength() != atomFeatureLength || g.bondFeatureLength() != bondFeatureLength) {
                throw new IllegalArgumentException("graphs with " + g.atomFeatureLength() + " atom and "
                        + g.bondFeatureLength() + " bond features; the model reads " + atomFeatureLength + " and "
                        + bondFeatureLength);
            }
            atoms += g.atomCount();
            bonds += g.edgeCount();
        }
        float[] atomRows = new float[atoms * atomFeatureLength];
        float[] bondRows = new float[bonds * bondFeatureLength];
        int[] source = new int[bonds];
        int[] target = new int[bonds];
        int[] moleculeStart = new int[graphs.size() + 1];
        float[] readoutWeight = new float[atoms];
        int atomOffset = 0;
        int bondOffset = 0;
        for (int m = 0; m < graphs.size(); m++) {
            MolecularGraph g = graphs.get(m);
            System.arraycopy(g.atomFeatureMatrix(), 0, atomRows, atomOffset * atomFeatureLength,
                    g.atomCount() * atomFeatureLength);
            System.arraycopy(g.edgeFeatureMatrix(), 0, bondRows, bondOffset * bondFeatureLength,
                    g.edgeCount() * bondFeatureLength);
            int[] s = g.edgeSources();
            int[] t = g.edgeTargets();
            for (int e = 0; e < s.length; e++) {
                source[bondOffset + e] = atomOffset + s[e];
                target[bondOffset + e] = atomOffset + t[e];
            }
            for (int a = 0; a < g.atomCount(); a++) {
                readoutWeight[atomOffset + a] = (float) readoutKind.weight(g.atomCount());
            }
            atomOffset += g.atomCount();
            bondOffset += g.edgeCount();
            moleculeStart[m + 1] = atomOffset;
        }
        SparseRows bondSource = SparseRows.gather(source, atoms);
        SparseRows incoming = SparseRows.gather(target, atoms).transpose();
        // messages[e] = Σ incoming(source(e)) − reverse(e): every bond arriving at e's source but e's reverse
        int[] start = new int[bonds + 1];
        int[] arriving = new int[bonds == 0 ? 0 : bonds * 2];
        int entries = 0;
        int[] incomingStart = new int[atoms + 1];
        int[] incomingBonds = new int[bonds];
        for (int e = 0; e < bonds; e++) {
            incomingStart[target[e] + 1]++;
        }
        for (int a = 0; a < atoms; a++) {
            incomingStart[a + 1] += incomingStart[a];
        }
        int[] fill = java.util.Arrays.copyOf(incomingStart, atoms);
        for (int e = 0; e < bonds; e++) {
            incomingBonds[fill[target[e]]++] = e;
        }
        for (int e = 0; e < bonds; e++) {
            int a = source[e];
            int reverse = e ^ 1;
            for (int k = incomingStart[a]; k < incomingStart[a + 1]; k++) {
                if (incomingBonds[k] != reverse) {
                    if (entries == arriving.length) {
                        arriving = java.util.Arrays.copyOf(arriving, arriving.length * 2);
                    }
                    arriving[entries++] = incomingBonds[k];
                }
            }
            start[e + 1] = entries;
        }
        SparseRows messages = SparseRows.of(bonds, bonds, start, java.util.Arrays.copyOf(arriving, entries), null);
        int[] readoutIndex = new int[atoms];
        for (int a = 0; a < atoms; a++) {
            readoutIndex[a] = a;
        }
        SparseRows readout = SparseRows.of(graphs.size(), atoms, moleculeStart, readoutIndex, readoutWeight);
        INDArray atomMatrix = Matrices.matrix(atomRows, atoms, atomFeatureLength).castTo(dtype);
        INDArray bondMatrix = Matrices.matrix(bondRows, bonds, bondFeatureLength).castTo(dtype);
        INDArray extra = scaling == null ? null : scaling.apply(graphs, dtype);
        return new DirectedBatch(graphs.size(), atoms, bonds, atomMatrix, bondMatrix, bondSource, messages, incoming,
                readout, extra);
    }
}
