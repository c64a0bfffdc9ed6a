package io.chemdl4j.featurize.rdkit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;

/**
 * Stereo perception as RDKit's legacy {@code assignStereochemistry(cleanIt=true)} leaves a molecule
 * parsed from SMILES (RDKit 2022.09's default): which atoms keep their chiral tag, their R/S labels,
 * and the E/Z of double bonds.
 *
 * <p>RDKit's legacy labels come from an approximate CIP ranking, not the full CIP rules: atoms are
 * ranked by atomic number and isotope, then refined by the sorted ranks of their neighbours (each
 * neighbour counted twice the bond order, aromatic three times, hydrogens as zeros), and ties left
 * after that are broken by the labels already assigned. RDKit's Morgan fingerprint with chirality
 * hashes exactly these labels, so they are reproduced here rather than computed by CDK's complete
 * CIP implementation, which disagrees with them for pseudo-asymmetric centres, bridged rings and
 * many sugars. The input's stereo (CDK tetrahedral and double-bond elements) gives the tags.
 *
 * <p>Immutable once computed; computing one reads, never modifies, the molecule.
 */
final class RdkitStereo {
    /** Atom code for a tagged atom without an R/S label (RDKit's ring stereo). */
    static final int TAGGED = 1;
    static final int S = 2;
    static final int R = 3;
    /** RDKit's {@code Bond::STEREOZ} and {@code Bond::STEREOE}. */
    static final int Z = 2;
    static final int E = 3;

    private static final int MIN_RING_SIZE_FOR_DOUBLE_BOND_STEREO = 8;

    /** RDKit's {@code Atom::CHI_TETRAHEDRAL_CW} and {@code Atom::CHI_TETRAHEDRAL_CCW}. */
    static final int CW = 1;
    static final int CCW = 2;

    private final int[] atomCodes;
    private final int[] bondStereo;
    private final int[] chiralTags;

    private RdkitStereo(int[] atomCodes, int[] bondStereo, int[] chiralTags) {
        this.atomCodes = atomCodes;
        this.bondStereo = bondStereo;
        this.chiralTags = chiralTags;
    }

    /**
     * Per atom: RDKit's chiral tag after clean-up, 0 (unspecified), {@link #CW} or {@link #CCW}. A tag is
     * relative to the order of the atom's bonds as RDKit's SMILES parser creates them; an implicit hydrogen
     * counts after them. A copy.
     */
    int[] chiralTags() {
        return chiralTags.clone();
    }

    /** Per atom: 0 no chiral tag, {@link #TAGGED}, {@link #S} or {@link #R}. A copy. */
    int[] atomCodes() {
        return atomCodes.clone();
    }

    /** Per bond: 0, {@link #Z} or {@link #E}. A copy. */
    int[] bondStereo() {
        return bondStereo.clone();
    }

    static RdkitStereo perceive(RdkitMolecule mol) {
        return new Perception(mol).run();
    }

    /** The mutable state of one perception: tags from the input, ranks and labels as they are found. */
    private static final class Perception {
        private final RdkitMolecule mol;
        private final int n;
        /** The input's tetrahedral element of each atom, null when the atom has none. */
        private final ITetrahedralChirality[] tetrahedral;
        /** The input's double-bond element of each bond, null when it has none. */
        private final IDoubleBondStereochemistry[] doubleBonds;
        private final int[] labels;
        private final int[] bondStereo;
        private int[] ranks;

        Perception(RdkitMolecule mol) {
            this.mol = mol;
            this.n = mol.atomCount();
            IAtomContainer container = mol.container();
            tetrahedral = new ITetrahedralChirality[n];
            doubleBonds = new IDoubleBondStereochemistry[mol.bondCount()];
            for (IStereoElement<?, ?> element : container.stereoElements()) {
                if (element instanceof ITetrahedralChirality tc) {
                    tetrahedral[container.indexOf(tc.getChiralAtom())] = tc;
                } else if (element instanceof IDoubleBondStereochemistry db) {
                    doubleBonds[container.indexOf(db.getStereoBond())] = db;
                }
            }
            labels = new int[n];
            bondStereo = new int[mol.bondCount()];
        }

        RdkitStereo run() {
            boolean hasStereoAtoms = Arrays.stream(tetrahedral).anyMatch(t -> t != null);
            boolean hasStereoBonds = Arrays.stream(doubleBonds).anyMatch(d -> d != null);
            if (!hasStereoAtoms && !hasStereoBonds) {
                return new RdkitStereo(new int[n], bondStereo, new int[n]);
            }
            ranks = iterateRanks(initialInvariants(), false);
            boolean keepGoing = true;
            while (keepGoing) {
                boolean changedAtoms = false;
                boolean changedBonds = false;
                if (hasStereoAtoms) {
                    int[] result = assignAtomLabels();
                    hasStereoAtoms = result[0] > 0;
                    changedAtoms = result[1] > 0;
                }
                if (hasStereoBonds) {
                    int[] result = assignBondStereo();
                    hasStereoBonds = result[0] > 0;
                    changedBonds = result[1] > 0;
                }
                keepGoing = (hasStereoAtoms || hasStereoBonds) && (changedAtoms || changedBonds);
                if (keepGoing) {
                    rerank();
                }
            }
            int[] codes = labels.clone();
            markRingStereo(codes);
            int[] tags = new int[n];
            int[] bondRank = null;
            for (int a = 0; a < n; a++) {
                if (codes[a] != 0) {
                    bondRank = bondRank == null ? rdkitBondRanks() : bondRank;
                    tags[a] = tag(a, bondRank);
                }
            }
            return new RdkitStereo(codes, bondStereo, tags);
        }

        /** Atomic number, then isotope offset from the most common isotope (RDKit's {@code buildCIPInvariants}). */
        private int[] initialInvariants() {
            int[] invariants = new int[n];
            for (int i = 0; i < n; i++) {
                int z = mol.atomicNumber(i);
                int mass = 0;
                if (mol.massNumber(i) != 0 && z > 0) {
                    mass = mol.massNumber(i) - (int) Math.round(RdkitElements.monoisotopicMass(z));
                    if (mass >= 0) {
                        mass++;
                    }
                }
                mass += 512;
                mass = mass < 0 ? 0 : mass % 1024;
                invariants[i] = (((z % 128) << 10) | mass) << 10;
            }
            return invariants;
        }

        /**
         * RDKit's {@code iterateCIPRanks}: each atom's entry (its atomic number unless seeded, its rank)
         * is extended round by round with its neighbours' ranks, descending, until every atom is
         * distinct, the number of classes stops growing, or n/2 + 1 rounds have run.
         */
        private int[] iterateRanks(int[] invariants, boolean seedWithInvariants) {
            int[] current = denseRanks(invariants);
            int[][] entries = new int[n][];
            for (int i = 0; i < n; i++) {
                entries[i] = seedWithInvariants
                        ? new int[] {invariants[i]}
                        : new int[] {mol.atomicNumber(i), current[i]};
            }
            int maxIterations = n / 2 + 1;
            int iterations = 0;
            int lastClasses = -1;
            int classes = classes(current);
            while (classes < n && iterations < maxIterations && (lastClasses < 0 || lastClasses < classes)) {
                int longest = 0;
                int[][] extended = new int[n][];
                for (int i = 0; i < n; i++) {
                    int[] neighbourRanks = neighbourRanks(i, current);
                    int[] entry = Arrays.copyOf(entries[i], entries[i].length + neighbourRanks.length);
                    // neighbourRanks is ascending; RDKit appends it reversed
                    for (int k = 0; k < neighbourRanks.length; k++) {
                        entry[entries[i].length + k] = neighbourRanks[neighbourRanks.length - 1 - k];
                    }
                    extended[i] = entry;
                    longest = Math.max(longest, entry.length);
                }
                for (int i = 0; i < n; i++) {
                    if (extended[i].length < longest) {
                        int from = extended[i].length;
                        extended[i] = Arrays.copyOf(extended[i], longest);
                        Arrays.fill(extended[i], from, longest, -1);
                    }
                }
                lastClasses = classes;
                current = denseRanks(extended);
                classes = classes(current);
                for (int i = 0; i < n; i++) {
                    int[] truncated = Arrays.copyOf(extended[i], iterations + 2);
                    truncated[iterations + 1] = current[i];
                    entries[i] = truncated;
                }
                iterations++;
            }
            return current;
        }

        /**
         * The ranks of an atom's neighbours plus one, each repeated twice its bond order (aromatic: 3
         * times; a double bond to a 3- or 4-connected phosphorus once), after a zero per hydrogen;
         * ascending.
         */
        private int[] neighbourRanks(int atom, int[] current) {
            int hydrogens = mol.totalHydrogens(atom);
            int size = hydrogens;
            int degree = mol.degree(atom);
            int[] counts = new int[degree];
            for (int k = 0; k < degree; k++) {
                int other = mol.neighbour(atom, k);
                int type = mol.bondType(mol.neighbourBond(atom, k));
                if (type == 2 && mol.atomicNumber(other) == 15
                        && (mol.degree(other) == 3 || mol.degree(other) == 4)) {
                    counts[k] = 1;
                } else {
                    counts[k] = type == RdkitMolecule.AROMATIC_BOND ? 3 : 2 * type;
                }
                size += counts[k];
            }
            int[] out = new int[size];
            int fill = hydrogens;
            for (int k = 0; k < degree; k++) {
                Arrays.fill(out, fill, fill + counts[k], current[mol.neighbour(atom, k)] + 1);
                fill += counts[k];
            }
            Arrays.sort(out);
            return out;
        }

        /**
         * RDKit's {@code assignAtomChiralCodes}: label every tagged, still unlabelled atom that is a
         * legal centre with neighbours of distinct ranks. Returns {unassigned legal centres, labelled now}.
         */
        private int[] assignAtomLabels() {
            int unassigned = 0;
            int changed = 0;
            for (int a = 0; a < n; a++) {
                if (tetrahedral[a] == null || labels[a] != 0 || !isLegalCentre(a)) {
                    continue;
                }
                if (hasDuplicateNeighbourRanks(a)) {
                    unassigned++;
                } else {
                    labels[a] = label(a);
                    changed++;
                }
            }
            return new int[] {unassigned, changed};
        }

        /** RDKit's {@code isAtomPotentialChiralCenter}, without the rank test. */
        private boolean isLegalCentre(int a) {
            int z = mol.atomicNumber(a);
            int totalDegree = mol.totalDegree(a);
            int degree = mol.degree(a);
            boolean phosphorusLike = z == 15 || z == 33;
            if (totalDegree > 4 || totalDegree < 3) {
                return false;
            }
            if (degree < 3 && !phosphorusLike) {
                return false;
            }
            if (degree == 3 && mol.totalHydrogens(a) != 1) {
                if (z == 7) {
                    return isInRingOfSize3(a);
                }
                if (phosphorusLike) {
                    return true;
                }
                if (z == 16 || z == 34) {
                    int valence = explicitValence(a);
                    return valence == 4 || (valence == 3 && mol.formalCharge(a) == 1);
                }
                return false;
            }
            return true;
        }

        private boolean hasDuplicateNeighbourRanks(int a) {
            int degree = mol.degree(a);
            for (int k = 0; k < degree; k++) {
                for (int j = 0; j < k; j++) {
                    if (ranks[mol.neighbour(a, k)] == ranks[mol.neighbour(a, j)]) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * R or S from the input's tetrahedral element: order the ligands by rank, lowest first, and
         * read the winding from the lowest. An implicit hydrogen ranks lowest; a lone pair (three
         * neighbours, no hydrogen) ranks highest, as RDKit's parity convention for it implies.
         */
        private int label(int a) {
            boolean clockwise = clockwiseInOrder(a, -1, atom -> ranks[atom]);
            return clockwise ? R : S;
        }

        /**
         * The order in which RDKit's SMILES parser creates the bonds, when the atoms are in SMILES order:
         * every chain bond as its second atom is read, then the ring closures ({@code CloseMolRings}) by
         * ring-closure digit. The digits are not kept by the parse, so they are assigned as SMILES writers
         * assign them: at its opening atom each ring takes the lowest free digit (rings closed sooner first),
         * freed where it closes. A chain bond is an atom's first bond to an earlier atom.
         */
        private int[] rdkitBondRanks() {
            int bonds = mol.bondCount();
            boolean[] chain = new boolean[bonds];
            boolean[] hasParent = new boolean[n];
            for (int b = 0; b < bonds; b++) {
                int child = Math.max(mol.bondBegin(b), mol.bondEnd(b));
                if (!hasParent[child]) {
                    hasParent[child] = true;
                    chain[b] = true;
                }
            }
            long[] keys = new long[bonds];
            java.util.TreeSet<Integer> free = new java.util.TreeSet<>();
            int[] digit = new int[bonds];
            for (int d = 0; d < 1000; d++) {
                free.add(d);
            }
            for (int a = 0; a < n; a++) {
                java.util.List<int[]> openings = new java.util.ArrayList<>();
                for (int k = 0; k < mol.degree(a); k++) {
                    int b = mol.neighbourBond(a, k);
                    if (!chain[b] && mol.neighbour(a, k) > a) {
                        openings.add(new int[] {mol.neighbour(a, k), b});
                    }
                }
                openings.sort(Comparator.comparingInt(o -> o[0]));
                for (int[] o : openings) {
                    digit[o[1]] = free.isEmpty() ? 1000 : free.pollFirst();
                }
                for (int k = 0; k < mol.degree(a); k++) {
                    int b = mol.neighbourBond(a, k);
                    if (!chain[b] && mol.neighbour(a, k) < a) {
                        free.add(digit[b]);
                    }
                }
            }
            for (int b = 0; b < bonds; b++) {
                int opening = Math.min(mol.bondBegin(b), mol.bondEnd(b));
                int closing = Math.max(mol.bondBegin(b), mol.bondEnd(b));
                keys[b] = chain[b] ? closing : (1L << 40) + ((long) digit[b] << 20) + opening;
            }
            int[] rank = new int[bonds];
            Integer[] order = sortedOrder(bonds, Comparator.comparingLong(b -> keys[b]));
            for (int r = 0; r < bonds; r++) {
                rank[order[r]] = r;
            }
            return rank;
        }

        /**
         * The input's winding read against the atom's bonds in RDKit's order ({@code bondRank}), an implicit
         * hydrogen or lone pair last: clockwise is {@link #CW}.
         */
        private int tag(int a, int[] bondRank) {
            return clockwiseInOrder(a, IMPLICIT_H_POSITION, atom -> {
                for (int j = 0; j < mol.degree(a); j++) {
                    if (mol.neighbour(a, j) == atom) {
                        return bondRank[mol.neighbourBond(a, j)];
                    }
                }
                throw new IllegalStateException("ligand " + atom + " is not a neighbour of atom " + a);
            }) ? CW : CCW;
        }

        /**
         * Whether the input's tetrahedral element at {@code a} winds clockwise when its ligands are read in
         * ascending {@code key} order: an implicit hydrogen keyed {@code implicitHydrogenKey}, a lone pair last.
         */
        private boolean clockwiseInOrder(int a, long implicitHydrogenKey, java.util.function.IntToLongFunction key) {
            ITetrahedralChirality tc = tetrahedral[a];
            IAtom[] ligands = tc.getLigands();
            long[] keyed = new long[4];
            for (int k = 0; k < 4; k++) {
                keyed[k] = ligands[k].equals(tc.getChiralAtom())
                        ? (mol.totalHydrogens(a) == 1 ? implicitHydrogenKey : Integer.MAX_VALUE)
                        : key.applyAsLong(mol.container().indexOf(ligands[k]));
            }
            boolean clockwise = tc.getStereo() == ITetrahedralChirality.Stereo.CLOCKWISE;
            return swapsToSort(keyed) % 2 == 1 ? !clockwise : clockwise;
        }

        /**
         * RDKit's {@code assignBondStereoCodes}: E/Z of each double bond the input gave stereo for,
         * from the highest-ranked neighbour at each end. Returns {unassigned, assigned now}.
         */
        private int[] assignBondStereo() {
            int unassigned = 0;
            int changed = 0;
            for (int b = 0; b < doubleBonds.length; b++) {
                IDoubleBondStereochemistry db = doubleBonds[b];
                if (db == null || bondStereo[b] != 0 || mol.bondType(b) != 2 || !detectsDoubleBondStereo(b)) {
                    continue;
                }
                int begin = mol.bondBegin(b);
                int end = mol.bondEnd(b);
                if (!(mol.degree(begin) == 2 || mol.degree(begin) == 3)
                        || !(mol.degree(end) == 2 || mol.degree(end) == 3)) {
                    continue;
                }
                unassigned++;
                int beginRef = highestRankedNeighbour(begin, b);
                int endRef = highestRankedNeighbour(end, b);
                if (beginRef < 0 || endRef < 0) {
                    continue;
                }
                boolean together = db.getStereo() == IDoubleBondStereochemistry.Conformation.TOGETHER;
                IAtomContainer container = mol.container();
                for (IBond carrier : db.getBonds()) {
                    int u = container.indexOf(carrier.getBegin());
                    int v = container.indexOf(carrier.getEnd());
                    int anchor = u == begin || v == begin ? begin : end;
                    int carried = u == anchor ? v : u;
                    if (carried != (anchor == begin ? beginRef : endRef)) {
                        together = !together;
                    }
                }
                bondStereo[b] = together ? Z : E;
                unassigned--;
                changed++;
            }
            return new int[] {unassigned, changed};
        }

        /** The neighbour of {@code atom} across bonds other than {@code bond} with the highest rank; -1 on a tie. */
        private int highestRankedNeighbour(int atom, int bond) {
            int best = -1;
            int second = -1;
            for (int k = 0; k < mol.degree(atom); k++) {
                if (mol.neighbourBond(atom, k) == bond) {
                    continue;
                }
                int other = mol.neighbour(atom, k);
                if (best < 0) {
                    best = other;
                } else {
                    second = other;
                }
            }
            if (second >= 0) {
                if (ranks[best] == ranks[second]) {
                    return -1;
                }
                return ranks[best] > ranks[second] ? best : second;
            }
            return best;
        }

        /** RDKit ignores double-bond stereo in rings smaller than 8. */
        private boolean detectsDoubleBondStereo(int bond) {
            return !mol.isRingBond(bond) || smallestRingThrough(bond) >= MIN_RING_SIZE_FOR_DOUBLE_BOND_STEREO;
        }

        /** RDKit's {@code rerankAtoms}: refine the ranks with the R/S and E/Z found so far. */
        private void rerank() {
            int factor = 100;
            while (factor < n) {
                factor *= 10;
            }
            int[] invariants = new int[n];
            for (int a = 0; a < n; a++) {
                int invariant = ranks[a] * factor;
                if (labels[a] == S) {
                    invariant += 10;
                } else if (labels[a] == R) {
                    invariant += 20;
                }
                for (int k = 0; k < mol.degree(a); k++) {
                    int b = mol.neighbourBond(a, k);
                    if (mol.bondType(b) == 2) {
                        invariant += bondStereo[b] == E ? 1 : bondStereo[b] == Z ? 2 : 0;
                    }
                }
                invariants[a] = invariant;
            }
            ranks = iterateRanks(invariants, true);
        }

        /**
         * RDKit's clean-up keeps the tag of an unlabelled atom only as ring stereo: a tagged,
         * unlabelled ring atom that is a candidate ({@code atomIsCandidateForRingStereochem}) keeps it
         * when another such atom lies in the same ring system.
         */
        private void markRingStereo(int[] codes) {
            boolean[] candidate = new boolean[n];
            for (int a = 0; a < n; a++) {
                candidate[a] = tetrahedral[a] != null && labels[a] == 0 && mol.isInRing(a)
                        && isRingStereoCandidate(a);
            }
            int[] system = ringSystems();
            int[] candidatesPerSystem = new int[n];
            for (int a = 0; a < n; a++) {
                if (candidate[a]) {
                    candidatesPerSystem[system[a]]++;
                }
            }
            for (int a = 0; a < n; a++) {
                if (candidate[a] && candidatesPerSystem[system[a]] >= 2) {
                    codes[a] = TAGGED;
                }
            }
        }

        private boolean isRingStereoCandidate(int a) {
            if (mol.atomicNumber(a) == 7 && !isInRingOfSize3(a)) {
                return false;
            }
            int[] nonRing = new int[mol.degree(a)];
            int nonRingCount = 0;
            int ringCount = 0;
            int[] ringRanks = new int[mol.degree(a)];
            for (int k = 0; k < mol.degree(a); k++) {
                int other = mol.neighbour(a, k);
                if (mol.isRingBond(mol.neighbourBond(a, k))) {
                    ringRanks[ringCount++] = ranks[other];
                } else {
                    nonRing[nonRingCount++] = other;
                }
            }
            int distinctRingRanks = (int) Arrays.stream(ringRanks, 0, ringCount).distinct().count();
            return switch (nonRingCount) {
                case 2 -> ranks[nonRing[0]] != ranks[nonRing[1]];
                case 1 -> ringCount >= 2;
                case 0 -> (ringCount == 4 && distinctRingRanks == 3) || (ringCount == 3 && distinctRingRanks == 2);
                default -> false;
            };
        }

        /** Component index of each atom in the graph of ring bonds (atoms outside rings are alone). */
        private int[] ringSystems() {
            int[] system = new int[n];
            Arrays.fill(system, -1);
            Deque<Integer> queue = new ArrayDeque<>();
            for (int start = 0; start < n; start++) {
                if (system[start] >= 0) {
                    continue;
                }
                system[start] = start;
                queue.add(start);
                while (!queue.isEmpty()) {
                    int a = queue.poll();
                    for (int k = 0; k < mol.degree(a); k++) {
                        int other = mol.neighbour(a, k);
                        if (system[other] < 0 && mol.isRingBond(mol.neighbourBond(a, k))) {
                            system[other] = start;
                            queue.add(other);
                        }
                    }
                }
            }
            return system;
        }

        private boolean isInRingOfSize3(int a) {
            for (int k = 0; k < mol.degree(a); k++) {
                for (int j = 0; j < k; j++) {
                    int u = mol.neighbour(a, k);
                    int v = mol.neighbour(a, j);
                    for (int m = 0; m < mol.degree(u); m++) {
                        if (mol.neighbour(u, m) == v) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Sum of bond orders (aromatic 1.5, rounded) plus hydrogens: RDKit's explicit valence of a bracket atom. */
        private int explicitValence(int a) {
            double valence = mol.totalHydrogens(a);
            for (int k = 0; k < mol.degree(a); k++) {
                int type = mol.bondType(mol.neighbourBond(a, k));
                valence += type == RdkitMolecule.AROMATIC_BOND ? 1.5 : type;
            }
            return (int) Math.round(valence);
        }

        /** Size of the smallest ring through {@code bond}: shortest path between its ends without it, plus one. */
        private int smallestRingThrough(int bond) {
            int from = mol.bondBegin(bond);
            int to = mol.bondEnd(bond);
            int[] distance = new int[n];
            Arrays.fill(distance, -1);
            distance[from] = 0;
            Deque<Integer> queue = new ArrayDeque<>();
            queue.add(from);
            while (!queue.isEmpty()) {
                int a = queue.poll();
                for (int k = 0; k < mol.degree(a); k++) {
                    if (mol.neighbourBond(a, k) == bond) {
                        continue;
                    }
                    int other = mol.neighbour(a, k);
                    if (distance[other] < 0) {
                        distance[other] = distance[a] + 1;
                        if (other == to) {
                            return distance[other] + 1;
                        }
                        queue.add(other);
                    }
                }
            }
            return Integer.MAX_VALUE;
        }
    }

    /** Dense ranks (0, 1, 2, … with ties sharing a rank) of the values, ascending. */
    /** Where RDKit counts an implicit hydrogen among a chiral atom's bonds: after them, before a lone pair. */
    private static final long IMPLICIT_H_POSITION = Integer.MAX_VALUE - 1;

    /** Adjacent swaps that sort {@code keys} ascending: its permutation's parity. */
    private static int swapsToSort(long[] keys) {
        long[] k = keys.clone();
        int swaps = 0;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length - 1 - i; j++) {
                if (k[j] > k[j + 1]) {
                    long t = k[j];
                    k[j] = k[j + 1];
                    k[j + 1] = t;
                    swaps++;
                }
            }
        }
        return swaps;
    }

    private static int[] denseRanks(int[] values) {
        Integer[] order = sortedOrder(values.length, Comparator.comparingInt(i -> values[i]));
        int[] ranks = new int[values.length];
        int rank = 0;
        for (int k = 1; k < order.length; k++) {
            if (values[order[k]] != values[order[k - 1]]) {
                rank++;
            }
            ranks[order[k]] = rank;
        }
        return ranks;
    }

    /** Dense ranks of the rows, compared lexicographically. */
    private static int[] denseRanks(int[][] rows) {
        Integer[] order = sortedOrder(rows.length, (i, j) -> Arrays.compare(rows[i], rows[j]));
        int[] ranks = new int[rows.length];
        int rank = 0;
        for (int k = 1; k < order.length; k++) {
            if (!Arrays.equals(rows[order[k]], rows[order[k - 1]])) {
                rank++;
            }
            ranks[order[k]] = rank;
        }
        return ranks;
    }

    private static Integer[] sortedOrder(int size, Comparator<Integer> comparator) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, comparator);
        return order;
    }

    private static int classes(int[] ranks) {
        int max = -1;
        for (int r : ranks) {
            max = Math.max(max, r);
        }
        return max + 1;
    }
}
