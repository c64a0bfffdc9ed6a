package io.chemdl4j.featurize.rdkit;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * The charge-separation rules RDKit's sanitizer applies before anything else ({@code MolOps::cleanUp}),
 * so that, for example, a nitro group written {@code N(=O)=O} is seen as {@code [N+](=O)[O-]} as
 * RDKit sees it:
 * <ul>
 *   <li>a neutral nitrogen of valence 5: its first double bond to an oxygen becomes
 *       {@code [N+]-[O-]}, else its first triple bond to a neutral nitrogen becomes {@code [N+]=[N-]};</li>
 *   <li>a neutral phosphorus double-bonded to C or N and to O: {@code [N,C]=P(=O)} becomes
 *       {@code [N,C]=[P+]-[O-]};</li>
 *   <li>a neutral Cl, Br or I of valence 3, 5 or 7 bonded only to oxygens: every {@code X=O} becomes
 *       {@code [X+]-[O-]}.</li>
 * </ul>
 */
final class RdkitCleanUp {
    private RdkitCleanUp() {
    }

    static void apply(IAtomContainer mol) {
        for (IAtom atom : mol.atoms()) {
            if (charge(atom) != 0) {
                continue;
            }
            switch (atom.getAtomicNumber()) {
                case 7 -> nitrogen(mol, atom);
                case 15 -> phosphorus(mol, atom);
                case 17, 35, 53 -> halogen(mol, atom);
                default -> {
                }
            }
        }
    }

    private static void nitrogen(IAtomContainer mol, IAtom atom) {
        if (valence(mol, atom) != 5) {
            return;
        }
        for (IBond bond : mol.getConnectedBondsList(atom)) {
            IAtom other = bond.getOther(atom);
            if (other.getAtomicNumber() == 8 && bond.getOrder() == IBond.Order.DOUBLE) {
                separate(bond, atom, other, IBond.Order.SINGLE);
                return;
            }
        }
        for (IBond bond : mol.getConnectedBondsList(atom)) {
            IAtom other = bond.getOther(atom);
            if (other.getAtomicNumber() == 7 && charge(other) == 0 && bond.getOrder() == IBond.Order.TRIPLE) {
                separate(bond, atom, other, IBond.Order.DOUBLE);
                return;
            }
        }
    }

    private static void phosphorus(IAtomContainer mol, IAtom atom) {
        IBond toOxygen = null;
        boolean doubleToCarbonOrNitrogen = false;
        for (IBond bond : mol.getConnectedBondsList(atom)) {
            if (bond.getOrder() != IBond.Order.DOUBLE) {
                continue;
            }
            int z = bond.getOther(atom).getAtomicNumber();
            if (z == 8 && toOxygen == null) {
                toOxygen = bond;
            } else if (z == 6 || z == 7) {
                doubleToCarbonOrNitrogen = true;
            }
        }
        if (toOxygen != null && doubleToCarbonOrNitrogen) {
            separate(toOxygen, atom, toOxygen.getOther(atom), IBond.Order.SINGLE);
        }
    }

    private static void halogen(IAtomContainer mol, IAtom atom) {
        int valence = valence(mol, atom);
        if (valence != 3 && valence != 5 && valence != 7) {
            return;
        }
        for (IAtom neighbour : mol.getConnectedAtomsList(atom)) {
            if (neighbour.getAtomicNumber() != 8) {
                return;
            }
        }
        int charge = 0;
        for (IBond bond : mol.getConnectedBondsList(atom)) {
            if (bond.getOrder() == IBond.Order.DOUBLE) {
                bond.setOrder(IBond.Order.SINGLE);
                bond.getOther(atom).setFormalCharge(-1);
                charge++;
            }
        }
        atom.setFormalCharge(charge);
    }

    private static void separate(IBond bond, IAtom positive, IAtom negative, IBond.Order newOrder) {
        bond.setOrder(newOrder);
        positive.setFormalCharge(1);
        negative.setFormalCharge(-1);
    }

    private static int charge(IAtom atom) {
        return atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
    }

    /** Sum of bond orders plus hydrogens, as RDKit's explicit-plus-implicit valence of a kekulé form. */
    private static int valence(IAtomContainer mol, IAtom atom) {
        int v = atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
        for (IBond bond : mol.getConnectedBondsList(atom)) {
            v += bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET ? 1 : bond.getOrder().numeric();
        }
        return v;
    }
}
