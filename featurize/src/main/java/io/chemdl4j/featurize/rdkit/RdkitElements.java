package io.chemdl4j.featurize.rdkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.openscience.cdk.config.Isotopes;
import org.openscience.cdk.interfaces.IIsotope;

import io.chemdl4j.featurize.InvalidMoleculeException;

/**
 * RDKit's periodic-table values (standard weights, monoisotopic masses, outer-shell electrons,
 * radii), so that RDKit-named descriptors use RDKit's numbers rather than CDK's slightly different ones.
 */
final class RdkitElements {
    private static final int MAX_Z = 118;
    private static final double[] WEIGHT = new double[MAX_Z + 1];
    private static final double[] MONOISOTOPIC = new double[MAX_Z + 1];
    private static final int[] OUTER_ELECTRONS = new int[MAX_Z + 1];
    private static final double[] RB0 = new double[MAX_Z + 1];

    static {
        try (InputStream in = RdkitElements.class.getResourceAsStream("elements.tsv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] p = line.split("\t");
                int z = Integer.parseInt(p[0]);
                WEIGHT[z] = Double.parseDouble(p[2]);
                MONOISOTOPIC[z] = Double.parseDouble(p[3]);
                OUTER_ELECTRONS[z] = Integer.parseInt(p[4]);
                RB0[z] = Double.parseDouble(p[5]);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read element data", e instanceof IOException io
                    ? new UncheckedIOException(io) : e);
        }
    }

    private RdkitElements() {
    }

    private static int z(int atomicNumber) {
        return atomicNumber < 0 || atomicNumber > MAX_Z ? 0 : atomicNumber;
    }

    static double weight(int atomicNumber) {
        return WEIGHT[z(atomicNumber)];
    }

    static double monoisotopicMass(int atomicNumber) {
        return MONOISOTOPIC[z(atomicNumber)];
    }

    static int outerElectrons(int atomicNumber) {
        return OUTER_ELECTRONS[z(atomicNumber)];
    }

    /**
     * Exact mass of an isotope (CDK's isotope table; RDKit's agrees), or the mass number itself
     * for an isotope CDK does not know.
     */
    static double isotopeMass(int atomicNumber, int massNumber) throws InvalidMoleculeException {
        try {
            Isotopes isotopes = Isotopes.getInstance();
            IIsotope isotope = isotopes.getIsotope(isotopes.getElement(atomicNumber).getSymbol(), massNumber);
            return isotope == null || isotope.getExactMass() == null ? massNumber : isotope.getExactMass();
        } catch (IOException e) {
            throw new InvalidMoleculeException("isotope data unavailable: " + e.getMessage(), e);
        }
    }

    static double bondRadius(int atomicNumber) {
        return RB0[z(atomicNumber)];
    }
}
