package io.chemdl4j.featurize.rdkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


import io.chemdl4j.featurize.InvalidMoleculeException;

/**
 * RDKit's Morgan algorithm ({@code MorganFingerprints::calcFingerprint}) on a {@link RdkitMolecule}:
 * connectivity invariants with ring membership, per-round hashing of the sorted (bond type,
 * neighbour invariant) list, and removal of environments that cover the same bonds as one already
 * emitted. Stateless and thread-safe.
 */
public final class MorganEnvironments {
    private MorganEnvironments() {
    }

    /**
     * The unfolded environment identifiers (RDKit's 32-bit invariants), one per environment in the
     * order RDKit emits them; repeated identifiers are repeated.
     */
    public static int[] environments(RdkitMolecule mol, int radius, boolean chirality)
            throws InvalidMoleculeException {
        return environments(mol, radius, chirality, new int[radius + 1]);
    }

    /**
     * Number of distinct identifiers of the unfolded fingerprint (RDKit's {@code GetMorganFingerprint},
     * no chirality) for every radius 0..{@code radius}, from one run: RDKit emits layer by layer, so
     * the fingerprint of radius r is the first layers of the one of radius {@code radius}.
     */
    public static int[] distinctIdentifiersByRadius(RdkitMolecule mol, int radius) throws InvalidMoleculeException {
        int[] layerEnds = new int[radius + 1];
        int[] ids = environments(mol, radius, false, layerEnds);
        int[] distinct = new int[radius + 1];
        Set<Integer> seen = new HashSet<>();
        int start = 0;
        for (int r = 0; r <= radius; r++) {
            for (int i = start; i < layerEnds[r]; i++) {
                seen.add(ids[i]);
            }
            start = layerEnds[r];
            distinct[r] = seen.size();
        }
        return distinct;
    }

    /** As {@link #environments(RdkitMolecule, int, boolean)}; {@code layerEnds[r]} gets the end of layer r. */
    private static int[] environments(RdkitMolecule mol, int radius, boolean chirality, int[] layerEnds)
            throws InvalidMoleculeException {
        int n = mol.atomCount();
        int[] invariants = connectivityInvariants(mol);
        Stereo stereo = chirality ? Stereo.of(mol) : null;
        int[] out = new int[n * (radius + 1)];
        int emitted = 0;
        for (int i = 0; i < n; i++) {
            out[emitted++] = invariants[i];
        }
        layerEnds[0] = emitted;
        boolean[] chiralSeen = new boolean[n];
        boolean[] dead = new boolean[n];
        BitSet[] atomNeighbourhoods = new BitSet[n];
        for (int i = 0; i < n; i++) {
            atomNeighbourhoods[i] = new BitSet();
        }
        Set<BitSet> seen = new HashSet<>();
        List<Environment> round = new ArrayList<>(n);
        long[] nbrs = new long[8];
        for (int layer = 0; layer < radius; layer++) {
            int[] roundInvariants = new int[n];
            BitSet[] roundNeighbourhoods = new BitSet[n];
            round.clear();
            for (int a = 0; a < n; a++) {
                if (dead[a]) {
                    roundNeighbourhoods[a] = atomNeighbourhoods[a];
                    continue;
                }
                int degree = mol.degree(a);
                if (degree == 0) {
                    dead[a] = true;
                    roundNeighbourhoods[a] = atomNeighbourhoods[a];
                    continue;
                }
                BitSet neighbourhood = (BitSet) atomNeighbourhoods[a].clone();
                if (nbrs.length < degree) {
                    nbrs = new long[degree];
                }
                for (int k = 0; k < degree; k++) {
                    int bond = mol.neighbourBond(a, k);
                    int other = mol.neighbour(a, k);
                    neighbourhood.set(bond);
                    neighbourhood.or(atomNeighbourhoods[other]);
                    int bt = stereo == null ? mol.bondType(bond) : stereo.bondCode(mol, bond);
                    // (signed bond type, unsigned invariant) sorts like std::pair<int32_t, uint32_t>.
                    nbrs[k] = ((long) bt << 32) | Integer.toUnsignedLong(invariants[other]);
                }
                Arrays.sort(nbrs, 0, degree);
                int invariant = RdkitHash.combine(layer, invariants[a]);
                boolean looksChiral = stereo != null && stereo.hasChiralTag(a);
                for (int k = 0; k < degree; k++) {
                    int bt = (int) (nbrs[k] >> 32);
                    int inv = (int) nbrs[k];
                    invariant = RdkitHash.combine(invariant, RdkitHash.pair(bt, inv));
                    if (looksChiral && chiralSeen[a]) {
                        if (bt != 1 || (k > 0 && inv == (int) nbrs[k - 1])) {
                            looksChiral = false;
                        }
                    }
                }
                if (looksChiral) {
                    chiralSeen[a] = true;
                    invariant = RdkitHash.combine(invariant, stereo.cipCode(a));
                }
                roundInvariants[a] = invariant;
                roundNeighbourhoods[a] = neighbourhood;
                round.add(new Environment(neighbourhood, invariant, a));
                if (seen.contains(neighbourhood)) {
                    dead[a] = true;
                }
            }
            // Of identical environments RDKit keeps the one that sorts first: lowest invariant, then atom.
            round.sort(null);
            for (Environment e : round) {
                if (seen.add(e.neighbourhood())) {
                    out[emitted++] = e.invariant();
                } else {
                    dead[e.atom()] = true;
                }
            }
            invariants = roundInvariants;
            atomNeighbourhoods = roundNeighbourhoods;
            layerEnds[layer + 1] = emitted;
        }
        return Arrays.copyOf(out, emitted);
    }

    /**
     * The per-atom chirality code RDKit hashes with {@code useChirality}: 0 for no chiral tag, 3 for
     * an R label, 2 for S, 1 for a tagged atom without a label. Package-private for tests.
     */
    static int[] chiralityCodes(RdkitMolecule mol) {
        return Stereo.of(mol).cip.clone();
    }

    /** RDKit's {@code getConnectivityInvariants} with ring membership (the default for Morgan). */
    static int[] connectivityInvariants(RdkitMolecule mol) throws InvalidMoleculeException {
        int n = mol.atomCount();
        int[] invariants = new int[n];
        for (int i = 0; i < n; i++) {
            int deltaMass = deltaMass(mol.atomicNumber(i), mol.massNumber(i));
            invariants[i] = mol.isInRing(i)
                    ? RdkitHash.vector(mol.atomicNumber(i), mol.totalDegree(i), mol.totalHydrogens(i),
                            mol.formalCharge(i), deltaMass, 1)
                    : RdkitHash.vector(mol.atomicNumber(i), mol.totalDegree(i), mol.totalHydrogens(i),
                            mol.formalCharge(i), deltaMass);
        }
        return invariants;
    }

    /** {@code (int) (isotope mass - standard atomic weight)}, 0 for the natural isotope mixture. */
    private static int deltaMass(int atomicNumber, int massNumber) throws InvalidMoleculeException {
        if (massNumber == 0 || atomicNumber == 0) {
            return 0;
        }
        return (int) (RdkitElements.isotopeMass(atomicNumber, massNumber) - RdkitElements.weight(atomicNumber));
    }

    /** An atom's environment in one round; sorts as RDKit's {@code (bitset, invariant, atom)} tuple. */
    private record Environment(BitSet neighbourhood, int invariant, int atom) implements Comparable<Environment> {
        @Override
        public int compareTo(Environment o) {
            int c = Arrays.compare(neighbourhood.toLongArray(), o.neighbourhood.toLongArray());
            if (c != 0) {
                return c;
            }
            c = Integer.compareUnsigned(invariant, o.invariant);
            return c != 0 ? c : Integer.compare(atom, o.atom);
        }
    }

    /** Stereo as RDKit's {@code useChirality} sees it: chiral tags with legacy R/S labels, E/Z bonds. */
    private static final class Stereo {
        private final int[] cip;
        private final int[] doubleBondStereo;

        private Stereo(RdkitStereo stereo) {
            cip = stereo.atomCodes();
            doubleBondStereo = stereo.bondStereo();
        }

        static Stereo of(RdkitMolecule mol) {
            return new Stereo(RdkitStereo.perceive(mol));
        }

        boolean hasChiralTag(int atom) {
            return cip[atom] != 0;
        }

        int cipCode(int atom) {
            return cip[atom];
        }

        /** RDKit's bond code with chirality: stereo double bonds become 100 + 10·type + stereo. */
        int bondCode(RdkitMolecule mol, int bond) {
            int type = mol.bondType(bond);
            int s = doubleBondStereo[bond];
            return type == 2 && s != 0 ? 100 + 10 * type + s : type;
        }
    }

}
