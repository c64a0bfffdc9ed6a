package io.chemdl4j.featurize.rdkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.RelevantCycles;
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

    /** RDKit 2022.09's {@code Descriptors.descList} up to the fragment counts, which follow sorted by name. */
    private static final List<String> DESC_LIST_HEAD = List.of(
            "MaxEStateIndex", "MinEStateIndex", "MaxAbsEStateIndex", "MinAbsEStateIndex", "qed",
            "MolWt", "HeavyAtomMolWt", "ExactMolWt", "NumValenceElectrons", "NumRadicalElectrons",
            "MaxPartialCharge", "MinPartialCharge", "MaxAbsPartialCharge", "MinAbsPartialCharge",
            "FpDensityMorgan1", "FpDensityMorgan2", "FpDensityMorgan3",
            "BCUT2D_MWHI", "BCUT2D_MWLOW", "BCUT2D_CHGHI", "BCUT2D_CHGLO", "BCUT2D_LOGPHI", "BCUT2D_LOGPLOW",
            "BCUT2D_MRHI", "BCUT2D_MRLOW", "BalabanJ", "BertzCT",
            "Chi0", "Chi0n", "Chi0v", "Chi1", "Chi1n", "Chi1v", "Chi2n", "Chi2v", "Chi3n", "Chi3v",
            "Chi4n", "Chi4v", "HallKierAlpha", "Ipc", "Kappa1", "Kappa2", "Kappa3", "LabuteASA",
            "PEOE_VSA1", "PEOE_VSA10", "PEOE_VSA11", "PEOE_VSA12", "PEOE_VSA13", "PEOE_VSA14", "PEOE_VSA2",
            "PEOE_VSA3", "PEOE_VSA4", "PEOE_VSA5", "PEOE_VSA6", "PEOE_VSA7", "PEOE_VSA8", "PEOE_VSA9",
            "SMR_VSA1", "SMR_VSA10", "SMR_VSA2", "SMR_VSA3", "SMR_VSA4", "SMR_VSA5", "SMR_VSA6", "SMR_VSA7",
            "SMR_VSA8", "SMR_VSA9",
            "SlogP_VSA1", "SlogP_VSA10", "SlogP_VSA11", "SlogP_VSA12", "SlogP_VSA2", "SlogP_VSA3",
            "SlogP_VSA4", "SlogP_VSA5", "SlogP_VSA6", "SlogP_VSA7", "SlogP_VSA8", "SlogP_VSA9", "TPSA",
            "EState_VSA1", "EState_VSA10", "EState_VSA11", "EState_VSA2", "EState_VSA3", "EState_VSA4",
            "EState_VSA5", "EState_VSA6", "EState_VSA7", "EState_VSA8", "EState_VSA9",
            "VSA_EState1", "VSA_EState10", "VSA_EState2", "VSA_EState3", "VSA_EState4", "VSA_EState5",
            "VSA_EState6", "VSA_EState7", "VSA_EState8", "VSA_EState9",
            "FractionCSP3", "HeavyAtomCount", "NHOHCount", "NOCount",
            "NumAliphaticCarbocycles", "NumAliphaticHeterocycles", "NumAliphaticRings",
            "NumAromaticCarbocycles", "NumAromaticHeterocycles", "NumAromaticRings",
            "NumHAcceptors", "NumHDonors", "NumHeteroatoms", "NumRotatableBonds",
            "NumSaturatedCarbocycles", "NumSaturatedHeterocycles", "NumSaturatedRings", "RingCount",
            "MolLogP", "MolMR");

    /**
     * The 125 descriptors of the toolkit's first descriptor set (before every one of the 208 was computed), in its
     * order (the fragment counts in table order): what a saved spec that does not list its descriptors was trained on.
     */
    public static final List<String> FIRST_125_NAMES;

    static {
        List<String> first = new ArrayList<>(List.of(
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
            first.add(row.name());
        }
        FIRST_125_NAMES = List.copyOf(first);
    }

    static {
        List<String> names = new ArrayList<>();
        for (String name : DESC_LIST_HEAD) {
            names.add(name);
        }
        // descList lists the fragment counts by name (Python's sort order), not in the order of their table
        FRAGMENTS.rows().stream().map(SmartsTable.Row::name).sorted().forEach(names::add);
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

    /** All descriptors of a perceived molecule, by name; see {@link #compute(RdkitMolecule, Map)}. */
    public static Map<String, Double> compute(RdkitMolecule mol) throws InvalidMoleculeException {
        return compute(mol, new HashMap<>());
    }

    /**
     * All descriptors of a perceived molecule, by name. A family of descriptors that fails on a molecule (an
     * exception inside CDK) leaves its descriptors NaN, each with the reason in {@code failures}; the others are
     * computed as usual.
     *
     * @throws InvalidMoleculeException only when the molecule cannot be copied or its isotope data are missing
     */
    public static Map<String, Double> compute(RdkitMolecule mol, Map<String, String> failures)
            throws InvalidMoleculeException {
        Map<String, Double> out = new HashMap<>(512);
        List<String> reasons = new ArrayList<>(0);
        composition(mol, out);
        guard(reasons, "Morgan fingerprint density", () -> morganDensity(mol, out));
        double[][] pathCounts = new double[1][];
        guard(reasons, "chi indices", () -> pathCounts[0] = connectivity(mol, out));
        guard(reasons, "counts", () -> counts(mol, out));
        double[][] contributions = new double[2][];
        guard(reasons, "Crippen atom types", () -> {
            int[] types = crippen(mol, out);
            // the heavy atoms keep their indices when the hydrogens are made explicit, and RDKit's types of
            // heavy atoms (its getCrippenAtomContribs on the molecule as parsed) do not depend on them
            double[] logP = new double[mol.atomCount()];
            double[] mr = new double[mol.atomCount()];
            for (int a = 0; a < logP.length; a++) {
                if (types[a] >= 0) {
                    logP[a] = CRIPPEN_LOGP[types[a]];
                    mr[a] = CRIPPEN_MR[types[a]];
                }
            }
            contributions[0] = logP;
            contributions[1] = mr;
        });
        double[][] distances = RdkitTopology.distances(mol);
        double[][] bondOrderDistances = RdkitTopology.bondOrderDistances(mol);
        double[] estate = RdkitTopology.eStateIndices(mol, distances);
        guard(reasons, "topological indices", () -> topology(mol, estate, bondOrderDistances, pathCounts[0], out));
        GasteigerCharges.Charges[] charges = new GasteigerCharges.Charges[1];
        guard(reasons, "Gasteiger charges", () -> charges[0] = GasteigerCharges.compute(mol, 12));
        if (charges[0] != null) {
            guard(reasons, "surface areas and charges",
                    () -> surfaces(mol, estate, contributions[0], contributions[1], charges[0], out));
            if (contributions[0] != null) {
                guard(reasons, "BCUT2D", () -> bcut(mol, contributions[0], contributions[1], charges[0], out));
            }
        }
        guard(reasons, "QED", () -> out.put("qed", RdkitQed.qed(mol, out.get("MolWt"), out.get("MolLogP"),
                out.get("NumHDonors"), out.get("TPSA"), out.get("NumRotatableBonds"))));
        guard(reasons, "fragment counts", () -> {
            IAtomContainer container = mol.container();
            for (int i = 0; i < FRAGMENTS.size(); i++) {
                String name = FRAGMENTS.rows().get(i).name();
                if (!out.containsKey(name)) { // fr_bicyclic is counted with the rings
                    out.put(name, (double) FRAGMENTS.countUnique(i, container));
                }
            }
        });
        for (String name : ALL_NAMES) {
            if (out.putIfAbsent(name, Double.NaN) == null) {
                failures.put(name, String.join("; ", reasons));
            }
        }
        return out;
    }

    /** A family of descriptors computed into the map. */
    private interface Family {
        void compute() throws InvalidMoleculeException;
    }

    /** Runs {@code family}; an exception inside it (CDK's) is noted as a reason and its descriptors stay unset. */
    private static void guard(List<String> reasons, String family, Family compute) throws InvalidMoleculeException {
        try {
            compute.compute();
        } catch (RuntimeException e) {
            reasons.add(family + ": " + e);
        }
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
        int heavy = RdkitTopology.heavyAtoms(mol);
        int[] distinct = MorganEnvironments.distinctIdentifiersByRadius(mol, 3);
        for (int radius = 1; radius <= 3; radius++) {
            out.put("FpDensityMorgan" + radius, heavy == 0 ? 0.0 : (double) distinct[radius] / heavy);
        }
    }

    // ---- connectivity (Kier-Hall chi) indices -----------------------------------------------------

    /**
     * The chi indices; returns the atoms and the numbers of paths of one, two and three bonds, which the
     * kappa indices read (RDKit counts them with the same path finder).
     */
    private static double[] connectivity(RdkitMolecule mol, Map<String, Double> out) {
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
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] first = pathSums(mol, new double[][] {plain, nval, hk, ones}, 1);
        out.put("Chi1", first[0]);
        out.put("Chi1n", first[1]);
        out.put("Chi1v", first[2]);
        double[] pathCounts = {n, first[3], 0, 0};
        for (int order = 2; order <= 4; order++) {
            double[] sums = pathSums(mol, new double[][] {nval, hk, ones}, order);
            out.put("Chi" + order + "n", sums[0]);
            out.put("Chi" + order + "v", sums[1]);
            if (order < pathCounts.length) {
                pathCounts[order] = sums[2];
            }
        }
        return pathCounts;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /**
     * RDKit's chi path sums, one per weight array: over every walk of {@code length} distinct bonds whose atoms
     * are distinct except that the last may close onto an earlier one, the product of the atoms' weights. A walk
     * that closes a ring onto its first atom counts that atom once; one that closes onto an inner atom
     * counts it twice (as RDKit's atom list of such a path repeats it). Each path is counted once.
     */
    private static double[] pathSums(RdkitMolecule mol, double[][] weights, int length) {
        double[] total = new double[weights.length];
        int[] path = new int[length + 1];
        boolean[] onPath = new boolean[mol.atomCount()];
        for (int start = 0; start < mol.atomCount(); start++) {
            path[0] = start;
            onPath[start] = true;
            extend(mol, weights, path, 1, length, onPath, total);
            onPath[start] = false;
        }
        return total;
    }

    private static void extend(RdkitMolecule mol, double[][] weights, int[] path, int depth, int length,
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
                        addProducts(weights, path, length + 1, total);
                    }
                } else if (next == path[0]) {
                    // a ring of `length` bonds, found from each atom in both directions
                    if (isCanonicalRing(path, length)) {
                        addProducts(weights, path, length, total);
                    }
                } else if (isCanonicalLasso(path, length)) {
                    addProducts(weights, path, length + 1, total);
                }
            } else if (!onPath[next]) {
                onPath[next] = true;
                extend(mol, weights, path, depth + 1, length, onPath, total);
                onPath[next] = false;
            }
        }
    }

    private static void addProducts(double[][] weights, int[] path, int atoms, double[] total) {
        for (int w = 0; w < weights.length; w++) {
            double p = 1;
            for (int i = 0; i < atoms; i++) {
                p *= weights[w][path[i]];
            }
            total[w] += p;
        }
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
        out.put("HeavyAtomCount", (double) RdkitTopology.heavyAtoms(mol));
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

    /**
     * The rings RDKit's ring information holds, its symmetrized SSSR, as the relevant cycles (the union of all
     * minimum cycle bases: quinuclidine's three six-membered rings, where the SSSR keeps two) when there are at
     * most twice as many as the SSSR has; otherwise (the 2ⁿ equally short macrocycles of a cyclodextrin, which
     * RDKit does not enumerate either) the SSSR, so that no molecule makes the count explode.
     */
    private static int[][] rdkitRings(RdkitMolecule mol) {
        IAtomContainer container = mol.container();
        int[][] graph = GraphUtil.toAdjList(container);
        RelevantCycles relevant = new RelevantCycles(graph);
        int cyclomatic = RdkitTopology.cyclomaticNumber(mol, new BitSet());
        int size = relevant.size(); // the families' sizes, without listing them; negative if it overflowed
        return size >= 0 && size <= 2 * cyclomatic ? relevant.paths() : Cycles.mcb(container).paths();
    }

    private static void rings(RdkitMolecule mol, Map<String, Double> out) {
        IAtomContainer container = mol.container();
        int[][] paths = rdkitRings(mol);
        int[] membership = new int[mol.atomCount()];
        for (int[] path : paths) {
            for (int i = 1; i < path.length; i++) {
                membership[path[i]]++;
            }
        }
        // fr_bicyclic is the SMARTS [R2][R2] (a single or aromatic bond, SMARTS's default), whose R2 RDKit reads
        // from those rings; CDK's SMARTS reads its minimum cycle basis instead, which differs for bridged systems
        int bicyclic = 0;
        for (int b = 0; b < mol.bondCount(); b++) {
            int type = mol.bondType(b);
            if ((type == 1 || type == RdkitMolecule.AROMATIC_BOND)
                    && membership[mol.bondBegin(b)] == 2 && membership[mol.bondEnd(b)] == 2) {
                bicyclic++;
            }
        }
        out.put("fr_bicyclic", (double) bicyclic);
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

    /** MolLogP and MolMR; returns every atom's type, the explicit hydrogens' after the heavy atoms. */
    private static int[] crippen(RdkitMolecule mol, Map<String, Double> out) throws InvalidMoleculeException {
        IAtomContainer withHydrogens;
        try {
            withHydrogens = mol.container().clone();
        } catch (CloneNotSupportedException e) {
            throw new InvalidMoleculeException("molecule cannot be copied", e);
        }
        AtomContainerManipulator.convertImplicitToExplicitHydrogens(withHydrogens);
        int[] type = crippenTypes(withHydrogens);
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
        return type;
    }

    /**
     * Each atom's Wildman-Crippen type (row of the table), -1 if none: the first pattern that matches the
     * atom as its first atom, as RDKit's {@code getCrippenAtomContribs} assigns them.
     */
    private static int[] crippenTypes(IAtomContainer container) {
        int n = container.getAtomCount();
        int[] type = new int[n];
        Arrays.fill(type, -1);
        int typed = 0;
        for (int p = 0; p < CRIPPEN.size() && typed < n; p++) {
            for (int[] match : CRIPPEN.pattern(p).matchAll(container)) {
                int atom = match[0];
                if (type[atom] < 0) {
                    type[atom] = p;
                    typed++;
                }
            }
        }
        return type;
    }

    // ---- topological indices -------------------------------------------------------------------

    private static void topology(RdkitMolecule mol, double[] estate, double[][] bondOrderDistances,
                                 double[] pathCounts, Map<String, Double> out) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double maxAbs = Double.NEGATIVE_INFINITY;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double e : estate) {
            max = Math.max(max, e);
            min = Math.min(min, e);
            maxAbs = Math.max(maxAbs, Math.abs(e));
            minAbs = Math.min(minAbs, Math.abs(e));
        }
        out.put("MaxEStateIndex", max);
        out.put("MinEStateIndex", min);
        out.put("MaxAbsEStateIndex", maxAbs);
        out.put("MinAbsEStateIndex", minAbs);
        out.put("BalabanJ", RdkitTopology.balabanJ(mol, bondOrderDistances));
        out.put("BertzCT", RdkitTopology.bertzCT(mol, bondOrderDistances));
        double alpha = RdkitTopology.hallKierAlpha(mol);
        out.put("HallKierAlpha", alpha);
        out.put("Ipc", RdkitTopology.ipc(mol));
        if (pathCounts != null) {
            double[] kappa = RdkitTopology.kappa(mol, alpha, pathCounts);
            out.put("Kappa1", kappa[0]);
            out.put("Kappa2", kappa[1]);
            out.put("Kappa3", kappa[2]);
        }
    }

    // ---- surface areas and partial charges ------------------------------------------------------------

    private static void surfaces(RdkitMolecule mol, double[] estate, double[] logP, double[] mr,
                                 GasteigerCharges.Charges gasteiger,
                                 Map<String, Double> out) {
        int n = mol.atomCount();
        double[] labute = RdkitSurface.labuteContributions(mol);
        double asa = 0;
        for (double v : labute) {
            asa += v;
        }
        out.put("LabuteASA", asa);
        double[] atomAreas = Arrays.copyOfRange(labute, 1, n + 1);
        if (logP != null) {
            putBins(out, "SlogP_VSA", RdkitSurface.bin(logP, atomAreas, RdkitSurface.LOGP_BINS));
            putBins(out, "SMR_VSA", RdkitSurface.bin(mr, atomAreas, RdkitSurface.MR_BINS));
        }
        double tpsa = 0;
        for (double v : RdkitSurface.tpsaContributions(mol)) {
            tpsa += v;
        }
        out.put("TPSA", tpsa);
        putBins(out, "EState_VSA", RdkitSurface.bin(estate, atomAreas, RdkitSurface.ESTATE_BINS));
        putBins(out, "VSA_EState", RdkitSurface.bin(atomAreas, estate, RdkitSurface.VSA_BINS));
        double[] charges = gasteiger.values();
        putBins(out, "PEOE_VSA", RdkitSurface.bin(charges, atomAreas, RdkitSurface.CHARGE_BINS));
        // Python's min(chg, minChg) and max(chg, maxChg), NaN handling included
        double minCharge = 500;
        double maxCharge = -500;
        for (double chg : charges) {
            minCharge = minCharge < chg ? minCharge : chg;
            maxCharge = maxCharge > chg ? maxCharge : chg;
        }
        double absMin = Math.abs(minCharge);
        double absMax = Math.abs(maxCharge);
        out.put("MaxPartialCharge", maxCharge);
        out.put("MinPartialCharge", minCharge);
        out.put("MaxAbsPartialCharge", absMax > absMin ? absMax : absMin);
        out.put("MinAbsPartialCharge", absMax < absMin ? absMax : absMin);
    }

    private static void putBins(Map<String, Double> out, String prefix, double[] bins) {
        for (int i = 0; i < bins.length; i++) {
            out.put(prefix + (i + 1), bins[i]);
        }
    }

    // ---- Burden eigenvalues ------------------------------------------------------------------------

    private static final String[] BCUT_NAMES = {"BCUT2D_MWHI", "BCUT2D_MWLOW", "BCUT2D_CHGHI", "BCUT2D_CHGLO",
        "BCUT2D_LOGPHI", "BCUT2D_LOGPLOW", "BCUT2D_MRHI", "BCUT2D_MRLOW"};

    /**
     * RDKit's {@code BCUT2D}: Burden eigenvalue extremes for atom masses, Gasteiger charges, Crippen logP and MR
     * contributions. RDKit computes the charges refusing an atom without parameters, and Python's wrapper reports
     * that refusal as NaN for all eight; so does a bond that is not single, double, triple or aromatic.
     */
    private static void bcut(RdkitMolecule mol, double[] logP, double[] mr, GasteigerCharges.Charges charges,
                             Map<String, Double> out) throws InvalidMoleculeException {
        double[] values = new double[8];
        Arrays.fill(values, Double.NaN);
        if (charges.allParameterized()) {
            double[] masses = new double[mol.atomCount()];
            for (int a = 0; a < masses.length; a++) {
                masses[a] = mol.mass(a);
            }
            double[][] properties = {masses, charges.values(), logP, mr};
            try {
                for (int p = 0; p < properties.length; p++) {
                    double[] range = RdkitTopology.burdenEigenvalueRange(mol, properties[p]);
                    values[2 * p] = range[0];
                    values[2 * p + 1] = range[1];
                }
            } catch (IllegalArgumentException e) {
                Arrays.fill(values, Double.NaN); // a bond RDKit's BCUT2D refuses
            }
        }
        for (int i = 0; i < values.length; i++) {
            out.put(BCUT_NAMES[i], values[i]);
        }
    }
}
