package io.chemdl4j.featurize.graph;

import java.util.List;
import java.util.Map;


import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.rdkit.RdkitPerceivingFeaturizer;

/**
 * Molecular graphs for graph convolutions, with DeepChem's {@code ConvMolFeaturizer} atom layout
 * (75 features) and DeepChem's bond features with stereo (10 features):
 *
 * <table>
 *   <caption>atom features</caption>
 *   <tr><th>offset</th><th>length</th><th>feature</th></tr>
 *   <tr><td>0</td><td>44</td><td>element one-hot over {@link #ELEMENTS}; the last slot is "other"</td></tr>
 *   <tr><td>44</td><td>11</td><td>heavy-atom degree 0..10</td></tr>
 *   <tr><td>55</td><td>7</td><td>implicit valence (implicit hydrogens) 0..6 (6 also stands for more)</td></tr>
 *   <tr><td>62</td><td>1</td><td>formal charge</td></tr>
 *   <tr><td>63</td><td>1</td><td>radical electrons</td></tr>
 *   <tr><td>64</td><td>5</td><td>hybridization SP, SP2, SP3, SP3D, SP3D2 (SP3D2 also stands for any other)</td></tr>
 *   <tr><td>69</td><td>1</td><td>aromatic</td></tr>
 *   <tr><td>70</td><td>5</td><td>total hydrogens 0..4 (4 also stands for more)</td></tr>
 * </table>
 *
 * <p>Bond features: type one-hot (single, double, triple, aromatic), conjugated, in ring, stereo
 * one-hot (none, any, Z, E). Atoms are perceived as RDKit perceives them ({@link RdkitMolecule}),
 * so aromaticity and hydrogen counts match DeepChem's RDKit-based featurization.
 *
 * <p>Thread-safe and stateless; the caller's molecule is not modified.
 */
public final class GraphFeaturizer extends RdkitPerceivingFeaturizer<MolecularGraph> {
    public static final String NAME = "graph";

    /** DeepChem's ConvMol element list; anything else goes to the last slot. */
    public static final List<String> ELEMENTS = List.of("C", "N", "O", "S", "F", "Si", "P", "Cl", "Br", "Mg",
            "Na", "Ca", "Fe", "As", "Al", "I", "B", "V", "K", "Tl", "Yb", "Sb", "Sn", "Ag", "Pd", "Co", "Se", "Ti",
            "Zn", "H", "Li", "Ge", "Cu", "Au", "Ni", "Cd", "In", "Mn", "Zr", "Cr", "Pt", "Hg", "Pb", "Unknown");
    public static final int ATOM_FEATURES = 75;
    public static final int BOND_FEATURES = 10;

    static final int DEGREE = 44;
    static final int IMPLICIT_VALENCE = 55;
    static final int CHARGE = 62;
    static final int RADICALS = 63;
    static final int HYBRIDIZATION = 64;
    static final int AROMATIC = 69;
    static final int HYDROGENS = 70;

    private static final Map<Integer, Integer> ELEMENT_SLOT = elementSlots();

    private static Map<Integer, Integer> elementSlots() {
        Map<Integer, Integer> slots = new java.util.HashMap<>();
        for (int i = 0; i < ELEMENTS.size() - 1; i++) {
            slots.put(org.openscience.cdk.config.Elements.ofString(ELEMENTS.get(i)).number(), i);
        }
        return Map.copyOf(slots);
    }

    @Override
    public FeaturizerSpec spec() {
        return new FeaturizerSpec(NAME, Map.of("atomFeatures", "convmol75", "bondFeatures", "deepchem10"));
    }

    @Override
    public MolecularGraph features(RdkitMolecule mol) throws InvalidMoleculeException {
        int n = mol.atomCount();
        float[] atoms = new float[n * ATOM_FEATURES];
        int[][] neighbours = new int[n][];
        for (int a = 0; a < n; a++) {
            atomFeatures(mol, a, atoms, a * ATOM_FEATURES);
            neighbours[a] = mol.neighbours(a);
        }
        int bonds = mol.bondCount();
        int[] source = new int[2 * bonds];
        int[] target = new int[2 * bonds];
        float[] edges = new float[2 * bonds * BOND_FEATURES];
        int[] stereo = mol.doubleBondStereo();
        for (int b = 0; b < bonds; b++) {
            source[2 * b] = mol.bondBegin(b);
            target[2 * b] = mol.bondEnd(b);
            source[2 * b + 1] = mol.bondEnd(b);
            target[2 * b + 1] = mol.bondBegin(b);
            bondFeatures(mol, b, stereo[b], edges, 2 * b * BOND_FEATURES);
            System.arraycopy(edges, 2 * b * BOND_FEATURES, edges, (2 * b + 1) * BOND_FEATURES, BOND_FEATURES);
        }
        return new MolecularGraph(ATOM_FEATURES, BOND_FEATURES, atoms, source, target, edges, neighbours);
    }

    static void atomFeatures(RdkitMolecule mol, int a, float[] out, int offset) throws InvalidMoleculeException {
        out[offset + ELEMENT_SLOT.getOrDefault(mol.atomicNumber(a), ELEMENTS.size() - 1)] = 1f;
        int degree = mol.degree(a);
        if (degree > 10) {
            throw new InvalidMoleculeException("atom " + (a + 1) + " has degree " + degree + ", above ConvMol's 10");
        }
        out[offset + DEGREE + degree] = 1f;
        // DeepChem's one_of_k_encoding_unk: a value outside the list takes the last slot.
        out[offset + IMPLICIT_VALENCE + Math.min(mol.implicitHydrogens(a), 6)] = 1f;
        out[offset + CHARGE] = mol.formalCharge(a);
        out[offset + RADICALS] = mol.radicalElectrons(a);
        // the first approximation of RDKit's rules, which saved graph models were trained on
        RdkitMolecule.Hybridization h = mol.approximateHybridization(a);
        // S (bare ions) is not in ConvMol's list, so like any unlisted value it takes the last slot.
        out[offset + HYBRIDIZATION + (h == RdkitMolecule.Hybridization.S ? 4 : h.ordinal() - 1)] = 1f;
        out[offset + AROMATIC] = mol.isAromatic(a) ? 1f : 0f;
        out[offset + HYDROGENS + Math.min(mol.totalHydrogens(a), 4)] = 1f;
    }

    private static void bondFeatures(RdkitMolecule mol, int b, int stereo, float[] out, int offset) {
        switch (mol.bondType(b)) {
            case 1 -> out[offset] = 1f;
            case 2 -> out[offset + 1] = 1f;
            case 3 -> out[offset + 2] = 1f;
            case RdkitMolecule.AROMATIC_BOND -> out[offset + 3] = 1f;
            default -> {
            }
        }
        out[offset + 4] = mol.isApproximatelyConjugated(b) ? 1f : 0f;
        out[offset + 5] = mol.isRingBond(b) ? 1f : 0f;
        out[offset + 6 + stereo] = 1f;
    }

    @Override
    public String toString() {
        return "GraphFeaturizer[convmol75+bond10]";
    }
}
