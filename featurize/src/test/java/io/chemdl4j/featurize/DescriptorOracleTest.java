package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.rdkit.RdkitDescriptors;
import io.chemdl4j.featurize.rdkit.RdkitMolecule;

/**
 * Every RDKit-named descriptor against native RDKit on Tox21, Delaney and AqSolDB: within 1e-3
 * relative (integers exactly) for at least 98% of the molecules of each dataset. Prints the
 * agreement table.
 */
class DescriptorOracleTest {
    static final double RELATIVE_TOLERANCE = 1e-3;

    /** True when ours agrees with RDKit's value (both non-finite the same way counts as agreement). */
    static boolean agrees(double ours, String theirs) {
        if (theirs == null || theirs.isEmpty()) {
            return false;
        }
        double expected = switch (theirs) { // Python's repr of non-finite floats
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(theirs);
        };
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(ours, expected) == 0;
        }
        if (!theirs.contains(".") && !theirs.contains("e")) {
            return ours == expected;
        }
        return Math.abs(ours - expected) <= RELATIVE_TOLERANCE * Math.max(1e-3, Math.abs(expected));
    }

    @Test
    void everyNamedDescriptorAgreesWithRdkit() throws Exception {
        RequiredData.require(RdkitOracle.available(), "RDKit oracle not found at " + RdkitOracle.directory());
        List<String> names = RdkitDescriptors.NAMES;
        Map<String, double[]> rates = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (String name : RdkitDescriptors.ALL_NAMES) {
            rates.put(name, new double[RdkitOracle.DATASETS.size()]);
            examples.put(name, new ArrayList<>());
        }
        for (int d = 0; d < RdkitOracle.DATASETS.size(); d++) {
            String dataset = RdkitOracle.DATASETS.get(d);
            int compared = 0;
            Map<String, Integer> matched = new LinkedHashMap<>();
            for (RdkitOracle.Row row : RdkitOracle.read(dataset, "descriptors")) {
                if (!row.ok()) {
                    continue;
                }
                compared++;
                Map<String, Double> ours;
                try {
                    ours = RdkitDescriptors.compute(RdkitMolecule.perceiveOwned(MoleculeParser.parseSmiles(row.smiles())));
                } catch (InvalidMoleculeException e) {
                    ours = Map.of();
                }
                for (String name : RdkitDescriptors.ALL_NAMES) {
                    Double value = ours.get(name);
                    if (value != null && agrees(value, row.get(name))) {
                        matched.merge(name, 1, Integer::sum);
                    } else if (examples.get(name).size() < 8) {
                        examples.get(name).add(dataset + ":" + row.row() + " " + row.smiles().strip()
                                + " ours=" + value + " rdkit=" + row.get(name));
                    }
                }
            }
            for (String name : RdkitDescriptors.ALL_NAMES) {
                rates.get(name)[d] = (double) matched.getOrDefault(name, 0) / compared;
            }
        }
        List<String> failures = new ArrayList<>();
        System.out.println("descriptor | " + String.join(" | ", RdkitOracle.DATASETS) + " | named");
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            double[] r = e.getValue();
            boolean named = names.contains(e.getKey());
            System.out.printf("%s | %.4f | %.4f | %.4f | %s%n", e.getKey(), r[0], r[1], r[2], named ? "yes" : "no");
            double worst = Math.min(r[0], Math.min(r[1], r[2]));
            if (worst < 0.995) { // the molecules that differ, for every descriptor under 99.5%
                examples.get(e.getKey()).forEach(x -> System.out.println("    e.g. " + x));
            }
            if (worst < 0.98) {
                if (named) {
                    failures.add(e.getKey() + String.format(" (%.4f)", worst));
                }
            }
        }
        assertTrue(failures.isEmpty(), "descriptors carrying RDKit's name but disagreeing: " + failures);
        assertEquals(208, names.size(), "every one of RDKit 2022.09's descList carries its name");
    }
}
