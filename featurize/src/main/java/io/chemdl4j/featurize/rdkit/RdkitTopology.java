package io.chemdl4j.featurize.rdkit;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import Jama.EigenvalueDecomposition;
import Jama.Matrix;

/**
 * RDKit's topological indices ({@code GraphDescriptors}): Hall-Kier alpha and kappa shape indices,
 * Balaban's J, Bertz's complexity and the information content of the characteristic polynomial, with
 * the distance matrices they read. Each follows RDKit 2022.09 step for step, quirks included (they are
 * named where they occur). Stateless and thread-safe.
 */
final class RdkitTopology {
    /** RDKit's distance between atoms of different fragments. */
    static final double DISCONNECTED = 1e8;

    private RdkitTopology() {
    }

    /** Topological distances (bonds on the shortest path); {@link #DISCONNECTED} between fragments. */
    static double[][] distances(RdkitMolecule mol) {
        int n = mol.atomCount();
        double[][] d = new double[n][n];
        int[] queue = new int[n];
        int[] depth = new int[n];
        for (int source = 0; source < n; source++) {
            Arrays.fill(depth, -1);
            depth[source] = 0;
            int head = 0;
            int tail = 0;
            queue[tail++] = source;
            while (head < tail) {
                int a = queue[head++];
                for (int k = 0; k < mol.degree(a); k++) {
                    int b = mol.neighbour(a, k);
                    if (depth[b] < 0) {
                        depth[b] = depth[a] + 1;
                        queue[tail++] = b;
                    }
                }
            }
            for (int t = 0; t < n; t++) {
                d[source][t] = depth[t] < 0 ? DISCONNECTED : depth[t];
            }
        }
        return d;
    }

    /**
     * RDKit's {@code GetDistanceMatrix(mol, useBO=1)}: shortest paths where a bond of order k is 1/k long
     * (aromatic 1/1.5), by Floyd-Warshall as RDKit computes it.
     */
    static double[][] bondOrderDistances(RdkitMolecule mol) {
        int n = mol.atomCount();
        double[][] d = new double[n][n];
        for (double[] row : d) {
            Arrays.fill(row, DISCONNECTED);
        }
        for (int a = 0; a < n; a++) {
            d[a][a] = 0;
        }
        for (int b = 0; b < mol.bondCount(); b++) {
            double length = 1.0 / bondOrder(mol, b);
            d[mol.bondBegin(b)][mol.bondEnd(b)] = length;
            d[mol.bondEnd(b)][mol.bondBegin(b)] = length;
        }
        for (int k = 0; k < n; k++) {
            double[] dk = d[k];
            for (int i = 0; i < n; i++) {
                double dik = d[i][k];
                if (dik >= DISCONNECTED) {
                    continue;
                }
                double[] di = d[i];
                for (int j = 0; j < n; j++) {
                    double via = dik + dk[j];
                    if (via < di[j]) {
                        di[j] = via;
                    }
                }
            }
        }
        return d;
    }

    /** RDKit's {@code GetBondTypeAsDouble} for the bond types a parsed molecule has (aromatic 1.5). */
    static double bondOrder(RdkitMolecule mol, int bond) {
        int type = mol.bondType(bond);
        return type == RdkitMolecule.AROMATIC_BOND ? 1.5 : type;
    }

    /**
     * Hall-Kier alpha (RDKit's {@code CalcHallKierAlpha}): per atom a tabulated value by element and
     * hybridization, else the atom's bond radius over carbon's minus one; hydrogens count 0.
     */
    static double hallKierAlpha(RdkitMolecule mol) {
        double carbonRadius = RdkitElements.bondRadius(6);
        double sum = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            int z = mol.atomicNumber(a);
            if (z == 0) {
                continue;
            }
            RdkitMolecule.Hybridization h = mol.hybridization(a);
            sum += switch (z) {
                case 1 -> 0.0;
                case 6 -> h == RdkitMolecule.Hybridization.SP ? -0.22 : h == RdkitMolecule.Hybridization.SP2 ? -0.13 : 0.0;
                case 7 -> h == RdkitMolecule.Hybridization.SP ? -0.29 : h == RdkitMolecule.Hybridization.SP2 ? -0.20 : -0.04;
                case 8 -> h == RdkitMolecule.Hybridization.SP2 ? -0.20 : -0.04;
                case 9 -> -0.07;
                case 15 -> h == RdkitMolecule.Hybridization.SP2 ? 0.30 : 0.43;
                case 16 -> h == RdkitMolecule.Hybridization.SP2 ? 0.22 : 0.35;
                case 17 -> 0.29;
                case 35 -> 0.48;
                case 53 -> 0.73;
                default -> RdkitElements.bondRadius(z) / carbonRadius - 1;
            };
        }
        return sum;
    }

    /**
     * Kier's kappa shape indices 1-3 from the heavy atoms, the paths of one, two and three bonds
     * (counted as RDKit's path finder counts them, {@code pathCounts}) and Hall-Kier alpha.
     */
    static double[] kappa(RdkitMolecule mol, double alpha, double[] pathCounts) {
        double a = heavyAtoms(mol);
        double p1 = pathCounts[1] + alpha;
        double p2 = pathCounts[2] + alpha;
        double p3 = pathCounts[3] + alpha;
        double k1 = p1 == 0 ? 0 : (a + alpha) * square(a + alpha - 1) / (p1 * p1);
        double k2 = p2 == 0 ? 0 : (a + alpha - 1) * square(a + alpha - 2) / (p2 * p2);
        double k3;
        if (p3 == 0) {
            k3 = 0;
        } else if (((int) a) % 2 == 1) {
            k3 = (a + alpha - 1) * square(a + alpha - 3) / (p3 * p3);
        } else {
            k3 = (a + alpha - 2) * square(a + alpha - 3) / (p3 * p3);
        }
        return new double[] {k1, k2, k3};
    }

    private static double square(double x) {
        return x * x;
    }

    /** Atoms other than hydrogen (RDKit's {@code GetNumHeavyAtoms}). */
    static int heavyAtoms(RdkitMolecule mol) {
        int heavy = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            if (mol.atomicNumber(a) > 1) {
                heavy++;
            }
        }
        return heavy;
    }

    /**
     * Balaban's J over the bond-order distance matrix: the distance sums of bonded atoms, with RDKit's
     * quirk that atoms of other fragments add {@link #DISCONNECTED} to the sums, and 0 when the
     * cyclomatic number plus one is 0.
     */
    static double balabanJ(RdkitMolecule mol, double[][] bondOrderDistances) {
        int n = mol.atomCount();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += bondOrderDistances[j][i];
            }
            s[i] = sum;
        }
        int q = mol.bondCount();
        int mu = q - n + 1;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < mol.degree(i); k++) {
                int j = mol.neighbour(i, k);
                if (j > i) {
                    sum += 1.0 / Math.sqrt(s[i] * s[j]);
                }
            }
        }
        return mu + 1 != 0 ? (double) q / (mu + 1) * sum : 0.0;
    }

    /**
     * Bertz's complexity index as RDKit 2.0.0 computes it: atoms fall into symmetry classes by their
     * sorted bond-order distances (printed to four decimals, as RDKit compares them), aromatic bonds
     * count 1.5, and the index adds the information content of the connection counts and of the
     * element counts. 0 for fewer than two atoms.
     */
    static double bertzCT(RdkitMolecule mol, double[][] bondOrderDistances) {
        int n = mol.atomCount();
        if (n < 2) {
            return 0;
        }
        int[] symmetryClass = symmetryClasses(bondOrderDistances, 100);
        Map<Integer, Integer> elements = new HashMap<>();
        Map<Long, Double> connections = new HashMap<>();
        for (int a = 0; a < n; a++) {
            elements.merge(mol.atomicNumber(a), 1, Integer::sum);
            int[] neighbours = mol.neighbours(a);
            Arrays.sort(neighbours);
            int[] bondTo = new int[neighbours.length];
            for (int k = 0; k < mol.degree(a); k++) {
                int other = mol.neighbour(a, k);
                bondTo[Arrays.binarySearch(neighbours, other)] = mol.neighbourBond(a, k);
            }
            int hinge = symmetryClass[a];
            for (int i = 0; i < neighbours.length; i++) {
                int ni = neighbours[i];
                int classI = symmetryClass[ni];
                double orderI = bondOrder(mol, bondTo[i]);
                if (orderI > 1 && ni > a) {
                    long key = pairKey(Math.min(hinge, classI), Math.max(hinge, classI));
                    connections.merge(key, orderI * (orderI - 1) / 2, Double::sum);
                }
                for (int j = i + 1; j < neighbours.length; j++) {
                    int classJ = symmetryClass[neighbours[j]];
                    double orderJ = bondOrder(mol, bondTo[j]);
                    long key = tripleKey(Math.min(classI, classJ), hinge, Math.max(classI, classJ));
                    connections.merge(key, orderI * orderJ, Double::sum);
                }
            }
        }
        double[] connectionCounts = connections.isEmpty() ? new double[] {1}
                : connections.values().stream().mapToDouble(Double::doubleValue).toArray();
        double total = 0;
        for (double c : connectionCounts) {
            total += c;
        }
        double connectionInformation = total * (infoEntropy(connectionCounts) + Math.log(total) / Math.log(2));
        double[] elementCounts = elements.values().stream().mapToDouble(Integer::doubleValue).toArray();
        return n * infoEntropy(elementCounts) + connectionInformation;
    }

    private static long pairKey(int a, int b) {
        return (1L << 62) | ((long) a << 31) | b;
    }

    private static long tripleKey(int a, int hinge, int b) {
        return ((long) a << 42) | ((long) hinge << 21) | b;
    }

    /** Symmetry classes numbered from 1 in order of first appearance, as RDKit numbers them. */
    private static int[] symmetryClasses(double[][] distances, int cutoff) {
        Map<String, Integer> seen = new HashMap<>();
        int[] classes = new int[distances.length];
        for (int i = 0; i < distances.length; i++) {
            double[] sorted = distances[i].clone();
            Arrays.sort(sorted);
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < Math.min(cutoff, sorted.length); k++) {
                // RDKit compares '%.4f' strings; the distances are sums of 1, 1/2, 2/3 and 1/3, never
                // within rounding error of a half at the fifth decimal, so rounding x·10⁴ gives the same classes
                key.append(Math.round(sorted[k] * 1e4)).append(',');
            }
            classes[i] = seen.computeIfAbsent(key.toString(), k -> seen.size() + 1);
        }
        return classes;
    }

    /** RDKit's {@code InfoEntropy}: Shannon entropy in bits of counts (0 for no counts). */
    static double infoEntropy(double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double accum = 0;
        for (double c : counts) {
            double p = c / total;
            if (p != 0) {
                accum += -p * Math.log(p);
            }
        }
        return accum / Math.log(2.0);
    }

    /**
     * Bonchev-Trinajstić information content of the characteristic polynomial of the hydrogen-suppressed
     * adjacency matrix ({@code Ipc}, avg=False): the coefficients by the Le Verrier-Faddeev-Frame recursion
     * in floating point, as RDKit computes them, then their sum times their entropy.
     */
    static double ipc(RdkitMolecule mol) {
        int n = mol.atomCount();
        double[] coefficients = new double[n + 1];
        coefficients[0] = 1;
        // A_k = A · (A_{k-1} - c_k I) = A · A_{k-1} - c_k A, with A_1 = A; A is 0/1, so a product adds rows
        double[][] power = new double[n][n];
        double[][] next = new double[n][n];
        for (int b = 0; b < mol.bondCount(); b++) {
            power[mol.bondBegin(b)][mol.bondEnd(b)] = 1;
            power[mol.bondEnd(b)][mol.bondBegin(b)] = 1;
        }
        for (int k = 1; k <= n; k++) {
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += power[i][i];
            }
            double c = 1.0 / k * trace;
            coefficients[k] = c;
            if (k == n) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double[] row = next[i];
                Arrays.fill(row, 0);
                for (int d = 0; d < mol.degree(i); d++) {
                    double[] added = power[mol.neighbour(i, d)];
                    for (int j = 0; j < n; j++) {
                        row[j] += added[j];
                    }
                    row[mol.neighbour(i, d)] -= c;
                }
            }
            double[][] swap = power;
            power = next;
            next = swap;
        }
        double[] magnitudes = new double[n + 1];
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            magnitudes[k] = Math.abs(coefficients[k]);
            sum += magnitudes[k];
        }
        return sum * infoEntropy(magnitudes);
    }

    /**
     * Kier-Hall electrotopological state indices (RDKit's {@code EStateIndices}): each atom's intrinsic
     * state {@code (4/N² · δv + 1)/δ} (N the principal quantum number, δv outer electrons less hydrogens,
     * δ the explicit degree; 0 for an isolated atom) plus the perturbations {@code (I_i - I_j)/(d_ij + 1)²}
     * from every atom of the same fragment.
     */
    static double[] eStateIndices(RdkitMolecule mol, double[][] distances) {
        int n = mol.atomCount();
        double[] intrinsic = new double[n];
        for (int i = 0; i < n; i++) {
            int degree = mol.degree(i);
            if (degree > 0) {
                int z = mol.atomicNumber(i);
                double dv = RdkitElements.outerElectrons(z) - mol.totalHydrogens(i);
                int shell = principalQuantumNumber(z);
                intrinsic[i] = (4.0 / (shell * shell) * dv + 1) / degree;
            }
        }
        double[] accum = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double p = distances[i][j] + 1;
                if (p < 1e6) {
                    double perturbation = (intrinsic[i] - intrinsic[j]) / (p * p);
                    accum[i] += perturbation;
                    accum[j] -= perturbation;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            accum[i] += intrinsic[i];
        }
        return accum;
    }

    private static int principalQuantumNumber(int z) {
        if (z <= 2) {
            return 1;
        } else if (z <= 10) {
            return 2;
        } else if (z <= 18) {
            return 3;
        } else if (z <= 36) {
            return 4;
        } else if (z <= 54) {
            return 5;
        } else if (z <= 86) {
            return 6;
        }
        return 7;
    }

    /**
     * The highest and lowest eigenvalue of the Burden matrix of RDKit's {@code BCUT2D}: an atom property on
     * the diagonal, {@code 1/sqrt(bond order)} for bonded pairs (aromatic 1.5) and 0.001 elsewhere.
     *
     * @throws IllegalArgumentException for a bond that is not single, double, triple or aromatic (RDKit
     *                                  refuses it, and Python's {@code BCUT2D_*} are then NaN)
     */
    static double[] burdenEigenvalueRange(RdkitMolecule mol, double[] diagonal) {
        int n = mol.atomCount();
        if (n == 0) {
            return new double[] {0, 0};
        }
        double[][] burden = new double[n][n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(burden[i], 0.001);
            burden[i][i] = diagonal[i];
        }
        for (int b = 0; b < mol.bondCount(); b++) {
            int type = mol.bondType(b);
            double score = switch (type) {
                case RdkitMolecule.AROMATIC_BOND -> 0.8164965809277261;
                case 1 -> 1.0;
                case 2 -> 0.7071067811865475;
                case 3 -> 0.5773502691896258;
                default -> throw new IllegalArgumentException("bond order must be single, double, triple or aromatic");
            };
            burden[mol.bondBegin(b)][mol.bondEnd(b)] = score;
            burden[mol.bondEnd(b)][mol.bondBegin(b)] = score;
        }
        // symmetric: JAMA's Householder tridiagonalization and QL iteration (the eigenvectors come along)
        double[] values = new EigenvalueDecomposition(new Matrix(burden, n, n)).getRealEigenvalues();
        double highest = values[0];
        double lowest = values[0];
        for (double v : values) {
            highest = Math.max(highest, v);
            lowest = Math.min(lowest, v);
        }
        return new double[] {highest, lowest};
    }

    /**
     * The cyclomatic number (bonds less atoms plus fragments: the size of every smallest set of smallest rings)
     * of the molecule without the atoms in {@code deleted}.
     */
    static int cyclomaticNumber(RdkitMolecule mol, BitSet deleted) {
        int n = mol.atomCount();
        int[] parent = new int[n];
        for (int a = 0; a < n; a++) {
            parent[a] = a;
        }
        int atoms = n - deleted.cardinality();
        int bonds = 0;
        int fragments = atoms;
        for (int b = 0; b < mol.bondCount(); b++) {
            int u = mol.bondBegin(b);
            int v = mol.bondEnd(b);
            if (deleted.get(u) || deleted.get(v)) {
                continue;
            }
            bonds++;
            int ru = root(parent, u);
            int rv = root(parent, v);
            if (ru != rv) {
                parent[ru] = rv;
                fragments--;
            }
        }
        return bonds - atoms + fragments;
    }

    private static int root(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }
}
