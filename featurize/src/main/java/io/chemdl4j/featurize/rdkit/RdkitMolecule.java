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
    /** Bond orders of the Kekulé form plus hydrogens: RDKit's explicit plus implicit valence. */
    private final int[] kekuleValence;
    private final boolean[] conjugated;

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
        kekuleValence = new int[atomCount];
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
            kekuleValence[u] += order(bond);
            kekuleValence[v] += order(bond);
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
        for (int i = 0; i < atomCount; i++) {
            kekuleValence[i] += implicitHydrogens[i];
        }
        conjugated = conjugation(this);
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

    /** Heavy atoms (hydrogens are implicit). */
    public int atomCount() {
        return atomCount;
    }

    /** Bonds between heavy atoms. */
    public int bondCount() {
        return bondBegin.length;
    }

    /** Atomic number of {@code atom}. */
    public int atomicNumber(int atom) {
        return atomicNumber[atom];
    }

    /** Formal charge of {@code atom}. */
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

    /** Implicit hydrogens of {@code atom} as RDKit counts them. */
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

    /** Whether {@code atom} is aromatic in RDKit's perception. */
    public boolean isAromatic(int atom) {
        return aromaticAtom[atom];
    }

    /** Whether {@code atom} is in a ring. */
    public boolean isInRing(int atom) {
        return ringAtom[atom];
    }

    /** The first atom of {@code bond}. */
    public int bondBegin(int bond) {
        return bondBegin[bond];
    }

    /** The second atom of {@code bond}. */
    public int bondEnd(int bond) {
        return bondEnd[bond];
    }

    /** RDKit's bond-type code: 1, 2, 3, 4 for single to quadruple, 12 for aromatic, 0 if unknown. */
    public int bondType(int bond) {
        return bondType[bond];
    }

    /** Whether {@code bond} is in a ring. */
    public boolean isRingBond(int bond) {
        return ringBond[bond];
    }

    /** The atom of {@code bond} that is not {@code atom}. */
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

    /**
     * Unpaired electrons as RDKit's sanitizer assigns them: what an atom's valence falls short of every allowed
     * valence by; for an element without a default valence (transition metals, lanthanides), the parity of its
     * outer electrons less its charge, whatever its bonds (RDKit 2022.09: {@code [Cu]I}, {@code [Cr+3]} and
     * {@code [Fe+3]} have one, {@code [Fe+2]} none; a charge above the outer electrons gives none).
     */
    public int radicalElectrons(int a) {
        int z = atomicNumber(a);
        int[] valences = defaultValences(z);
        if (z == 0 || isAromatic(a)) {
            return 0;
        }
        if (valences.length == 1 && valences[0] == -1) {
            int electrons = RdkitElements.outerElectrons(z) - formalCharge(a);
            return electrons < 0 ? 0 : electrons % 2;
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

    /** RDKit 2022.09's valence list of an element ({@code GetValenceList}); {-1} where it has none. */
    private static int[] defaultValences(int z) {
        return switch (z) {
            case 1, 3, 9, 11, 17, 19, 35, 37, 55, 87 -> new int[] {1};
            case 2, 10, 18, 36, 86 -> new int[] {0};
            case 4, 8 -> new int[] {2};
            case 5, 7, 31, 49, 81 -> new int[] {3};
            case 6, 32 -> new int[] {4};
            case 12, 20, 38, 56, 88 -> new int[] {2, -1};
            case 13 -> new int[] {3, 6};
            case 14 -> new int[] {4, 6};
            case 15, 33, 51, 83 -> new int[] {3, 5, 7};
            case 16, 34, 52, 84 -> new int[] {2, 4, 6};
            case 50, 82 -> new int[] {2, 4};
            case 53, 85 -> new int[] {1, 3, 5};
            case 54 -> new int[] {0, 2, 4, 6};
            default -> new int[] {-1};
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

    /**
     * RDKit's chiral tag of every atom after {@code MolFromSmiles}: 0 unspecified (or removed by RDKit's
     * stereo clean-up), 1 {@code CHI_TETRAHEDRAL_CW}, 2 {@code CHI_TETRAHEDRAL_CCW}, relative to the order
     * of the atom's bonds. Computed on each call.
     */
    public int[] chiralTags() {
        return RdkitStereo.perceive(this).chiralTags();
    }

    /** {@link #chiralTags()} and {@link #doubleBondStereo()} from one stereo perception. */
    public StereoCodes stereoCodes() {
        RdkitStereo stereo = RdkitStereo.perceive(this);
        return new StereoCodes(stereo.chiralTags(), stereo.bondStereo());
    }

    /**
     * RDKit's stereo codes of a molecule.
     *
     * @param chiralTags       per atom, as {@link #chiralTags()}
     * @param doubleBondStereo per bond, as {@link #doubleBondStereo()}
     */
    public record StereoCodes(int[] chiralTags, int[] doubleBondStereo) {
    }

    /** RDKit's {@code GetMass()}: the isotope's mass when one is given, else the element's standard weight. */
    public double mass(int atom) throws InvalidMoleculeException {
        return massNumber[atom] == 0 ? RdkitElements.weight(atomicNumber[atom])
                : RdkitElements.isotopeMass(atomicNumber[atom], massNumber[atom]);
    }

    /** Hybridization as RDKit assigns it (S when none of the listed states applies). */
    public enum Hybridization { S, SP, SP2, SP3, SP3D, SP3D2 }

    /**
     * Hybridization as RDKit 2022.09's sanitizer assigns it ({@code setHybridization}): from the number of
     * neighbours, hydrogens and lone pairs (valences counted on the Kekulé form), where four becomes SP2
     * for an atom with at most three neighbours and hydrogens and a conjugated bond (amide and aniline
     * nitrogens, phenol and furan oxygens); radicals count below an octet; elements from actinium on go by
     * their degree; a dummy atom has none ({@link Hybridization#S}, like every state outside SP..SP3D2).
     */
    public Hybridization hybridization(int a) {
        int z = atomicNumber[a];
        if (z == 0) {
            return Hybridization.S;
        }
        int orbitals = z < 89 ? bondsPlusLonePairs(a) : totalDegree(a);
        return switch (orbitals) {
            case 2 -> Hybridization.SP;
            case 3 -> Hybridization.SP2;
            case 4 -> totalDegree(a) <= 3 && hasConjugatedBond(a) ? Hybridization.SP2 : Hybridization.SP3;
            case 5 -> Hybridization.SP3D;
            case 6 -> Hybridization.SP3D2;
            default -> Hybridization.S;
        };
    }

    /** RDKit's {@code numBondsPlusLonePairs}. */
    private int bondsPlusLonePairs(int a) {
        int degree = totalDegree(a);
        if (atomicNumber[a] <= 1) {
            return degree;
        }
        int outer = RdkitElements.outerElectrons(atomicNumber[a]);
        int valence = kekuleValence[a];
        int charge = formalCharge[a];
        int free = outer - (valence + charge);
        if (valence + outer - charge < 8) {
            int radicals = radicalElectrons(a);
            return degree + (free - radicals) / 2 + radicals;
        }
        return degree + free / 2;
    }

    private boolean hasConjugatedBond(int a) {
        for (int b : neighbourBonds[a]) {
            if (conjugated[b]) {
                return true;
            }
        }
        return false;
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
     * Conjugation as RDKit 2022.09's sanitizer marks it ({@code setConjugation}): aromatic bonds, and around
     * every candidate atom with two or three neighbours and hydrogens, each of its double, triple or aromatic
     * bonds together with each of its other bonds that leads to a candidate with at most three
     * ({@link #isConjugationCandidate}).
     */
    public boolean isConjugated(int bond) {
        return conjugated[bond];
    }

    private static boolean[] conjugation(RdkitMolecule m) {
        boolean[] conjugated = new boolean[m.bondBegin.length];
        for (int b = 0; b < conjugated.length; b++) {
            conjugated[b] = m.bondType[b] == AROMATIC_BOND;
        }
        for (int a = 0; a < m.atomCount; a++) {
            int substituents = m.totalDegree(a);
            if (!m.isConjugationCandidate(a) || substituents < 2 || substituents > 3) {
                continue;
            }
            for (int k = 0; k < m.neighbours[a].length; k++) {
                int multiple = m.neighbourBonds[a][k];
                int type = m.bondType[multiple];
                if (type != 2 && type != 3 && type != AROMATIC_BOND) {
                    continue;
                }
                for (int j = 0; j < m.neighbours[a].length; j++) {
                    int other = m.neighbours[a][j];
                    if (j != k && m.totalDegree(other) <= 3 && m.isConjugationCandidate(other)) {
                        conjugated[multiple] = true;
                        conjugated[m.neighbourBonds[a][j]] = true;
                    }
                }
            }
        }
        return conjugated;
    }

    /**
     * RDKit's {@code isAtomConjugCand}: first-row atoms, atoms with other than five or six outer electrons,
     * and terminal chalcogens, each only if it has electrons to give to a π system
     * ({@link #piElectrons}). This keeps P, S and Se out (Issue211), and halogens and boron.
     */
    private boolean isConjugationCandidate(int a) {
        int z = atomicNumber[a];
        int outer = RdkitElements.outerElectrons(z);
        return (z <= 10 || (outer != 5 && outer != 6) || (outer == 6 && totalDegree(a) < 2)) && piElectrons(a) > 0;
    }

    /**
     * RDKit's {@code countAtomElec}: electrons an atom could give to a π system; -1 for univalent elements
     * and atoms with more than three neighbours and hydrogens.
     */
    private int piElectrons(int a) {
        int dv = defaultValence(atomicNumber[a]);
        int substituents = totalDegree(a);
        if (dv <= 1 || substituents > 3) {
            return -1;
        }
        int lonePairElectrons = Math.max(RdkitElements.outerElectrons(atomicNumber[a]) - dv - formalCharge[a], 0);
        int electrons = dv - substituents + lonePairElectrons - radicalElectrons(a);
        if (electrons > 1 && kekuleValence[a] - implicitHydrogens[a] - degree(a) > 1) {
            electrons = 1;
        }
        return electrons;
    }

    /** RDKit's default valence (the first of its allowed valences); -1 where RDKit allows any (metals). */
    private static int defaultValence(int z) {
        return switch (z) {
            case 1, 3, 9, 11, 17, 19, 35, 37, 53, 55, 85, 87 -> 1;
            case 4, 8, 12, 16, 20, 34, 38, 50, 52, 56, 82, 84, 88 -> 2;
            case 5, 7, 13, 15, 31, 33, 49, 51, 81, 83 -> 3;
            case 6, 14, 32 -> 4;
            case 2, 10, 18, 36, 54, 86 -> 0;
            default -> -1;
        };
    }

    /**
     * The toolkit's first approximation of RDKit's hybridization, which the {@code graph} featurizer's saved
     * models were trained on and keep reading: aromatic atoms and atoms with one double bond are SP2, a triple
     * bond or two double bonds make SP; otherwise the steric number (neighbours, hydrogens and lone pairs)
     * decides, and a lone-pair atom next to a π system is SP2. It differs from RDKit's
     * ({@link #hybridization}) for halogens and second-row atoms next to π systems (aryl chloride: SP2 here, SP3
     * in RDKit) and hypervalent centres (sulfonyl S: SP here, SP3 in RDKit).
     */
    public Hybridization approximateHybridization(int a) {
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

    /**
     * The toolkit's first approximation of RDKit's conjugation, kept for the {@code graph} featurizer's saved
     * models ({@link #approximateHybridization}): aromatic bonds; multiple bonds next to another π bond or a
     * lone-pair heteroatom; and single bonds joining a π atom to another π atom or to a lone-pair N, O or S.
     */
    public boolean isApproximatelyConjugated(int bond) {
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
