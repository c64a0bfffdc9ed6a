package io.chemdl4j.featurize.rdkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

import io.chemdl4j.featurize.InvalidMoleculeException;

/**
 * 2D descriptors under the names RDKit's {@code Descriptors} module and DeepChem's
 * {@code RDKitDescriptors} use, computed on CDK so that the numbers agree with RDKit's.
 *
 * <p>{@link #NAMES} lists, in RDKit's {@code descList} order, every descriptor computed here; a name
 * is only listed once the oracle test shows it agrees with native RDKit (1e-3 relative, counts exact)
 * on at least 98% of the Tox21, Delaney and AqSolDB molecules. Thread-safe.
 */
public final class RdkitDescriptors {

    private static final SmartsTable FRAGMENTS = SmartsTable.load("fragments.tsv");
    private static final SmartsTable CRIPPEN = SmartsTable.load("crippen.tsv");
    private static final double[] CRIPPEN_LOGP = crippenColumn(0);
    private static final double[] CRIPPEN_MR = crippenColumn(1);

    private static final String HBD = "[N&!H0&v3,N&!H0&+1&v4,O&H1&+0,S&H1&+0,n&H1&+0]";
    private static final String HBA = "[$([O,S;H1;v2]-[!$(*=[O,N,P,S])]),$([O,S;H0;v2]),$([O,S;-]),"
            + "$([N;v3;!$(N-*=!@[O,N,P,S])]),$([nH0,o,s;+0])]";
    private static final String ROTATABLE_STRICT = "[!$(*#*)&!D1&!$(C(F)(F)F)&!$(C(Cl)(Cl)Cl)&!$(C(Br)(Br)Br)"
            + "&!$(C([CH3])([CH3])[CH3])&!$([CD3](=[N,O,S])-!@[#7,O,S!D1])&!$([#7,O,S!D1]-!@[CD3]=[N,O,S])"
            + "&!$([CD3](=[N+])-!@[#7!D1])&!$([#7!D1]-!@[CD3]=[N+])]-,:;!@[!$(*#*)&!D1&!$(C(F)(F)F)"
            + "&!$(C(Cl)(Cl)Cl)&!$(C(Br)(Br)Br)&!$(C([CH3])([CH3])[CH3])]";
    private static final ThreadLocal<SmartsPattern[]> LIPINSKI = ThreadLocal.withInitial(() -> new SmartsPattern[] {
        SmartsTable.compile(HBD), SmartsTable.compile(HBA), SmartsTable.compile(ROTATABLE_STRICT)});

    /** Every descriptor this class computes, in RDKit's {@code descList} order. */
    public static final List<String> ALL_NAMES;

    /** Computed but not (yet) within tolerance of RDKit on the oracle: never exposed under RDKit's name. */
    private static final Set<String> DISAGREEING = Set.of();

    /** The descriptors that agree with RDKit, in RDKit's {@code descList} order. */
    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of(
                "MolWt", "HeavyAtomMolWt", "ExactMolWt", "NumValenceElectrons", "NumRadicalElectrons",
                "FpDensityMorgan1", "FpDensityMorgan2", "FpDensityMorgan3",
                "Chi0", "Chi0n", "Chi0v", "Chi1", "Chi1n", "Chi1v", "Chi2n", "Chi2v", "Chi3n", "Chi3v",
                "Chi4n", "Chi4v",
                "FractionCSP3", "HeavyAtomCount", "NHOHCount", "NOCount",
                "NumAliphaticCarbocycles", "NumAliphaticHeterocycles", "NumAliphaticRings",
                "NumAromaticCarbocycles", "NumAromaticHeterocycles", "NumAromaticRings",
                "NumHAcceptors", "NumHDonors", "NumHeteroatoms", "NumRotatableBonds",
                "NumSaturatedCarbocycles", "NumSaturatedHeterocycles", "NumSaturatedRings", "RingCount",
                "MolLogP", "MolMR"));
        for (SmartsTable.Row row : FRAGMENTS.rows()) {
            names.add(row.name());
        }
        ALL_NAMES = List.copyOf(names);
        NAMES = ALL_NAMES.stream().filter(n -> !DISAGREEING.contains(n)).toList();
    }

    private RdkitDescriptors() {
    }

    private static double[] crippenColumn(int column) {
        double[] values = new double[CRIPPEN.size()];
        for (int i = 0; i < values.length; i++) {
            String v = CRIPPEN.rows().get(i).values()[column];
            values[i] = v.isBlank() ? 0.0 : Double.parseDouble(v);
        }
        return values;
    }

    /** All descriptors of a perceived molecule, by name, in {@link #ALL_NAMES} order. */
    public static Map<String, Double> compute(RdkitMolecule mol) throws InvalidMoleculeException {
        Map<String, Double> out = new LinkedHashMap<>(256);
        composition(mol, out);
        morganDensity(mol, out);
        connectivity(mol, out);
        counts(mol, out);
        crippen(mol, out);
        IAtomContainer container = mol.container();
        for (int i = 0; i < FRAGMENTS.size(); i++) {
            out.put(FRAGMENTS.rows().get(i).name(), (double) FRAGMENTS.countUnique(i, container));
        }
        return out;
    }

    // ---- composition -------------------------------------------------------------------------

    private static void composition(RdkitMolecule mol, Map<String, Double> out) throws InvalidMoleculeException {
        double molWt = 0;
        double heavyWt = 0;
        double exact = 0;
        int valenceElectrons = 0;
        int radicals = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            int z = mol.atomicNumber(a);
            int hs = mol.implicitHydrogens(a);
            double weight = mol.massNumber(a) == 0 ? RdkitElements.weight(z) : RdkitElements.isotopeMass(z, mol.massNumber(a));
            double mono = mol.massNumber(a) == 0 ? RdkitElements.monoisotopicMass(z) : RdkitElements.isotopeMass(z, mol.massNumber(a));
            molWt += weight + hs * RdkitElements.weight(1);
            exact += mono + hs * RdkitElements.monoisotopicMass(1);
            if (z != 1) {
                heavyWt += weight;
            }
            valenceElectrons += RdkitElements.outerElectrons(z) - mol.formalCharge(a) + mol.totalHydrogens(a);
            radicals += mol.radicalElectrons(a);
        }
        out.put("MolWt", molWt);
        out.put("HeavyAtomMolWt", heavyWt);
        out.put("ExactMolWt", exact);
        out.put("NumValenceElectrons", (double) valenceElectrons);
        out.put("NumRadicalElectrons", (double) radicals);
    }

    // ---- Morgan fingerprint density ---------------------------------------------------------------

    private static void morganDensity(RdkitMolecule mol, Map<String, Double> out) throws InvalidMoleculeException {
        int heavy = heavyAtoms(mol);
        int[] distinct = MorganEnvironments.distinctIdentifiersByRadius(mol, 3);
        for (int radius = 1; radius <= 3; radius++) {
            out.put("FpDensityMorgan" + radius, heavy == 0 ? 0.0 : (double) distinct[radius] / heavy);
        }
    }

    private static int heavyAtoms(RdkitMolecule mol) {
        int heavy = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            if (mol.atomicNumber(a) > 1) {
                heavy++;
            }
        }
        return heavy;
    }

    // ---- connectivity (Kier-Hall chi) indices -----------------------------------------------------

    private static void connectivity(RdkitMolecule mol, Map<String, Double> out) {
        int n = mol.atomCount();
        double[] plain = new double[n];
        double[] nval = new double[n];
        double[] hk = new double[n];
        for (int a = 0; a < n; a++) {
            int z = mol.atomicNumber(a);
            int degree = mol.degree(a); // RDKit's GetDegree: explicit neighbours
            plain[a] = degree == 0 ? 0 : 1 / Math.sqrt(degree);
            int outer = RdkitElements.outerElectrons(z);
            double nv = outer - mol.totalHydrogens(a);
            nval[a] = nv == 0 ? 0 : 1 / Math.sqrt(nv);
            double d;
            if (z <= 1) {
                d = 0;
            } else if (z <= 10) {
                d = outer - mol.totalHydrogens(a);
            } else {
                d = (double) (outer - mol.totalHydrogens(a)) / (z - outer - 1);
            }
            hk[a] = d == 0 ? 0 : 1 / Math.sqrt(d);
        }
        out.put("Chi0", sum(plain));
        out.put("Chi0n", sum(nval));
        out.put("Chi0v", sum(hk));
        out.put("Chi1", pathSum(mol, plain, 1));
        out.put("Chi1n", pathSum(mol, nval, 1));
        out.put("Chi1v", pathSum(mol, hk, 1));
        for (int order = 2; order <= 4; order++) {
            out.put("Chi" + order + "n", pathSum(mol, nval, order));
            out.put("Chi" + order + "v", pathSum(mol, hk, order));
        }
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /**
     * RDKit's chi path sum: over every walk of {@code length} distinct bonds whose atoms are distinct
     * except that the last may close onto an earlier one, the product of the atoms' weights. A walk
     * that closes a ring onto its first atom counts that atom once; one that closes onto an inner atom
     * counts it twice (as RDKit's atom list of such a path repeats it). Each path is counted once.
     */
    private static double pathSum(RdkitMolecule mol, double[] weights, int length) {
        double[] total = new double[1];
        int[] path = new int[length + 1];
        boolean[] onPath = new boolean[mol.atomCount()];
        for (int start = 0; start < mol.atomCount(); start++) {
            path[0] = start;
            onPath[start] = true;
            extend(mol, weights, path, 1, length, onPath, total);
            onPath[start] = false;
        }
        return total[0];
    }

    private static void extend(RdkitMolecule mol, double[] weights, int[] path, int depth, int length,
                               boolean[] onPath, double[] total) {
        int last = path[depth - 1];
        for (int k = 0; k < mol.degree(last); k++) {
            int next = mol.neighbour(last, k);
            if (depth >= 2 && next == path[depth - 2]) {
                continue; // the bond just walked
            }
            path[depth] = next;
            if (depth == length) {
                if (!onPath[next]) {
                    if (path[0] < next) { // a simple path, found from both ends
                        total[0] += product(weights, path, length + 1);
                    }
                } else if (next == path[0]) {
                    // a ring of `length` bonds, found from each atom in both directions
                    if (isCanonicalRing(path, length)) {
                        total[0] += product(weights, path, length);
                    }
                } else if (isCanonicalLasso(path, length)) {
                    total[0] += product(weights, path, length + 1);
                }
            } else if (!onPath[next]) {
                onPath[next] = true;
                extend(mol, weights, path, depth + 1, length, onPath, total);
                onPath[next] = false;
            }
        }
    }

    private static double product(double[] weights, int[] path, int atoms) {
        double p = 1;
        for (int i = 0; i < atoms; i++) {
            p *= weights[path[i]];
        }
        return p;
    }

    /**
     * A walk that closes onto an inner atom covers the same bonds whichever way it goes round its
     * loop; it is counted in the direction where the loop starts with the lower atom.
     */
    private static boolean isCanonicalLasso(int[] path, int length) {
        int closing = path[length];
        int j = 1;
        while (path[j] != closing) {
            j++;
        }
        return path[j + 1] < path[length - 1];
    }

    /** A ring walk is counted from its lowest atom, in the direction of its lower neighbour. */
    private static boolean isCanonicalRing(int[] path, int length) {
        for (int i = 1; i < length; i++) {
            if (path[i] < path[0]) {
                return false;
            }
        }
        return length < 3 || path[1] < path[length - 1];
    }

    // ---- counts ------------------------------------------------------------------------------

    private static void counts(RdkitMolecule mol, Map<String, Double> out) {
        IAtomContainer container = mol.container();
        int carbons = 0;
        int sp3Carbons = 0;
        int heteroatoms = 0;
        int nohCount = 0;
        int nhohCount = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            int z = mol.atomicNumber(a);
            if (z == 6) {
                carbons++;
                if (isSp3(mol, a)) {
                    sp3Carbons++;
                }
            } else if (z != 1) {
                heteroatoms++;
            }
            if (z == 7 || z == 8) {
                nohCount++;
                nhohCount += mol.totalHydrogens(a);
            }
        }
        out.put("FractionCSP3", carbons == 0 ? 0.0 : (double) sp3Carbons / carbons);
        out.put("HeavyAtomCount", (double) heavyAtoms(mol));
        out.put("NHOHCount", (double) nhohCount);
        out.put("NOCount", (double) nohCount);
        rings(mol, out);
        SmartsPattern[] lipinski = LIPINSKI.get();
        out.put("NumHAcceptors", (double) lipinski[1].matchAll(container).uniqueAtoms().count());
        out.put("NumHDonors", (double) lipinski[0].matchAll(container).uniqueAtoms().count());
        out.put("NumHeteroatoms", (double) heteroatoms);
        out.put("NumRotatableBonds", (double) lipinski[2].matchAll(container).uniqueAtoms().count());
    }

    /** RDKit calls a carbon SP3 when it has four σ partners (neighbours plus hydrogens) and no π bond. */
    private static boolean isSp3(RdkitMolecule mol, int a) {
        if (mol.isAromatic(a)) {
            return false;
        }
        for (int k = 0; k < mol.degree(a); k++) {
            if (mol.bondType(mol.neighbourBond(a, k)) != 1) {
                return false;
            }
        }
        return mol.totalDegree(a) == 4;
    }

    private static void rings(RdkitMolecule mol, Map<String, Double> out) {
        IAtomContainer container = mol.container();
        int[][] paths = Cycles.sssr(container).paths();
        int aromaticCarbo = 0;
        int aromaticHetero = 0;
        int saturatedCarbo = 0;
        int saturatedHetero = 0;
        int aliphaticCarbo = 0;
        int aliphaticHetero = 0;
        for (int[] path : paths) {
            boolean allAromatic = true;
            boolean allSingle = true;
            boolean hetero = false;
            for (int i = 0; i + 1 < path.length; i++) {
                IBond bond = container.getBond(container.getAtom(path[i]), container.getAtom(path[i + 1]));
                int type = mol.bondType(container.indexOf(bond));
                allAromatic &= type == RdkitMolecule.AROMATIC_BOND;
                allSingle &= type == 1;
                hetero |= mol.atomicNumber(path[i]) != 6;
            }
            if (allAromatic) {
                if (hetero) {
                    aromaticHetero++;
                } else {
                    aromaticCarbo++;
                }
            } else {
                if (hetero) {
                    aliphaticHetero++;
                } else {
                    aliphaticCarbo++;
                }
                if (allSingle) {
                    if (hetero) {
                        saturatedHetero++;
                    } else {
                        saturatedCarbo++;
                    }
                }
            }
        }
        out.put("NumAliphaticCarbocycles", (double) aliphaticCarbo);
        out.put("NumAliphaticHeterocycles", (double) aliphaticHetero);
        out.put("NumAliphaticRings", (double) (aliphaticCarbo + aliphaticHetero));
        out.put("NumAromaticCarbocycles", (double) aromaticCarbo);
        out.put("NumAromaticHeterocycles", (double) aromaticHetero);
        out.put("NumAromaticRings", (double) (aromaticCarbo + aromaticHetero));
        out.put("NumSaturatedCarbocycles", (double) saturatedCarbo);
        out.put("NumSaturatedHeterocycles", (double) saturatedHetero);
        out.put("NumSaturatedRings", (double) (saturatedCarbo + saturatedHetero));
        out.put("RingCount", (double) paths.length);
    }

    // ---- Wildman-Crippen logP and molar refractivity ------------------------------------------------

    private static void crippen(RdkitMolecule mol, Map<String, Double> out) throws InvalidMoleculeException {
        IAtomContainer withHydrogens;
        try {
            withHydrogens = mol.container().clone();
        } catch (CloneNotSupportedException e) {
            throw new InvalidMoleculeException("molecule cannot be copied", e);
        }
        AtomContainerManipulator.convertImplicitToExplicitHydrogens(withHydrogens);
        int n = withHydrogens.getAtomCount();
        int[] type = new int[n];
        java.util.Arrays.fill(type, -1);
        int typed = 0;
        for (int p = 0; p < CRIPPEN.size() && typed < n; p++) {
            for (int[] match : CRIPPEN.pattern(p).matchAll(withHydrogens)) {
                int atom = match[0];
                if (type[atom] < 0) {
                    type[atom] = p;
                    typed++;
                }
            }
        }
        double logP = 0;
        double mr = 0;
        for (int t : type) {
            if (t >= 0) {
                logP += CRIPPEN_LOGP[t];
                mr += CRIPPEN_MR[t];
            }
        }
        out.put("MolLogP", logP);
        out.put("MolMR", mr);
    }
}
