package io.chemdl4j.featurize.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.RdkitOracle;
import io.chemdl4j.featurize.RequiredData;

/**
 * {@link ChempropGraphFeaturizer} against chemprop v1.7.1's own {@code MolGraph}s (RDKit 2022.09) of every
 * molecule of Tox21 and Delaney ({@code shared/oracle/chemprop}): the same atom features, bond features,
 * directed-bond order, sources and reverse bonds. The bar: identical graphs for at least 99.5%.
 */
class ChempropGraphOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path oracle(String dataset) {
        return RdkitOracle.directory().resolveSibling("chemprop").resolve(dataset + "_molgraph.jsonl.gz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tox21", "delaney"})
    void matchesChempropGraphs(String dataset) throws IOException {
        Path file = oracle(dataset);
        RequiredData.require(Files.isRegularFile(file), "chemprop oracle not found at " + file);
        ChempropGraphFeaturizer featurizer = new ChempropGraphFeaturizer();
        int compared = 0;
        int matched = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode row = JSON.readTree(line);
                if (row.get("ok").asInt() == 0) {
                    continue;
                }
                compared++;
                String difference;
                try {
                    difference = difference(featurizer.featurize(row.get("smiles").asText()), row);
                } catch (InvalidMoleculeException e) {
                    difference = "error";
                }
                if (difference == null) {
                    matched++;
                } else {
                    int seen = reasons.merge(difference.replaceAll(" .*", ""), 1, Integer::sum);
                    if (seen <= 4) {
                        examples.add(row.get("row").asInt() + " " + row.get("smiles").asText().strip() + ": "
                                + difference);
                    }
                }
            }
        }
        double rate = (double) matched / compared;
        System.out.printf("chemprop graphs %s: %d/%d = %.4f, differences %s%n", dataset, matched, compared, rate,
                reasons);
        examples.forEach(e -> System.out.println("   differs: " + e));
        assertTrue(rate >= 0.999, String.format("%s: %.4f of %d molecules match chemprop; %s; e.g. %s", dataset,
                rate, compared, reasons, examples));
    }

    /** Null when {@code ours} is chemprop's graph {@code row}; else the first difference, its kind first. */
    static String difference(MolecularGraph ours, JsonNode row) {
        int n = row.get("n_atoms").asInt();
        if (ours.atomCount() != n || ours.edgeCount() != row.get("n_bonds").asInt()) {
            return "size " + ours.atomCount() + "/" + ours.edgeCount();
        }
        String[] names = {"element", "degree", "charge", "chirality", "hydrogens", "hybridization", "aromatic"};
        int[] offsets = {0, ChempropGraphFeaturizer.DEGREE, ChempropGraphFeaturizer.CHARGE,
                ChempropGraphFeaturizer.CHIRALITY, ChempropGraphFeaturizer.HYDROGENS,
                ChempropGraphFeaturizer.HYBRIDIZATION, ChempropGraphFeaturizer.AROMATIC, ChempropGraphFeaturizer.MASS};
        for (int a = 0; a < n; a++) {
            JsonNode expected = row.get("atom_onbits_and_mass").get(a);
            float[] f = ours.atomFeatures(a);
            List<Integer> bits = new ArrayList<>();
            for (int i = 0; i < ChempropGraphFeaturizer.MASS; i++) {
                if (f[i] != 0f) {
                    bits.add(i);
                }
            }
            List<Integer> theirs = new ArrayList<>();
            for (int k = 0; k < expected.size() - 1; k++) {
                theirs.add(expected.get(k).asInt());
            }
            if (!bits.equals(theirs)) {
                for (int g = 0; g < names.length; g++) {
                    int lo = offsets[g];
                    int hi = offsets[g + 1];
                    if (!bits.stream().filter(b -> b >= lo && b < hi).toList()
                            .equals(theirs.stream().filter(b -> b >= lo && b < hi).toList())) {
                        return names[g] + " atom " + a + " ours " + bits + " chemprop " + theirs;
                    }
                }
            }
            double mass = expected.get(expected.size() - 1).asDouble();
            if (Math.abs(f[ChempropGraphFeaturizer.MASS] - mass) > 1e-5) {
                return "mass atom " + a + " ours " + f[ChempropGraphFeaturizer.MASS] + " chemprop " + mass;
            }
        }
        int[] sources = ours.edgeSources();
        float[] bondFeatures = ours.edgeFeatureMatrix();
        String[] bondNames = {"none", "type", "type", "type", "type", "conjugated", "ring", "stereo"};
        for (int e = 0; e < ours.edgeCount(); e++) {
            if (sources[e] != row.get("b2a").get(e).asInt() || row.get("b2revb").get(e).asInt() != (e ^ 1)) {
                return "order edge " + e;
            }
            List<Integer> bits = new ArrayList<>();
            for (int i = 0; i < ChempropGraphFeaturizer.BOND_FEATURES; i++) {
                if (bondFeatures[e * ChempropGraphFeaturizer.BOND_FEATURES + i] != 0f) {
                    bits.add(i);
                }
            }
            List<Integer> theirs = new ArrayList<>();
            row.get("bond_onbits").get(e).forEach(v -> theirs.add(v.asInt()));
            if (!bits.equals(theirs)) {
                for (int i = 0; i < ChempropGraphFeaturizer.BOND_FEATURES; i++) {
                    if (bits.contains(i) != theirs.contains(i)) {
                        return bondNames[Math.min(i, 7)] + " edge " + e + " ours " + bits + " chemprop " + theirs;
                    }
                }
            }
        }
        return null;
    }
}
