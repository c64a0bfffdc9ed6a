package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;

/**
 * {@link MorganFeaturizer} against native RDKit's on-bits for every molecule of Tox21, Delaney and
 * AqSolDB, in the four variants the oracle holds. The bar: the same on-bits for at least 99%.
 */
class MorganOracleTest {

    record Variant(String column, MorganFeaturizer.Options options) {
        @Override
        public String toString() {
            return column;
        }
    }

    static List<Object[]> cases() {
        List<Variant> variants = List.of(
                new Variant("r2_1024", new MorganFeaturizer.Options(2, 1024, false, false)),
                new Variant("r2_2048", new MorganFeaturizer.Options(2, 2048, false, false)),
                new Variant("r3_2048", new MorganFeaturizer.Options(3, 2048, false, false)),
                new Variant("r2_1024_chiral", new MorganFeaturizer.Options(2, 1024, false, true)));
        List<Object[]> cases = new ArrayList<>();
        for (String dataset : RdkitOracle.DATASETS) {
            for (Variant v : variants) {
                cases.add(new Object[] {dataset, v});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesRdkitOnBits(String dataset, Variant variant) throws Exception {
        RequiredData.require(RdkitOracle.available(), "RDKit oracle not found at " + RdkitOracle.directory());
        MorganFeaturizer featurizer = new MorganFeaturizer(variant.options());
        int compared = 0;
        int matched = 0;
        List<String> examples = new ArrayList<>();
        for (RdkitOracle.Row row : RdkitOracle.read(dataset, "morgan")) {
            if (!row.ok()) {
                continue;
            }
            compared++;
            String ours;
            try {
                ours = onBits(featurizer.featurize(row.smiles()));
            } catch (InvalidMoleculeException e) {
                ours = "error: " + e.getMessage();
            }
            if (ours.equals(row.get(variant.column()))) {
                matched++;
            } else if (examples.size() < 15) {
                examples.add(row.row() + " " + row.smiles().strip());
            }
        }
        double rate = (double) matched / compared;
        System.out.printf("morgan %s %s: %d/%d = %.4f%n", dataset, variant, matched, compared, rate);
        examples.forEach(e -> System.out.println("   differs: " + e));
        // The bar is 99% for every variant; chirality uses RDKit's legacy stereo perception (RdkitStereo).
        double floor = 0.99;
        assertTrue(rate >= floor, String.format("%s %s: %.4f of %d molecules match RDKit; e.g. %s",
                dataset, variant, rate, compared, examples));
    }

    static String onBits(float[] features) {
        StringJoiner joiner = new StringJoiner(" ");
        for (int i = 0; i < features.length; i++) {
            if (features[i] != 0f) {
                joiner.add(Integer.toString(i));
            }
        }
        return joiner.toString();
    }
}
