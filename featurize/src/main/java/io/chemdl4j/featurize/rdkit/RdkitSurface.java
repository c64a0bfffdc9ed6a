package io.chemdl4j.featurize.rdkit;

/**
 * RDKit's surface-area descriptors ({@code MolSurf}): Labute's approximate surface area and its atom
 * contributions, Ertl's topological polar surface area (nitrogen and oxygen only, as RDKit's default),
 * and the MOE-style binning of surface area by an atom property. Stateless and thread-safe.
 */
final class RdkitSurface {
    /** RDKit's bond scale factors, indexed by bond type: aromatic (index 0), single, double, triple. */
    private static final double[] BOND_SCALE = {0.1, 0, 0.2, 0.3};

    /** Bin edges of SlogP_VSA1-12 (Crippen logP contributions). */
    static final double[] LOGP_BINS = {-0.4, -0.2, 0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6};
    /** Bin edges of SMR_VSA1-10 (Crippen molar-refractivity contributions). */
    static final double[] MR_BINS = {1.29, 1.82, 2.24, 2.45, 2.75, 3.05, 3.63, 3.8, 4.0};
    /** Bin edges of PEOE_VSA1-14 (Gasteiger charges). */
    static final double[] CHARGE_BINS = {-.3, -.25, -.20, -.15, -.10, -.05, 0, .05, .10, .15, .20, .25, .30};
    /** Bin edges of EState_VSA1-11 (EState indices). */
    static final double[] ESTATE_BINS = {-0.390, 0.290, 0.717, 1.165, 1.540, 1.807, 2.05, 4.69, 9.17, 15.0};
    /** Bin edges of VSA_EState1-10 (surface-area contributions, summing EState indices). */
    static final double[] VSA_BINS = {4.78, 5.00, 5.410, 5.740, 6.00, 6.07, 6.45, 7.00, 11.0};

    private RdkitSurface() {
    }

    /**
     * Labute's atom contributions to the approximate surface area, as RDKit's
     * {@code _CalcLabuteASAContribs}: element {@code i + 1} for atom {@code i}, element 0 for the
     * hydrogens. RDKit's quirk, kept: every heavy atom is paired with exactly one hydrogen, however
     * many it carries (none included), and all hydrogens share the one entry 0.
     */
    static double[] labuteContributions(RdkitMolecule mol) {
        int n = mol.atomCount();
        double[] v = new double[n + 1];
        double[] radius = new double[n + 1];
        radius[0] = RdkitElements.bondRadius(1);
        for (int a = 0; a < n; a++) {
            radius[a + 1] = RdkitElements.bondRadius(mol.atomicNumber(a));
        }
        for (int b = 0; b < mol.bondCount(); b++) {
            int i = mol.bondBegin(b) + 1;
            int j = mol.bondEnd(b) + 1;
            double ri = radius[i];
            double rj = radius[j];
            int type = mol.bondType(b);
            double scale = type == RdkitMolecule.AROMATIC_BOND ? BOND_SCALE[0]
                    : type >= 1 && type <= 3 ? BOND_SCALE[type] : 0;
            double bij = ri + rj - scale;
            double dij = Math.min(Math.max(Math.abs(ri - rj), bij), ri + rj);
            v[i] += rj * rj - (ri - dij) * (ri - dij) / dij;
            v[j] += ri * ri - (rj - dij) * (rj - dij) / dij;
        }
        double rh = radius[0];
        for (int i = 1; i <= n; i++) {
            double ri = radius[i];
            double dij = Math.min(Math.max(Math.abs(ri - rh), ri + rh), ri + rh);
            v[i] += rh * rh - (ri - dij) * (ri - dij) / dij;
            v[0] += ri * ri - (rh - dij) * (rh - dij) / dij;
        }
        for (int i = 0; i <= n; i++) {
            double ri = radius[i];
            v[i] = 4 * Math.PI * ri * ri - Math.PI * ri * v[i];
        }
        return v;
    }

    /**
     * Ertl's TPSA contribution of each atom (RDKit's {@code CalcTPSA} with its default of nitrogen and
     * oxygen only): tabulated by hydrogens, single, double, triple and aromatic bonds, charge and
     * three-membered rings, with Ertl's fallback formula for other environments.
     */
    static double[] tpsaContributions(RdkitMolecule mol) {
        double[] out = new double[mol.atomCount()];
        for (int a = 0; a < mol.atomCount(); a++) {
            int z = mol.atomicNumber(a);
            if (z == 7 || z == 8) {
                out[a] = tpsa(mol, a, z);
            }
        }
        return out;
    }

    private static double tpsa(RdkitMolecule mol, int a, int z) {
        int hs = mol.totalHydrogens(a);
        int charge = mol.formalCharge(a);
        int neighbours = mol.degree(a);
        int single = 0;
        int doubles = 0;
        int triple = 0;
        int aromatic = 0;
        for (int k = 0; k < neighbours; k++) {
            int type = mol.bondType(mol.neighbourBond(a, k));
            if (type == RdkitMolecule.AROMATIC_BOND) {
                aromatic++;
            } else if (type == 1) {
                single++;
            } else if (type == 2) {
                doubles++;
            } else if (type == 3) {
                triple++;
            }
        }
        boolean in3Ring = inThreeMemberedRing(mol, a);
        double value = -1;
        if (z == 7) {
            if (neighbours == 1) {
                if (hs == 0 && triple == 1 && charge == 0) {
                    value = 23.79;
                } else if (hs == 1 && doubles == 1 && charge == 0) {
                    value = 23.85;
                } else if (hs == 2 && single == 1 && charge == 0) {
                    value = 26.02;
                } else if (hs == 2 && doubles == 1 && charge == 1) {
                    value = 25.59;
                } else if (hs == 3 && single == 1 && charge == 1) {
                    value = 27.64;
                }
            } else if (neighbours == 2) {
                if (hs == 0 && single == 1 && doubles == 1 && charge == 0) {
                    value = 12.36;
                } else if (hs == 0 && triple == 1 && doubles == 1 && charge == 0) {
                    value = 13.60;
                } else if (hs == 1 && single == 2 && charge == 0) {
                    value = in3Ring ? 21.94 : 12.03;
                } else if (hs == 0 && triple == 1 && single == 1 && charge == 1) {
                    value = 4.36;
                } else if (hs == 1 && doubles == 1 && single == 1 && charge == 1) {
                    value = 13.97;
                } else if (hs == 2 && single == 2 && charge == 1) {
                    value = 16.61;
                } else if (hs == 0 && aromatic == 2 && charge == 0) {
                    value = 12.89;
                } else if (hs == 1 && aromatic == 2 && charge == 0) {
                    value = 15.79;
                } else if (hs == 1 && aromatic == 2 && charge == 1) {
                    value = 14.14;
                }
            } else if (neighbours == 3) {
                if (hs == 0 && single == 3 && charge == 0) {
                    value = in3Ring ? 3.01 : 3.24;
                } else if (hs == 0 && single == 1 && doubles == 2 && charge == 0) {
                    value = 11.68;
                } else if (hs == 0 && single == 2 && doubles == 1 && charge == 1) {
                    value = 3.01;
                } else if (hs == 1 && single == 3 && charge == 1) {
                    value = 4.44;
                } else if (hs == 0 && aromatic == 3 && charge == 0) {
                    value = 4.41;
                } else if (hs == 0 && single == 1 && aromatic == 2 && charge == 0) {
                    value = 4.93;
                } else if (hs == 0 && doubles == 1 && aromatic == 2 && charge == 0) {
                    value = 8.39;
                } else if (hs == 0 && aromatic == 3 && charge == 1) {
                    value = 4.10;
                } else if (hs == 0 && single == 1 && aromatic == 2 && charge == 1) {
                    value = 3.88;
                }
            } else if (neighbours == 4) {
                if (hs == 0 && single == 4 && charge == 1) {
                    value = 0.00;
                }
            }
            if (value < 0) {
                value = Math.max(0, 30.5 - neighbours * 8.2 + hs * 1.5);
            }
        } else {
            if (neighbours == 1) {
                if (hs == 0 && doubles == 1 && charge == 0) {
                    value = 17.07;
                } else if (hs == 1 && single == 1 && charge == 0) {
                    value = 20.23;
                } else if (hs == 0 && single == 1 && charge == -1) {
                    value = 23.06;
                }
            } else if (neighbours == 2) {
                if (hs == 0 && single == 2 && charge == 0) {
                    value = in3Ring ? 12.53 : 9.23;
                } else if (hs == 0 && aromatic == 2 && charge == 0) {
                    value = 13.14;
                }
            }
            if (value < 0) {
                value = Math.max(0, 28.5 - neighbours * 8.6 + hs * 1.5);
            }
        }
        return value;
    }

    /** Whether two neighbours of {@code a} are bonded to each other. */
    private static boolean inThreeMemberedRing(RdkitMolecule mol, int a) {
        for (int i = 0; i < mol.degree(a); i++) {
            int u = mol.neighbour(a, i);
            for (int j = i + 1; j < mol.degree(a); j++) {
                int w = mol.neighbour(a, j);
                for (int k = 0; k < mol.degree(u); k++) {
                    if (mol.neighbour(u, k) == w) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The MOE-style VSA bins: for each atom, {@code add[i]} goes into the bin of {@code key[i]}, the number
     * of edges at or below it ({@code bisect_right}; a NaN key falls into the last bin, as in RDKit).
     */
    static double[] bin(double[] key, double[] add, double[] edges) {
        double[] out = new double[edges.length + 1];
        for (int i = 0; i < key.length; i++) {
            int bin = 0;
            while (bin < edges.length && !(key[i] < edges[bin])) {
                bin++;
            }
            out[bin] += add[i];
        }
        return out;
    }
}
