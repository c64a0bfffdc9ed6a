package io.chemdl4j.featurize.rdkit;

import java.util.BitSet;

import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smarts.SmartsPattern;

/**
 * Bickerton's quantitative estimate of drug-likeness (Nat. Chem. 4, 90 (2012)) as RDKit 2022.09's
 * {@code QED.qed} computes it: eight properties, each mapped through its asymmetric double sigmoid and
 * combined as a weighted geometric mean with the mean weights. The properties are RDKit's: MolWt,
 * MolLogP, acceptors as the sum of the matches of QED's eleven acceptor patterns (an atom matching two
 * counts twice), NumHDonors, TPSA, strict rotatable bonds, aromatic rings as the smallest set of rings left
 * once aliphatic ring atoms bonded to a non-aromatic atom are deleted, and the number of QED's 116
 * structural alerts that match. Stateless and thread-safe.
 */
final class RdkitQed {
    private static final SmartsTable PATTERNS = SmartsTable.load("qed.tsv");
    private static final ThreadLocal<SmartsPattern> ALIPHATIC_RING_ATOM =
            ThreadLocal.withInitial(() -> SmartsTable.compile("[$([A;R][!a])]"));

    /** MW, ALOGP, HBA, HBD, PSA, ROTB, AROM, ALERTS: A, B, C, D, E, F, DMAX of each property's function. */
    private static final double[][] ADS = {
        {2.817065973, 392.5754953, 290.7489764, 2.419764353, 49.22325677, 65.37051707, 104.9805561},
        {3.172690585, 137.8624751, 2.534937431, 4.581497897, 0.822739154, 0.576295591, 131.3186604},
        {2.948620388, 160.4605972, 3.615294657, 4.435986202, 0.290141953, 1.300669958, 148.7763046},
        {1.618662227, 1010.051101, 0.985094388, 0.000000001, 0.713820843, 0.920922555, 258.1632616},
        {1.876861559, 125.2232657, 62.90773554, 87.83366614, 12.01999824, 28.51324732, 104.5686167},
        {0.010000000, 272.4121427, 2.558379970, 1.565547684, 1.271567166, 2.758063707, 105.4420403},
        {3.217788970, 957.7374108, 2.274627939, 0.000000001, 1.317690384, 0.375760881, 312.3372610},
        {0.010000000, 1199.094025, -0.09002883, 0.000000001, 0.185904477, 0.875193782, 417.7253140},
    };
    private static final double[] MEAN_WEIGHTS = {0.66, 0.46, 0.05, 0.61, 0.06, 0.65, 0.48, 0.95};

    private RdkitQed() {
    }

    /**
     * QED from the descriptors RDKit reads for it.
     *
     * @param molWt     MolWt
     * @param logP      MolLogP
     * @param donors    NumHDonors
     * @param tpsa      TPSA
     * @param rotatable NumRotatableBonds (strict)
     */
    static double qed(RdkitMolecule mol, double molWt, double logP, double donors, double tpsa, double rotatable) {
        IAtomContainer container = mol.container();
        int acceptors = 0;
        int alerts = 0;
        for (int i = 0; i < PATTERNS.size(); i++) {
            if (PATTERNS.rows().get(i).name().equals("acceptor")) {
                acceptors += PATTERNS.countUnique(i, container);
            } else if (PATTERNS.matches(i, container)) {
                alerts++;
            }
        }
        double[] properties = {molWt, logP, acceptors, donors, tpsa, rotatable, aromaticRings(mol), alerts};
        double sum = 0;
        double weights = 0;
        for (int p = 0; p < properties.length; p++) {
            sum += MEAN_WEIGHTS[p] * Math.log(desirability(properties[p], ADS[p]));
            weights += MEAN_WEIGHTS[p];
        }
        return Math.exp(sum / weights);
    }

    private static double desirability(double x, double[] p) {
        double exp1 = 1 + Math.exp(-1 * (x - p[2] + p[3] / 2) / p[4]);
        double exp2 = 1 + Math.exp(-1 * (x - p[2] - p[3] / 2) / p[5]);
        double dx = p[0] + p[1] / exp1 * (1 - 1 / exp2);
        return dx / p[6];
    }

    /**
     * The size of the smallest set of smallest rings of what is left once the atoms matching
     * {@code [$([A;R][!a])]} are deleted: its cyclomatic number.
     */
    private static int aromaticRings(RdkitMolecule mol) {
        int n = mol.atomCount();
        BitSet deleted = new BitSet(n);
        for (int[] match : ALIPHATIC_RING_ATOM.get().matchAll(mol.container())) {
            deleted.set(match[0]);
        }
        return RdkitTopology.cyclomaticNumber(mol, deleted);
    }
}
