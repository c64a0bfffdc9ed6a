package io.chemdl4j.featurize.graph;

import java.util.List;
import java.util.Map;

import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.rdkit.RdkitDescriptors;
import io.chemdl4j.featurize.rdkit.RdkitPerceivingFeaturizer;

/**
 * Molecular graphs with chemprop's atom and bond features (chemprop v1.7 {@code MolGraph} with its
 * default featurization; Yang et al., J. Chem. Inf. Model. 2019, 59, 3370), for directed message
 * passing. Atoms are perceived as RDKit's {@code MolFromSmiles} leaves them ({@link RdkitMolecule}).
 *
 * <table>
 *   <caption>atom features (133)</caption>
 *   <tr><th>offset</th><th>length</th><th>feature</th></tr>
 *   <tr><td>0</td><td>101</td><td>atomic number 1..100 one-hot; the last slot for anything else</td></tr>
 *   <tr><td>101</td><td>7</td><td>total degree (neighbours and hydrogens) 0..5, then "other"</td></tr>
 *   <tr><td>108</td><td>6</td><td>formal charge -1, -2, 1, 2, 0, then "other"</td></tr>
 *   <tr><td>114</td><td>5</td><td>RDKit chiral tag: unspecified, CW, CCW, other, then "other"</td></tr>
 *   <tr><td>119</td><td>6</td><td>hydrogens 0..4 (not those kept as atoms), then "other"</td></tr>
 *   <tr><td>125</td><td>6</td><td>hybridization SP, SP2, SP3, SP3D, SP3D2, then "other"</td></tr>
 *   <tr><td>131</td><td>1</td><td>aromatic</td></tr>
 *   <tr><td>132</td><td>1</td><td>mass / 100 (RDKit's standard weight, or the isotope's mass)</td></tr>
 * </table>
 *
 * <p>Bond features (14): a "no bond" flag (always 0 here), bond type one-hot (single, double, triple,
 * aromatic), conjugated, in ring, RDKit's bond stereo (none, any, Z, E, cis, trans, then "other").
 *
 * <p>Directed edges follow chemprop's order: atom pairs {@code (i, j)}, {@code i < j}, in ascending order;
 * each bond gives edge {@code 2k} from {@code i} to {@code j} and edge {@code 2k + 1} back, so an edge's
 * reverse is {@code e ^ 1} and an atom's incoming edges, in ascending order, are chemprop's {@code a2b}.
 *
 * <p>With extra features ({@link ExtraFeatures#DESCRIPTORS}), each graph also carries the molecule's RDKit-named
 * descriptors ({@link DescriptorFeaturizer}, NaN where one cannot be computed), as chemprop's
 * {@code --features_generator rdkit_2d} does; a model scales them on its training data.
 *
 * <p>Thread-safe and stateless; the caller's molecule is not modified.
 */
public final class ChempropGraphFeaturizer extends RdkitPerceivingFeaturizer<MolecularGraph> {
    public static final String NAME = "chemprop-graph";
    public static final int ATOM_FEATURES = 133;
    public static final int BOND_FEATURES = 14;

    static final int DEGREE = 101;
    static final int CHARGE = 108;
    static final int CHIRALITY = 114;
    static final int HYDROGENS = 119;
    static final int HYBRIDIZATION = 125;
    static final int AROMATIC = 131;
    static final int MASS = 132;
    /** The spec parameter naming the extra molecule features. */
    public static final String EXTRA_FEATURES = "extraFeatures";
    /** Spec parameter: the extra descriptors by name, comma-separated. */
    public static final String DESCRIPTOR_NAMES = "descriptorNames";
    private static final int[] CHARGES = {-1, -2, 1, 2, 0};

    /** Features of the whole molecule carried with its graph. */
    public enum ExtraFeatures {
        /** None (chemprop's default). */
        NONE,
        /** The RDKit-named descriptors of {@link DescriptorFeaturizer}. */
        DESCRIPTORS;

        /** Its name in specs and on the command line. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException for an unknown name, listing the known ones */
        public static ExtraFeatures of(String id) {
            for (ExtraFeatures e : values()) {
                if (e.id().equals(id)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown extra features '" + id + "'; known: "
                    + java.util.Arrays.stream(values()).map(ExtraFeatures::id).toList());
        }
    }

    private final ExtraFeatures extra;
    private final DescriptorFeaturizer descriptors;

    /** Chemprop's graphs without extra features. */
    public ChempropGraphFeaturizer() {
        this(ExtraFeatures.NONE);
    }

    /** A featurizer that also carries {@code extra} features per molecule with each graph (all RDKit-named descriptors). */
    public ChempropGraphFeaturizer(ExtraFeatures extra) {
        this(extra, extra == ExtraFeatures.DESCRIPTORS ? new DescriptorFeaturizer() : null);
    }

    private ChempropGraphFeaturizer(ExtraFeatures extra, DescriptorFeaturizer descriptors) {
        this.extra = java.util.Objects.requireNonNull(extra, "extra");
        this.descriptors = descriptors;
    }

    /**
     * The featurizer that produced {@code spec}. A spec with descriptors but without their names was saved when the
     * toolkit computed {@link RdkitDescriptors#FIRST_125_NAMES}, and keeps them.
     */
    public static ChempropGraphFeaturizer fromSpec(FeaturizerSpec spec) {
        ExtraFeatures extra = ExtraFeatures.of(spec.parameters().getOrDefault(EXTRA_FEATURES, ExtraFeatures.NONE.id()));
        if (extra != ExtraFeatures.DESCRIPTORS) {
            return new ChempropGraphFeaturizer(extra, null);
        }
        String names = spec.parameters().get(DESCRIPTOR_NAMES);
        return new ChempropGraphFeaturizer(extra, new DescriptorFeaturizer(names == null
                ? RdkitDescriptors.FIRST_125_NAMES : List.of(names.split(","))));
    }

    @Override
    public FeaturizerSpec spec() {
        Map<String, String> parameters = new java.util.TreeMap<>(Map.of("atomFeatures", "chemprop133",
                "bondFeatures", "chemprop14"));
        if (extra != ExtraFeatures.NONE) {
            parameters.put(EXTRA_FEATURES, extra.id());
            parameters.put(DESCRIPTOR_NAMES, String.join(",", descriptors.featureNames()));
        }
        return new FeaturizerSpec(NAME, parameters);
    }

    @Override
    public MolecularGraph features(RdkitMolecule mol) throws InvalidMoleculeException {
        int n = mol.atomCount();
        RdkitMolecule.StereoCodes stereo = mol.stereoCodes();
        float[] atoms = new float[n * ATOM_FEATURES];
        for (int a = 0; a < n; a++) {
            atomFeatures(mol, a, stereo.chiralTags()[a], atoms, a * ATOM_FEATURES);
        }
        // chemprop walks the atom pairs (i < j); sort the bonds that way.
        int bonds = mol.bondCount();
        long[] keyed = new long[bonds];
        for (int b = 0; b < bonds; b++) {
            int i = Math.min(mol.bondBegin(b), mol.bondEnd(b));
            int j = Math.max(mol.bondBegin(b), mol.bondEnd(b));
            keyed[b] = ((long) i * n + j) * bonds + b;
        }
        java.util.Arrays.sort(keyed);
        int[] source = new int[2 * bonds];
        int[] target = new int[2 * bonds];
        float[] edges = new float[2 * bonds * BOND_FEATURES];
        int[][] neighbours = new int[n][];
        int[] degree = new int[n];
        for (int k = 0; k < bonds; k++) {
            int b = (int) (keyed[k] % bonds);
            int i = Math.min(mol.bondBegin(b), mol.bondEnd(b));
            int j = Math.max(mol.bondBegin(b), mol.bondEnd(b));
            source[2 * k] = i;
            target[2 * k] = j;
            source[2 * k + 1] = j;
            target[2 * k + 1] = i;
            degree[i]++;
            degree[j]++;
            bondFeatures(mol, b, stereo.doubleBondStereo()[b], edges, 2 * k * BOND_FEATURES);
            System.arraycopy(edges, 2 * k * BOND_FEATURES, edges, (2 * k + 1) * BOND_FEATURES, BOND_FEATURES);
        }
        for (int a = 0; a < n; a++) {
            neighbours[a] = new int[degree[a]];
            degree[a] = 0;
        }
        for (int e = 0; e < source.length; e += 2) {
            neighbours[source[e]][degree[source[e]]++] = target[e];
            neighbours[target[e]][degree[target[e]]++] = source[e];
        }
        return new MolecularGraph(ATOM_FEATURES, BOND_FEATURES, atoms, source, target, edges, neighbours,
                descriptors == null ? new float[0] : descriptors.features(mol));
    }

    private static void atomFeatures(RdkitMolecule mol, int a, int chiralTag, float[] out, int offset)
            throws InvalidMoleculeException {
        int z = mol.atomicNumber(a);
        out[offset + (z >= 1 && z <= 100 ? z - 1 : 100)] = 1f;
        out[offset + DEGREE + Math.min(mol.totalDegree(a), 6)] = 1f;
        int charge = 5;
        for (int k = 0; k < CHARGES.length; k++) {
            if (CHARGES[k] == mol.formalCharge(a)) {
                charge = k;
            }
        }
        out[offset + CHARGE + charge] = 1f;
        out[offset + CHIRALITY + chiralTag] = 1f;
        // RDKit's GetTotalNumHs() without neighbours: hydrogens kept as atoms (isotopes) are not counted.
        out[offset + HYDROGENS + Math.min(mol.implicitHydrogens(a), 5)] = 1f;
        RdkitMolecule.Hybridization h = mol.hybridization(a);
        out[offset + HYBRIDIZATION + (h == RdkitMolecule.Hybridization.S ? 5 : h.ordinal() - 1)] = 1f;
        out[offset + AROMATIC] = mol.isAromatic(a) ? 1f : 0f;
        out[offset + MASS] = (float) (0.01 * mol.mass(a));
    }

    private static void bondFeatures(RdkitMolecule mol, int b, int stereo, float[] out, int offset) {
        switch (mol.bondType(b)) {
            case 1 -> out[offset + 1] = 1f;
            case 2 -> out[offset + 2] = 1f;
            case 3 -> out[offset + 3] = 1f;
            case RdkitMolecule.AROMATIC_BOND -> out[offset + 4] = 1f;
            default -> {
            }
        }
        out[offset + 5] = mol.isConjugated(b) ? 1f : 0f;
        out[offset + 6] = mol.isRingBond(b) ? 1f : 0f;
        out[offset + 7 + Math.min(stereo, 6)] = 1f;
    }

    @Override
    public String toString() {
        return "ChempropGraphFeaturizer[atom133+bond14" + (extra == ExtraFeatures.NONE ? "" : "+" + extra.id()) + "]";
    }
}
