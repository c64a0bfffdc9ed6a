package io.chemdl4j.moleculenet.split;

import java.util.HashMap;
import java.util.Map;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.ringsearch.RingSearch;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeParser;

/**
 * Bemis–Murcko scaffolds as DeepChem's scaffold splitter computes them (RDKit's
 * {@code MurckoScaffoldSmiles(includeChirality=False)}, i.e. {@code MurckoDecompose}): ring atoms,
 * the linker atoms on paths between rings, and atoms double-bonded to either; every other atom is
 * removed and its bond's valence given back to the scaffold atom as hydrogen (so N-methylpyrrole
 * and pyrrole share a scaffold). The result is written as canonical aromatic SMILES without stereo
 * or isotopes; a molecule without rings has the empty scaffold. Stateless and thread-safe.
 *
 * <p>CDK's {@code MurckoFragmenter} is not used: it drops exocyclic double bonds and leaves
 * radicals where substituents were cut, which groups molecules differently from RDKit.
 */
public final class Scaffolds {
    private static final Aromaticity AROMATICITY = new Aromaticity(ElectronDonation.daylight(),
            Cycles.or(Cycles.all(), Cycles.relevant()));

    private Scaffolds() {
    }

    /**
     * The scaffold of {@code smiles} as canonical SMILES ("" when it has no ring).
     *
     * @throws InvalidMoleculeException if the SMILES cannot be parsed
     */
    public static String murcko(String smiles) throws InvalidMoleculeException {
        IAtomContainer molecule = MoleculeParser.parseSmiles(smiles);
        IAtomContainer scaffold = scaffold(molecule);
        if (scaffold.getAtomCount() == 0) {
            return "";
        }
        try {
            return new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols).create(scaffold);
        } catch (CDKException e) {
            throw new InvalidMoleculeException("no SMILES for the scaffold of '" + smiles + "': " + e.getMessage(), e);
        }
    }

    /** The scaffold as a new molecule; {@code molecule} is not modified. */
    static IAtomContainer scaffold(IAtomContainer molecule) throws InvalidMoleculeException {
        int n = molecule.getAtomCount();
        RingSearch rings = new RingSearch(molecule);
        boolean[] inRing = new boolean[n];
        for (int i = 0; i < n; i++) {
            inRing[i] = rings.cyclic(i);
        }
        boolean[] keep = inRing.clone();
        // Linkers: prune non-ring atoms with at most one remaining neighbour until none is left.
        boolean[] alive = new boolean[n];
        java.util.Arrays.fill(alive, true);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (!alive[i] || inRing[i]) {
                    continue;
                }
                int degree = 0;
                for (IAtom nbr : molecule.getConnectedAtomsList(molecule.getAtom(i))) {
                    if (alive[nbr.getIndex()]) {
                        degree++;
                    }
                }
                if (degree <= 1) {
                    alive[i] = false;
                    changed = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            keep[i] |= alive[i];
        }
        boolean[] core = keep.clone();
        for (IBond bond : molecule.bonds()) {
            int u = bond.getBegin().getIndex();
            int v = bond.getEnd().getIndex();
            if (bond.getOrder() == IBond.Order.DOUBLE && !bond.isAromatic() && core[u] != core[v]) {
                keep[core[u] ? v : u] = true;
            }
        }
        IAtomContainer out = SilentChemObjectBuilder.getInstance().newAtomContainer();
        Map<Integer, IAtom> copies = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                IAtom a = molecule.getAtom(i);
                IAtom copy = out.newAtom(a.getAtomicNumber() == null ? 0 : a.getAtomicNumber(),
                        a.getImplicitHydrogenCount() == null ? 0 : a.getImplicitHydrogenCount());
                copy.setFormalCharge(a.getFormalCharge());
                copies.put(i, copy);
            }
        }
        for (IBond bond : molecule.bonds()) {
            int u = bond.getBegin().getIndex();
            int v = bond.getEnd().getIndex();
            IBond.Order order = bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET
                    ? IBond.Order.SINGLE : bond.getOrder();
            if (keep[u] && keep[v]) {
                out.newBond(copies.get(u), copies.get(v), order);
            } else if (keep[u] != keep[v]) {
                // the removed substituent's bond becomes hydrogens on the scaffold atom
                IAtom kept = copies.get(keep[u] ? u : v);
                kept.setImplicitHydrogenCount(kept.getImplicitHydrogenCount() + order.numeric());
            }
        }
        try {
            Cycles.markRingAtomsAndBonds(out);
            AROMATICITY.apply(out);
        } catch (CDKException e) {
            throw new InvalidMoleculeException("aromaticity of the scaffold failed: " + e.getMessage(), e);
        }
        return out;
    }
}
