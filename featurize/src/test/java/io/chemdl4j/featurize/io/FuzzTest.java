package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeLimits;

/**
 * Fuzzed SMILES (deleted characters, unbalanced rings and brackets, unknown elements, very long
 * chains) never crash or hang a featurizer run: every row is either featurized — identically to a
 * clean one-at-a-time run — or reported. Slow tier (about 15 s).
 */
@Tag("slow")
class FuzzTest {
    @TempDir
    Path dir;

    static List<String> fuzzed(int count, long seed) {
        List<String> seeds = new ArrayList<>(io.chemdl4j.featurize.FeaturizerContract.MOLECULES);
        seeds.addAll(List.of("CC(C)Cc1ccc(cc1)C(C)C(=O)O", "CN1C=NC2=C1C(=O)N(C(=O)N2C)C",
                "O=C(O)c1ccccc1OC(=O)C", "C1CCC2(CC1)OCCO2", "c1ccc2c(c1)ccc1ccccc12", "N#CC(=O)N/N=C/c1ccco1"));
        SplittableRandom random = new SplittableRandom(seed);
        String[] inserts = {"(", ")", "[", "]", "1", "2", "%12", "=", "#", "Xx", "[Zz]", "@", "/", "\\", ".", "+", "c", "n"};
        List<String> out = new ArrayList<>();
        out.add("C".repeat(2000));
        out.add("C(".repeat(300) + "C" + ")".repeat(300));
        out.add("c1ccccc1".repeat(200));
        out.add("[".repeat(50));
        out.add("");
        while (out.size() < count) {
            StringBuilder s = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, inserts[random.nextInt(inserts.length)]);
                    default -> s.setCharAt(at, "CNOSPFXQZ1(]".charAt(random.nextInt(12)));
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecfp", "morgan", "maccs", "descriptors", "graph"})
    void fuzzedInputIsReportedOrFeaturizedLikeACleanRun(String name) throws Exception {
        List<String> smiles = fuzzed(600, 42);
        Path csv = dir.resolve("fuzz.csv");
        StringBuilder text = new StringBuilder("smiles\n");
        for (String s : smiles) {
            text.append('"').append(s.replace("\"", "\"\"")).append("\"\n");
        }
        Files.writeString(csv, text);
        MoleculeFeaturizer<?> featurizer = Featurizers.createAny(FeaturizeJob.spec(name, 2, 1024, false, false));
        Map<Long, Object> featurized = new HashMap<>();
        List<Long> failed = new ArrayList<>();
        StreamingFeaturizer.Summary summary = assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
            try (MoleculeReader reader = MoleculeReader.open(csv, "smiles")) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                // A 5 s budget instead of 30: the descriptors of the 1,200- and 2,000-atom chains take 40 s and
                // minutes (BCUT2D's eigenvalues grow with the cube of the atoms); the budget's path is the same.
                StreamingFeaturizer<Object> streaming = new StreamingFeaturizer<>((MoleculeFeaturizer) featurizer,
                        FragmentPolicy.KEEP_ALL, 2, 64).withLimits(MoleculeLimits.defaults().withMaxSeconds(5));
                return streaming.run(reader, (r, f) -> featurized.put(r.row(), f), e -> failed.add(e.row()), null);
            }
        });
        assertEquals(smiles.size(), summary.rows());
        assertEquals(smiles.size(), featurized.size() + failed.size(), "every row featurized or reported");
        assertTrue(failed.size() > 50 && featurized.size() > 50, "fuzzing should give both good and bad rows");
        for (Map.Entry<Long, Object> e : featurized.entrySet()) {
            String s = smiles.get(e.getKey().intValue());
            Object clean;
            try {
                clean = featurizer.featurize(s);
            } catch (InvalidMoleculeException ex) {
                throw new AssertionError("row " + e.getKey() + " featurized in the run but not alone: " + s, ex);
            }
            if (clean instanceof float[] v) {
                assertTrue(java.util.Arrays.equals(v, (float[]) e.getValue()), "row " + e.getKey() + " differs: " + s);
            } else {
                assertEquals(clean, e.getValue(), "row " + e.getKey() + " differs: " + s);
            }
        }
    }
}
