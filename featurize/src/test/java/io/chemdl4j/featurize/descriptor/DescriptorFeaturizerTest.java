package io.chemdl4j.featurize.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.RdkitOracle;
import io.chemdl4j.featurize.RequiredData;
import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.rdkit.RdkitDescriptors;

/** Names, order and choice of RDKit's descriptors; values are checked against RDKit by {@code DescriptorOracleTest}. */
class DescriptorFeaturizerTest {

    @Test
    void allOfRdkitsDescriptorsInTheOrderOfItsDescList() throws Exception {
        RequiredData.require(RdkitOracle.available(), "RDKit oracle not found at " + RdkitOracle.directory());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                RdkitOracle.directory().resolve("delaney_descriptors.csv.gz"))), StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(reader.readLine().split(","));
            // row, smiles, ok, then Descriptors.descList of RDKit 2022.09
            assertEquals(header.subList(3, header.size()), RdkitDescriptors.NAMES);
        }
        assertEquals(208, new DescriptorFeaturizer().length());
    }

    @Test
    void anUnknownNameIsRefusedWithTheClosestNames() {
        assertEquals("unknown descriptor 'TPAS'; did you mean TPSA?",
                assertThrows(IllegalArgumentException.class, () -> new DescriptorFeaturizer(List.of("TPAS"))).getMessage());
        String logP = assertThrows(IllegalArgumentException.class,
                () -> new DescriptorFeaturizer(List.of("qed", "logp"))).getMessage();
        assertTrue(logP.startsWith("unknown descriptor 'logp'; did you mean MolLogP, "), logP);
        assertThrows(IllegalArgumentException.class, () -> new DescriptorFeaturizer(List.of("TPSA", "TPSA")));
    }

    @Test
    void aChosenSubsetKeepsItsOrderAndSurvivesItsSpec() throws Exception {
        DescriptorFeaturizer some = new DescriptorFeaturizer(List.of("qed", "TPSA", "BCUT2D_MWHI"));
        DescriptorFeaturizer again = DescriptorFeaturizer.fromSpec(some.spec());
        assertEquals(List.of("qed", "TPSA", "BCUT2D_MWHI"), again.featureNames());
        float[] aspirin = again.featurize("CC(=O)Oc1ccccc1C(=O)O");
        // native RDKit 2022.09: qed 0.5501217966938848, TPSA 63.6
        assertEquals(0.5501218f, aspirin[0], 1e-6f);
        assertEquals(63.6f, aspirin[1], 1e-5f);
    }

    /** Graphs saved with descriptors before all 208 were computed keep the 125 they were trained on. */
    @Test
    void chempropGraphsSavedWithTheFirst125DescriptorsKeepThem() {
        FeaturizerSpec saved = new FeaturizerSpec(ChempropGraphFeaturizer.NAME, Map.of("atomFeatures", "chemprop133",
                "bondFeatures", "chemprop14", ChempropGraphFeaturizer.EXTRA_FEATURES, "descriptors"));
        String names = ChempropGraphFeaturizer.fromSpec(saved).spec().parameters().get(ChempropGraphFeaturizer.DESCRIPTOR_NAMES);
        assertEquals(RdkitDescriptors.FIRST_125_NAMES, List.of(names.split(",")));
        assertEquals(125, RdkitDescriptors.FIRST_125_NAMES.size());
        FeaturizerSpec now = new ChempropGraphFeaturizer(ChempropGraphFeaturizer.ExtraFeatures.DESCRIPTORS).spec();
        assertEquals(208, now.parameters().get(ChempropGraphFeaturizer.DESCRIPTOR_NAMES).split(",").length);
        assertEquals(now, ChempropGraphFeaturizer.fromSpec(now).spec());
    }

    /**
     * RDKit's own quirks, checked against native RDKit 2022.09: a metal without a default valence has one
     * unpaired electron when its outer electrons less its charge are odd, whatever its bonds; ring counts come
     * from the symmetrized smallest set of rings (quinuclidine's three six-membered rings, not two).
     */
    @Test
    void radicalsAndRingsAsRdkitCountsThem() throws Exception {
        DescriptorFeaturizer counts = new DescriptorFeaturizer(List.of("NumRadicalElectrons", "RingCount",
                "NumAliphaticHeterocycles"));
        assertEquals(List.of(1f, 0f, 0f), floats(counts.featurize("[Cr+3]")));
        assertEquals(List.of(0f, 0f, 0f), floats(counts.featurize("[Fe+2]")));
        assertEquals(List.of(1f, 0f, 0f), floats(counts.featurize("[Cu]I")));
        assertEquals(List.of(0f, 3f, 3f), floats(counts.featurize("C1CN2CCC1CC2")));
        assertEquals(List.of(0f, 2f, 0f), floats(counts.featurize("c1ccc2ccccc2c1")));
        // γ-cyclodextrin: 2⁸ equally short macrocycles; the smallest set (8 pyranoses and one macrocycle) is
        // counted instead of listing them (RDKit's heuristic says 30)
        String gammaCyclodextrin = "OC[C@H]1O[C@@H]2O[C@@H]3[C@@H](CO)O[C@H](O[C@@H]4[C@@H](CO)O[C@H](O[C@@H]5"
                + "[C@@H](CO)O[C@H](O[C@@H]6[C@@H](CO)O[C@H](O[C@@H]7[C@@H](CO)O[C@H](O[C@@H]8[C@@H](CO)O[C@H]"
                + "(O[C@@H]9[C@@H](CO)O[C@H](O[C@H]1[C@H](O)[C@H]2O)[C@H](O)[C@H]9O)[C@H](O)[C@H]8O)[C@H](O)[C@H]7O)"
                + "[C@H](O)[C@H]6O)[C@H](O)[C@H]5O)[C@H](O)[C@H]4O)[C@H](O)[C@H]3O";
        assertEquals(9f, counts.featurize(gammaCyclodextrin)[1]);
    }

    private static List<Float> floats(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}
