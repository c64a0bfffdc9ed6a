package io.chemdl4j.featurize;

import java.util.Locale;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * Refuses chemically impossible molecules as RDKit 2022.09's sanitization does ({@code Chem.MolFromSmiles}
 * returns {@code None} for them): an atom whose valence, counted with its charge, is more than its element
 * permits. {@code C(C)(C)(C)(C)C} (carbon with valence 5), {@code [Li](C)C}, {@code FCl(F)F} and
 * {@code CN(C)(C)C} are refused; {@code [NH4+]}, {@code C[C+](C)(C)C}, {@code [B-](F)(F)(F)F},
 * {@code F[P-](F)(F)(F)(F)F} and metals with any number of bonds are not.
 *
 * <p>The rule is RDKit's strict valence check: the valence (bond orders plus hydrogens) shifted by the formal
 * charge (down for elements with four or more outer electrons, so {@code [N+]} is held to 4; up for the others, so
 * {@code [B-]} is held to 3) must not pass the largest valence RDKit lists for the element; elements for which
 * RDKit lists no limit (most metals) or zero (noble gases) are not checked. Before the check, RDKit's clean-up
 * turns hypervalent spellings into their charge-separated forms, and so does this class: a neutral
 * five-valent nitrogen with a double bond to oxygen ({@code CN(=O)=O}, nitro and N-oxides) or a triple bond to
 * nitrogen ({@code C=N#N}, azides), and a neutral chlorine, bromine or iodine of valence 3, 5 or 7 bonded to
 * oxygen only ({@code OCl(=O)(=O)=O}, perchlorate) are accepted. Unkekulizable aromatic rings are refused earlier,
 * by the SMILES parser.
 *
 * <p>The per-element limits are RDKit 2022.09's periodic table (BSD licence); the agreement with RDKit is tested
 * on every molecule of Tox21, Delaney, AqSolDB and MUV (none refused) and on a set of crafted and mutated
 * molecules with RDKit's verdicts. Stateless and thread-safe; the molecule is only read.
 */
public final class ValenceRules {
    /** RDKit's largest valence per atomic number 0-118; -1 or 0: no limit. */
    private static final int[] MAX_VALENCE = {
        -1, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, -1, 6, 6, 7, 6, 1, 0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, 3, 4, 7, 6, 1, 0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 4, 7, 6, 5, 6, 1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 3, 4, 7, 6, 5, 0, 1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1};
    /** Outer-shell electrons per atomic number 0-118, as RDKit counts them. */
    private static final int[] OUTER_ELECTRONS = {
        0, 1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2, 3, 4, 5, 6,
        7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 4, 5, 6, 7, 8, 9, 10, 11, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};

    private ValenceRules() {
    }

    /**
     * Refuses {@code molecule} if one of its atoms has more valence than RDKit permits.
     *
     * @throws InvalidMoleculeException naming the first such atom (1-based, in input order), its element, valence
     *                                  and charge, and the most that is permitted
     */
    public static void check(IAtomContainer molecule) throws InvalidMoleculeException {
        for (int i = 0; i < molecule.getAtomCount(); i++) {
            IAtom atom = molecule.getAtom(i);
            Integer number = atom.getAtomicNumber();
            if (number == null || number < 0 || number >= MAX_VALENCE.length || MAX_VALENCE[number] <= 0) {
                continue;
            }
            int valence = valence(molecule, atom);
            int charge = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
            int permitted = permitted(number, charge);
            if (valence > permitted && !(charge == 0 && chargeSeparable(molecule, atom, number))) {
                // The bonds alone when they are too many: CDK adds hydrogens to an unbracketed SMILES atom or a
                // molfile atom as its own valence model sees fit (CN(C)(C)C gets one), and the input had none.
                int bonds = bondOrderSum(molecule, atom);
                valence = bonds > permitted ? bonds : valence;
                throw new InvalidMoleculeException(String.format(Locale.ROOT,
                        "%s with valence %d%s (atom %d); at most %d is permitted%s", atom.getSymbol(), valence,
                        charge == 0 ? "" : " and charge " + (charge > 0 ? "+" : "") + charge, i + 1, permitted,
                        charge == 0 ? "" : " with that charge"));
            }
        }
    }

    /** The most valence an atom of this element and charge may have (RDKit: the charge shifts the limit). */
    private static int permitted(int number, int charge) {
        return OUTER_ELECTRONS[number] >= 4 ? MAX_VALENCE[number] + charge : MAX_VALENCE[number] - charge;
    }

    /** Bond orders plus hydrogens. */
    private static int valence(IAtomContainer molecule, IAtom atom) {
        return bondOrderSum(molecule, atom)
                + (atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount());
    }

    /** Bond orders; a bond of unknown order (a query bond from a file) counts as single. */
    private static int bondOrderSum(IAtomContainer molecule, IAtom atom) {
        int sum = 0;
        for (IBond bond : bondsOf(molecule, atom)) {
            sum += order(bond);
        }
        return sum;
    }

    /**
     * The bonds of {@code atom}: the molecule's own list when the atom is the molecule's (read, not copied:
     * {@code getConnectedBondsList} copies it, for every atom of every molecule checked, about 1.5% of a
     * million-molecule prediction), else the molecule's copy.
     */
    private static Iterable<IBond> bondsOf(IAtomContainer molecule, IAtom atom) {
        return atom.getContainer() == molecule ? atom.bonds() : molecule.getConnectedBondsList(atom);
    }

    private static int order(IBond bond) {
        IBond.Order order = bond.getOrder();
        return order == null || order == IBond.Order.UNSET ? 1 : order.numeric();
    }

    /**
     * Whether RDKit's clean-up would write this neutral hypervalent atom in a charge-separated form that passes:
     * five-valent nitrogen with {@code =O} (becoming {@code [N+][O-]}) or {@code #N} (becoming {@code =[N+]=[N-]}),
     * and chlorine, bromine or iodine of valence 3, 5 or 7 whose neighbours are all oxygen (each {@code =O}
     * becoming {@code [O-]}, the halogen taking the charges). The valence here is the bonds' alone, as RDKit's
     * clean-up runs before it adds implicit hydrogens: {@code CN#N} (a nitrogen of four bonds, to which CDK gives
     * a hydrogen) stays refused.
     */
    private static boolean chargeSeparable(IAtomContainer molecule, IAtom atom, int number) {
        int valence = bondOrderSum(molecule, atom);
        if (number == 7 && valence == 5) {
            for (IBond bond : bondsOf(molecule, atom)) {
                IAtom other = bond.getOther(atom);
                int otherNumber = other.getAtomicNumber() == null ? 0 : other.getAtomicNumber();
                boolean neutral = other.getFormalCharge() == null || other.getFormalCharge() == 0;
                if (neutral && ((otherNumber == 8 && order(bond) == 2) || (otherNumber == 7 && order(bond) == 3))) {
                    return true;
                }
            }
            return false;
        }
        if ((number == 17 || number == 35 || number == 53) && (valence == 3 || valence == 5 || valence == 7)) {
            int doubleBondsToOxygen = 0;
            for (IBond bond : bondsOf(molecule, atom)) {
                Integer otherNumber = bond.getOther(atom).getAtomicNumber();
                if (otherNumber == null || otherNumber != 8) {
                    return false;
                }
                if (order(bond) == 2) {
                    doubleBondsToOxygen++;
                }
            }
            // Each =O becomes -[O-] and the halogen takes a positive charge per bond changed.
            return valence - doubleBondsToOxygen <= permitted(number, doubleBondsToOxygen);
        }
        return false;
    }
}
