package io.chemdl4j.moleculenet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.moleculenet.store.FeatureKind;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.InvalidDataException;

class DatasetLoaderTest {
    private static final String CSV = String.join("\n",
            "id,smiles,active,toxic",
            "m0,CCO,1,0",
            "m1,C1CC,0,1",            // unclosed ring
            "m2,c1ccccc1,,1",          // missing label
            "m3,Xx,1,1",              // unknown element
            "m4,CC(=O)O,0,abc",        // label not a number
            "m5,CCN,nan,0",
            "m6,,1,0",                 // empty SMILES
            "m7,c1ccccc1O,1,1",
            "");

    @TempDir
    Path dir;

    private final ColumnSpec spec = new ColumnSpec("smiles", List.of("active", "toxic"), "id");

    @Test
    void loadsGoodRowsAndReportsEachBadRowByNumberAndReason() throws Exception {
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, CSV);
        LoadedData<Dataset> loaded = new DatasetLoader<>(spec, new EcfpFeaturizer(), FeatureKind.ROWS, 2).load(file);
        Dataset d = loaded.dataset();
        assertEquals(8, loaded.rowsRead());
        assertEquals(List.of("m0", "m2", "m5", "m7"), List.of(d.ids()));
        List<RowError> errors = loaded.errors();
        assertEquals(List.of(1L, 3L, 4L, 6L), errors.stream().map(RowError::row).toList());
        assertEquals("C1CC", errors.get(0).input());
        assertTrue(errors.get(2).reason().contains("'abc'") && errors.get(2).reason().contains("toxic"),
                errors.get(2).reason());
        assertEquals("empty SMILES", errors.get(3).reason());
        assertTrue(errors.get(0).toString().startsWith("mixed.csv: row 1: 'C1CC': "), errors.get(0).toString());
        // every good row featurized exactly as a direct call
        org.junit.jupiter.api.Assertions.assertArrayEquals(new EcfpFeaturizer().featurize("c1ccccc1O"), d.featureRow(3));
    }

    @Test
    void missingLabelsGetWeightZero() throws Exception {
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, CSV);
        Dataset d = new DatasetLoader<>(spec, new EcfpFeaturizer(), FeatureKind.ROWS, 1).load(file).dataset();
        assertEquals(1f, d.label(0, 0));
        assertEquals(1f, d.weight(0, 0));
        assertEquals(0f, d.weight(1, 0)); // m2 active empty
        assertEquals(0f, d.label(1, 0));
        assertEquals(1f, d.weight(1, 1));
        assertEquals(0f, d.weight(2, 0)); // m5 active nan
    }

    @Test
    void readsGzipByContent() throws Exception {
        Path file = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(4, new DatasetLoader<>(spec, new EcfpFeaturizer(), FeatureKind.ROWS, 2).load(file).dataset().size());
    }

    @Test
    void fileLevelProblemsNameTheFileAndTheReason() throws Exception {
        DatasetLoader<float[], Dataset> loader = new DatasetLoader<>(spec, new EcfpFeaturizer(), FeatureKind.ROWS, 2);
        InvalidDataException missing = assertThrows(InvalidDataException.class, () -> loader.load(dir.resolve("nope.csv")));
        assertTrue(missing.getMessage().contains("nope.csv") && missing.getMessage().contains("no such file"));

        Path noColumn = dir.resolve("nocol.csv");
        Files.writeString(noColumn, "id,smi,active,toxic\nm0,CCO,1,0\n");
        InvalidDataException col = assertThrows(InvalidDataException.class, () -> loader.load(noColumn));
        assertTrue(col.getMessage().contains("nocol.csv") && col.getMessage().contains("'smiles'"), col.getMessage());

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertTrue(assertThrows(InvalidDataException.class, () -> loader.load(empty)).getMessage().contains("empty"));
    }

    /** A full disk under the cache is the cache's fault: never reported as the input file's. */
    @Test
    void aFailingOutputIsNotBlamedOnTheInputAndTheCacheFallsBackWithoutIt() throws Exception {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, CSV);
        DatasetLoader.OutputFailure failure = assertThrows(DatasetLoader.OutputFailure.class,
                () -> new DatasetLoader<>(spec, new EcfpFeaturizer(), FeatureKind.ROWS, 1).stream(file, (x, y, w, id) -> {
                    throw new java.io.IOException("No space left on device");
                }, new java.util.ArrayList<>(), null));
        assertEquals("No space left on device", failure.getCause().getMessage());
        // a cache that cannot be written (its root under a regular file): loaded without it
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "x");
        var cache = new FeaturizationCache(blocked.resolve("cache"));
        var result = cache.load("in", file, FeaturizationCache.sha256(file), spec, new EcfpFeaturizer(), FeatureKind.ROWS, 1, true, null);
        assertEquals(false, result.fromCache());
        assertEquals(null, result.entry());
        assertEquals(4, result.data().dataset().size(), "the usable rows (m0, m2, m5, m7), loaded without the cache");
    }
}
