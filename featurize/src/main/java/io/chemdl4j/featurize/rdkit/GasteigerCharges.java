package io.chemdl4j.featurize.rdkit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.openscience.cdk.config.Elements;

/**
 * Gasteiger-Marsili partial charges (iterative equalization of orbital electronegativity, Tetrahedron 36,
 * 3219 (1980)) as RDKit 2022.09's {@code ComputeGasteigerCharges} computes them: RDKit's parameters by
 * element and hybridization (sulfur without one by its oxygens), formal charges first spread over
 * same-element atoms two conjugated bonds away, implicit hydrogens iterated with their heavy atom, a
 * damping of 0.5 halved each iteration.
 *
 * <p>RDKit's quirk, kept: an atom without parameters gets the all-zero default, whose electronegativity
 * sum of 0 then divides, so charges become NaN or infinite (RDKit's {@code MaxPartialCharge} reports
 * NaN for about 1% of Tox21). Stateless and thread-safe.
 */
final class GasteigerCharges {
    private static final double IONIZATION_H = 20.02;
    private static final double DAMP = 0.5;
    private static final double DAMP_SCALE = 0.5;
    private static final double[] DEFAULT = {0, 0, 0};
    private static final double[] HYDROGEN = {7.17, 6.24, -0.56};
    private static final Map<String, double[]> PARAMETERS = new HashMap<>();

    static {
        // RDKit's GasteigerParams.cpp: Gasteiger's values, then PyBabel's for further elements
        String[] table = {
            "H * 7.17 6.24 -0.56", "C sp3 7.98 9.18 1.88", "C sp2 8.79 9.32 1.51", "C sp 10.39 9.45 0.73",
            "N sp3 11.54 10.82 1.36", "N sp2 12.87 11.15 0.85", "N sp 15.68 11.7 -0.27",
            "O sp3 14.18 12.92 1.39", "O sp2 17.07 13.79 0.47", "F sp3 14.66 13.85 2.31",
            "Cl sp3 11.00 9.69 1.35", "Br sp3 10.08 8.47 1.16", "I sp3 9.9 7.96 0.96",
            "S sp3 10.14 9.13 1.38", "S so 10.14 9.13 1.38", "S so2 12.00 10.81 1.20", "S sp2 10.88 9.49 1.33",
            "P sp3 8.90 8.24 0.96",
            "P sp2 9.665 8.530 0.735", "Si sp3 7.300 6.567 0.657", "Si sp2 7.905 6.748 0.443",
            "Si sp 9.065 7.027 -0.002", "B sp3 5.980 6.820 1.605", "B sp2 6.420 6.807 1.322",
            "Be sp3 3.845 6.755 3.165", "Be sp2 4.005 6.725 3.035", "Mg sp2 3.565 5.572 2.197",
            "Mg sp3 3.300 5.587 2.447", "Mg sp 4.040 5.472 1.823", "Al sp3 5.375 4.953 0.867",
            "Al sp2 5.795 5.020 0.695"};
        for (String row : table) {
            String[] p = row.split(" ");
            PARAMETERS.put(p[0] + " " + p[1], new double[] {
                Double.parseDouble(p[2]), Double.parseDouble(p[3]), Double.parseDouble(p[4])});
        }
    }

    /**
     * Every atom's charge, and whether every atom had parameters (RDKit's {@code throwOnParamFailure}, which BCUT2D
     * sets, would have refused the molecule otherwise).
     */
    record Charges(double[] values, boolean allParameterized) {
    }

    private GasteigerCharges() {
    }

    /**
     * The charge of every atom after {@code iterations} rounds (RDKit's default is 12); an atom without parameters
     * takes the all-zero default, as RDKit does when it is not told to refuse the molecule.
     */
    static Charges compute(RdkitMolecule mol, int iterations) {
        int n = mol.atomCount();
        double[] charges = new double[n];
        double[] hydrogenCharge = new double[n];
        double[] ionization = new double[n];
        double[] energy = new double[n];
        double[][] params = new double[n][];
        boolean allParameterized = true;
        splitConjugatedCharges(mol, charges);
        for (int a = 0; a < n; a++) {
            int z = mol.atomicNumber(a);
            String element = Elements.ofNumber(z).symbol();
            String mode = mode(mol, a, z);
            double[] p = PARAMETERS.get(element + " " + mode);
            if (p == null) {
                allParameterized = false;
                p = DEFAULT;
            }
            params[a] = p;
            ionization[a] = z == 1 ? IONIZATION_H : p[0] + p[1] + p[2];
        }
        double damp = DAMP;
        for (int iteration = 0; iteration < iterations; iteration++) {
            for (int a = 0; a < n; a++) {
                energy[a] = params[a][0] + charges[a] * (params[a][1] + params[a][2] * charges[a]);
            }
            for (int a = 0; a < n; a++) {
                double dq = 0;
                for (int k = 0; k < mol.degree(a); k++) {
                    int b = mol.neighbour(a, k);
                    double dx = energy[b] - energy[a];
                    int sign = dx < 0 ? 0 : 1;
                    dq += dx / (sign * (ionization[a] - ionization[b]) + ionization[b]);
                }
                int hs = mol.totalHydrogens(a);
                if (hs > 0) {
                    double qh = hydrogenCharge[a] / hs;
                    double enr = HYDROGEN[0] + qh * (HYDROGEN[1] + HYDROGEN[2] * qh);
                    double dx = enr - energy[a];
                    int sign = dx < 0 ? 0 : 1;
                    double dqh = dx / (sign * (ionization[a] - IONIZATION_H) + IONIZATION_H);
                    dq += hs * dqh;
                    hydrogenCharge[a] -= hs * dqh * damp;
                }
                charges[a] += damp * dq;
            }
            damp *= DAMP_SCALE;
        }
        return new Charges(charges, allParameterized);
    }

    private static String mode(RdkitMolecule mol, int a, int z) {
        switch (mol.hybridization(a)) {
            case SP3:
                return "sp3";
            case SP2:
                return "sp2";
            case SP:
                return "sp";
            default:
                if (z == 1) {
                    return "*";
                }
                if (z == 16) {
                    int oxygens = 0;
                    for (int k = 0; k < mol.degree(a); k++) {
                        if (mol.atomicNumber(mol.neighbour(a, k)) == 8) {
                            oxygens++;
                        }
                    }
                    return oxygens == 2 ? "so2" : oxygens == 1 ? "so" : "sp3";
                }
                return "";
        }
    }

    /**
     * RDKit's start: a charged atom whose charge is still 0 shares its formal charge, plus that of every
     * same-element atom two conjugated bonds away, equally among them (the amidine nitrogens start at
     * +0.5 each).
     */
    private static void splitConjugatedCharges(RdkitMolecule mol, double[] charges) {
        int[] marker = new int[8];
        for (int a = 0; a < mol.atomCount(); a++) {
            double formal = mol.formalCharge(a);
            if (Math.abs(formal) > 1e-16 && Math.abs(charges[a]) < 1e-16) {
                int marked = 0;
                marker = ensure(marker, marked + 1);
                marker[marked++] = a;
                for (int k = 0; k < mol.degree(a); k++) {
                    int bond1 = mol.neighbourBond(a, k);
                    if (!mol.isConjugated(bond1)) {
                        continue;
                    }
                    int middle = mol.neighbour(a, k);
                    for (int m = 0; m < mol.degree(middle); m++) {
                        int bond2 = mol.neighbourBond(middle, m);
                        if (bond2 != bond1 && mol.isConjugated(bond2)) {
                            int y = mol.neighbour(middle, m);
                            if (mol.atomicNumber(a) == mol.atomicNumber(y)) {
                                formal += mol.formalCharge(y);
                                marker = ensure(marker, marked + 1);
                                marker[marked++] = y;
                            }
                        }
                    }
                }
                for (int i = 0; i < marked; i++) {
                    charges[marker[i]] = formal / marked;
                }
            }
        }
    }

    private static int[] ensure(int[] array, int length) {
        return array.length >= length ? array : Arrays.copyOf(array, Math.max(length, array.length * 2));
    }
}
