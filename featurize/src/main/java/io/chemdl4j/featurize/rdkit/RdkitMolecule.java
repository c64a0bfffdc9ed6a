package io.chemdl4j.featurize.rdkit;

import java.util.Arrays;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

import io.chemdl4j.featurize.InvalidMoleculeException;

/**
 * A molecule perceived the way RDKit's {@code MolFromSmiles} leaves it — hydrogens folded into
 * counts, RDKit-like aromaticity, ring membership — as plain immutable arrays, with the prepared
 * CDK molecule beside them for SMARTS matching and stereo perception.
 *
 * <p>This is the one place where RDKit's conventions are reproduced on CDK, so that every
 * RDKit-compatible featurizer (Morgan fingerprints, RDKit-named descriptors) sees the same atoms,
 * bonds and aromatic flags. Instances are immutable; the prepared container must not be modified.
 */
public final class RdkitMolecule {
    /** RDKit's {@code Bond::AROMATIC}, the bond-type code Morgan environments hash for aromatic bonds. */
    public static final int AROMATIC_BOND = 12;

    private static final Aromaticity AROMATICITY = new Aromaticity(ElectronDonation.daylight(),
            Cycles.or(Cycles.all(), Cycles.or(Cycles.relevant(), Cycles.essential())));

    private final IAtomContainer container;
    private final int atomCount;
    private final int[] atomicNumber;
    private final int[] formalCharge;
    private final int[] massNumber;
    private final int[] totalHydrogens;
    private final int[] implicitHydrogens;
    private final boolean[] aromaticAtom;
    private final boolean[] ringAtom;
    private final int[] bondBegin;
    private final int[] bondEnd;
    private final int[] bondType;
    private final boolean[] ringBond;
    private final int[][] neighbours;
    private final int[][] neighbourBonds;

    private RdkitMolecule(IAtomContainer container) {
        this.container = container;
        atomCount = container.getAtomCount();
        int bondCount = container.getBondCount();
        atomicNumber = new int[atomCount];
        formalCharge = new int[atomCount];
        massNumber = new int[atomCount];
        totalHydrogens = new int[atomCount];
        implicitHydrogens = new int[atomCount];
        aromaticAtom = new boolean[atomCount];
        ringAtom = new boolean[atomCount];
        int[] degree = new int[atomCount];
        for (int i = 0; i < atomCount; i++) {
            IAtom atom = container.getAtom(i);
            atomicNumber[i] = atom.getAtomicNumber() == null ? 0 : atom.getAtomicNumber();
            formalCharge[i] = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
            massNumber[i] = atom.getMassNumber() == null ? 0 : atom.getMassNumber();
            implicitHydrogens[i] = atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
            totalHydrogens[i] = implicitHydrogens[i];
            aromaticAtom[i] = atom.isAromatic();
            ringAtom[i] = atom.isInRing();
        }
        bondBegin = new int[bondCount];
        bondEnd = new int[bondCount];
        bondType = new int[bondCount];
        ringBond = new boolean[bondCount];
        for (int b = 0; b < bondCount; b++) {
            IBond bond = container.getBond(b);
            int u = bond.getBegin().getIndex();
            int v = bond.getEnd().getIndex();
            bondBegin[b] = u;
            bondEnd[b] = v;
            bondType[b] = bond.isAromatic() ? AROMATIC_BOND : order(bond);
            ringBond[b] = bond.isInRing();
            degree[u]++;
            degree[v]++;
            // RDKit's total H count includes hydrogens kept as atoms (isotopes, charged H, ...).
            if (atomicNumber[v] == 1) {
                totalHydrogens[u]++;
            }
            if (atomicNumber[u] == 1) {
                totalHydrogens[v]++;
            }
        }
        neighbours = new int[atomCount][];
        neighbourBonds = new int[atomCount][];
        for (int i = 0; i < atomCount; i++) {
            neighbours[i] = new int[degree[i]];
            neighbourBonds[i] = new int[degree[i]];
        }
        int[] fill = new int[atomCount];
        for (int b = 0; b < bondCount; b++) {
            int u = bondBegin[b];
            int v = bondEnd[b];
            neighbours[u][fill[u]] = v;
            neighbourBonds[u][fill[u]++] = b;
            neighbours[v][fill[v]] = u;
            neighbourBonds[v][fill[v]++] = b;
        }
    }

    /**
     * Perceives a molecule that the caller hands over: it is modified (hydrogens suppressed,
     * aromaticity and rings perceived) and must not be used by the caller afterwards.
     *
     * @throws InvalidMoleculeException if aromaticity cannot be perceived
     */
    public static RdkitMolecule perceiveOwned(IAtomContainer molecule) throws InvalidMoleculeException {
        IAtomContainer prepared = AtomContainerManipulator.suppressHydrogens(molecule);
        for (IAtom atom : prepared.atoms()) {
            atom.setIsAromatic(false);
            atom.setIsInRing(false);
            if (atom.getImplicitHydrogenCount() == null) {
                throw new InvalidMoleculeException("atom " + atom.getSymbol() + " has no hydrogen count");
            }
        }
        for (IBond bond : prepared.bonds()) {
            bond.setIsAromatic(false);
            bond.setIsInRing(false);
        }
        RdkitCleanUp.apply(prepared);
        Cycles.markRingAtomsAndBonds(prepared);
        try {
            AROMATICITY.apply(prepared);
        } catch (CDKException e) {
            throw new InvalidMoleculeException("aromaticity perception failed: " + e.getMessage(), e);
        }
        return new RdkitMolecule(prepared);
    }

    /** Perceives a copy of the caller's molecule; the caller's molecule is not modified. */
    public static RdkitMolecule perceive(IAtomContainer molecule) throws InvalidMoleculeException {
        try {
            return perceiveOwned(molecule.clone());
        } catch (CloneNotSupportedException e) {
            throw new InvalidMoleculeException("molecule cannot be copied", e);
        }
    }

    private static int order(IBond bond) {
        IBond.Order order = bond.getOrder();
        if (order == null || order == IBond.Order.UNSET) {
            return 0;
        }
        return order.numeric();
    }

    /** The prepared CDK molecule (hydrogens suppressed, aromaticity set). Read it; never modify it. */
    public IAtomContainer container() {
        return container;
    }

    public int atomCount() {
        return atomCount;
    }

    public int bondCount() {
        return bondBegin.length;
    }

    public int atomicNumber(int atom) {
        return atomicNumber[atom];
    }

    public int formalCharge(int atom) {
        return formalCharge[atom];
    }

    /** Isotope mass number, 0 when the atom has the natural isotope mixture. */
    public int massNumber(int atom) {
        return massNumber[atom];
    }

    /** Implicit hydrogens plus hydrogens kept as neighbour atoms (RDKit's {@code getTotalNumHs(true)}). */
    public int totalHydrogens(int atom) {
        return totalHydrogens[atom];
    }

    public int implicitHydrogens(int atom) {
        return implicitHydrogens[atom];
    }

    /** Neighbour atoms in the graph (hydrogens kept as atoms included). */
    public int degree(int atom) {
        return neighbours[atom].length;
    }

    /** Degree plus implicit hydrogens (RDKit's {@code getTotalDegree}). */
    public int totalDegree(int atom) {
        return neighbours[atom].length + implicitHydrogens[atom];
    }

    public boolean isAromatic(int atom) {
        return aromaticAtom[atom];
    }

    public boolean isInRing(int atom) {
        return ringAtom[atom];
    }

    public int bondBegin(int bond) {
        return bondBegin[bond];
    }

    public int bondEnd(int bond) {
        return bondEnd[bond];
    }

    /** RDKit's bond-type code: 1, 2, 3, 4 for single to quadruple, 12 for aromatic, 0 if unknown. */
    public int bondType(int bond) {
        return bondType[bond];
    }

    public boolean isRingBond(int bond) {
        return ringBond[bond];
    }

    public int otherAtom(int bond, int atom) {
        return bondBegin[bond] == atom ? bondEnd[bond] : bondBegin[bond];
    }

    /** Neighbour atom indices of {@code atom}; a copy. */
    public int[] neighbours(int atom) {
        return neighbours[atom].clone();
    }

    /** Index of the {@code k}-th neighbour of {@code atom} (no copy, for hot loops). */
    public int neighbour(int atom, int k) {
        return neighbours[atom][k];
    }

    /** Bond to the {@code k}-th neighbour of {@code atom}. */
    public int neighbourBond(int atom, int k) {
        return neighbourBonds[atom][k];
    }

    /** Unpaired electrons as RDKit's sanitizer assigns them: what an atom's valence falls short of every allowed valence by. */
    public int radicalElectrons(int a) {
        int[] valences = defaultValences(atomicNumber(a));
        if (valences.length == 0 || isAromatic(a)) {
            return 0;
        }
        int total = implicitHydrogens(a);
        for (int k = 0; k < degree(a); k++) {
            int type = bondType(neighbourBond(a, k));
            total += type == RdkitMolecule.AROMATIC_BOND ? 0 : type;
        }
        int charge = formalCharge(a);
        int outer = RdkitElements.outerElectrons(atomicNumber[a]);
        int base = atomicNumber(a) <= 2 ? 2 : 8;
        int n = base - outer - total + charge;
        if (n < 0) {
            n = 0;
            for (int v : valences) {
                if (v - total + charge >= 0) {
                    n = v - total + charge;
                    break;
                }
            }
        }
        int n2 = outer - total - charge;
        if (n2 >= 0) {
            n = Math.min(n, n2);
        }
        return Math.max(n, 0);
    }

    private static int[] defaultValences(int z) {
        return switch (z) {
            case 1, 9, 17, 35, 3, 11, 19 -> new int[] {1};
            case 4, 12, 20, 8 -> new int[] {2};
            case 5 -> new int[] {3};
            case 6, 14 -> new int[] {4};
            case 7 -> new int[] {3};
            case 15 -> new int[] {3, 5, 7};
            case 16 -> new int[] {2, 4, 6};
            case 53 -> new int[] {1, 3, 5};
            default -> new int[0];
        };
    }


    /**
     * E/Z of every bond as RDKit codes it ({@code Bond::BondStereo}): 0 none, 2 Z, 3 E, for the
     * double bonds whose stereo the input specified, ranked as RDKit's legacy stereo perception
     * ranks them ({@link RdkitStereo}). Computed on each call.
     */
    public int[] doubleBondStereo() {
        return RdkitStereo.perceive(this).bondStereo();
    }

    /** Hybridization as RDKit assigns it (S when none of the listed states applies). */
    public enum Hybridization { S, SP, SP2, SP3, SP3D, SP3D2 }

    /**
     * RDKit-like hybridization: aromatic atoms and atoms with one double bond are SP2, a triple
     * bond or two double bonds make SP; otherwise the steric number (neighbours, hydrogens and lone
     * pairs) decides, and a lone-pair atom next to a π system is SP2 (amide and aniline nitrogens).
     */
    public Hybridization hybridization(int a) {
        if (aromaticAtom[a]) {
            return Hybridization.SP2;
        }
        int doubles = 0;
        int triples = 0;
        int valence = implicitHydrogens[a];
        boolean nextToPi = false;
        for (int k = 0; k < neighbours[a].length; k++) {
            int type = bondType[neighbourBonds[a][k]];
            if (type == 2) {
                doubles++;
            } else if (type == 3) {
                triples++;
            }
            valence += type == AROMATIC_BOND ? 1 : type;
            if (type == 1 && hasPiBond(neighbours[a][k])) {
                nextToPi = true;
            }
        }
        if (triples > 0 || doubles > 1) {
            return Hybridization.SP;
        }
        if (doubles == 1) {
            return Hybridization.SP2;
        }
        int lonePairs = Math.max(0, RdkitElements.outerElectrons(atomicNumber[a]) - valence - formalCharge[a]) / 2;
        if (atomicNumber[a] <= 2) {
            lonePairs = 0;
        }
        int steric = totalDegree(a) + lonePairs;
        if (lonePairs > 0 && nextToPi && steric == 4) {
            return Hybridization.SP2;
        }
        return switch (steric) {
            case 2 -> Hybridization.SP;
            case 3 -> Hybridization.SP2;
            case 4 -> Hybridization.SP3;
            case 5 -> Hybridization.SP3D;
            case 6 -> Hybridization.SP3D2;
            default -> Hybridization.S;
        };
    }

    /** True when the atom takes part in a double, triple or aromatic bond. */
    public boolean hasPiBond(int a) {
        for (int b : neighbourBonds[a]) {
            if (bondType[b] != 1 && bondType[b] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Conjugation, approximating RDKit's: aromatic bonds; multiple bonds next to another π bond or a
     * lone-pair heteroatom; and single bonds joining a π atom to another π atom or to a lone-pair N, O or S.
     */
    public boolean isConjugated(int bond) {
        int type = bondType[bond];
        if (type == AROMATIC_BOND) {
            return true;
        }
        int u = bondBegin[bond];
        int v = bondEnd[bond];
        if (type == 1) {
            return (hasPiBond(u) && (hasPiBond(v) || isLonePairDonor(v)))
                    || (hasPiBond(v) && isLonePairDonor(u));
        }
        for (int end : new int[] {u, v}) {
            for (int k = 0; k < neighbours[end].length; k++) {
                int other = neighbours[end][k];
                int b = neighbourBonds[end][k];
                if (b != bond && bondType[b] == 1 && (hasPiBond(other) || isLonePairDonor(other))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isLonePairDonor(int a) {
        int z = atomicNumber[a];
        return (z == 7 || z == 8 || z == 16) && formalCharge[a] <= 0 && !hasPiBond(a);
    }

    @Override
    public String toString() {
        return "RdkitMolecule[atoms=" + atomCount + ", Z=" + Arrays.toString(atomicNumber) + "]";
    }
}
