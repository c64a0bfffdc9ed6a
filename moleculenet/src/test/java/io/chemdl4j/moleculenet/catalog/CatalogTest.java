package io.chemdl4j.moleculenet.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.store.FeatureKind;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.RequiredData;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.store.DiskDataset;
import io.chemdl4j.moleculenet.store.FeaturizationCache;

/**
 * Every catalog entry loads: with the real file where {@code ../shared/data} has it (checked by its
 * SHA-256), else with a small file written here in the published layout (checked by its header).
 * Also the featurization cache: hits, misses on any change of its key, rebuilds when asked.
 */
class CatalogTest {
    @TempDir
    Path tmp;

    private static final String[] MOLECULES = {"CCO", "c1ccccc1O", "CC(=O)Nc1ccc(O)cc1", "CCN(CC)CC",
        "O=C(O)c1ccccc1OC(C)=O", "c1ccc2ccccc2c1", "CCCCCC", "OCC(O)CO", "Clc1ccc(Cl)cc1", "CN1CCCC1c1cccnc1"};

    /** A file in the entry's published layout: SMILES column, task columns, and the other published columns. */
    private Path publishedLayout(MolNetDataset d, Path dir) throws IOException {
        List<String> header = switch (d) {
            case FREESOLV -> List.of("iupac", "smiles", "expt", "calc");
            case LIPO -> List.of("CMPD_CHEMBLID", "exp", "smiles");
            case BBBP -> List.of("num", "name", "p_np", "smiles");
            case CLINTOX -> List.of("smiles", "FDA_APPROVED", "CT_TOX");
            case SIDER -> List.of("smiles", "Hepatobiliary disorders", "Metabolism and nutrition disorders",
                    "Eye disorders");
            case HIV -> List.of("smiles", "activity", "HIV_active");
            case BACE -> List.of("mol", "CID", "Class", "Model", "pIC50");
            default -> throw new IllegalArgumentException(d.toString());
        };
        StringBuilder csv = new StringBuilder(String.join(",", header.stream().map(h -> h.contains(",") ? '"' + h + '"' : h)
                .toList())).append('\n');
        for (int i = 0; i < MOLECULES.length; i++) {
            StringBuilder row = new StringBuilder();
            for (String column : header) {
                String value = column.equals(d.smilesColumn()) ? MOLECULES[i]
                        : d.tasksOf(header).contains(column) ? (d.taskType() == TaskType.CLASSIFICATION ? "" + (i % 2) : "" + (i * 0.5 - 2))
                        : "x" + i;
                row.append(row.length() == 0 ? "" : ",").append(value);
            }
            csv.append(row).append('\n');
        }
        Path file = dir.resolve(d.fileName());
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        if (d.fileName().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private static Path sharedData() {
        String env = System.getenv(DataFiles.DATA_DIR_ENV);
        return env != null ? Path.of(env) : Path.of("../../shared/data");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MolNetDataset.class)
    void everyEntryLoads(MolNetDataset d) throws Exception {
        Path dataDir;
        int expected;
        if (d.sha256() != null) {
            dataDir = sharedData();
            RequiredData.require(Files.exists(dataDir.resolve(d.fileName())), "no " + d.fileName() + " in " + dataDir);
            assertEquals(d.sha256(), FeaturizationCache.sha256(dataDir.resolve(d.fileName())));
            if (d == MolNetDataset.MUV) {
                // 93k molecules: checked by hash and header here; loaded in full by the disk-dataset benchmark
                assertEquals(d.tasks(), MolNet.verify(d, dataDir.resolve(d.fileName()), d.sha256()));
                return;
            }
            expected = d.publishedSize();
        } else {
            dataDir = Files.createDirectories(tmp.resolve("data"));
            publishedLayout(d, dataDir);
            expected = MOLECULES.length;
        }
        LoadOptions options = LoadOptions.defaults(0).withDataDirectory(dataDir).withSplitter(d.defaultSplit());
        MolNetData<Dataset> data = MolNet.load(d, options, new FeaturizationCache(tmp.resolve("cache")));
        int total = data.train().size() + data.valid().size() + data.test().size();
        assertEquals(expected, total + data.errors().size(), d + ": " + data.errors());
        assertFalse(data.tasks().isEmpty());
        assertEquals(data.tasks(), data.train().tasks());
        assertTrue(List.of("roc_auc", "prc_auc", "rmse").contains(d.metric()));
    }

    @Test
    void aFileThatIsNotThePublishedOneIsRejectedWithTheReason() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(dir.resolve("delaney-processed.csv"), "smiles,y\nCCO,1\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> MolNet.load(MolNetDataset.DELANEY,
                LoadOptions.defaults(0).withDataDirectory(dir), new FeaturizationCache(tmp.resolve("cache"))));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("Delete it"), e.getMessage());
        Files.writeString(dir.resolve("HIV.csv"), "smiles,activity\nCCO,CI\n");
        InvalidDataException header = assertThrows(InvalidDataException.class, () -> MolNet.load(MolNetDataset.HIV,
                LoadOptions.defaults(0).withDataDirectory(dir), new FeaturizationCache(tmp.resolve("cache"))));
        assertTrue(header.getMessage().contains("no column 'HIV_active'"), header.getMessage());
    }

    @Test
    void theCacheIsReusedAndInvalidatedByAnyChangeOfItsKey() throws Exception {
        Path file = publishedLayout(MolNetDataset.CLINTOX, Files.createDirectories(tmp.resolve("data")));
        FeaturizationCache cache = new FeaturizationCache(tmp.resolve("cache"));
        ColumnSpec spec = MolNetDataset.CLINTOX.columnSpec(MolNetDataset.CLINTOX.tasks());
        EcfpFeaturizer ecfp = new EcfpFeaturizer();
        FeaturizationCache.Result<Dataset> first = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, ecfp, FeatureKind.ROWS, 2, true, null);
        assertFalse(first.fromCache());
        FeaturizationCache.Result<Dataset> second = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, ecfp, FeatureKind.ROWS, 2, true, null);
        assertTrue(second.fromCache());
        assertEquals(first.data().dataset(), second.data().dataset());
        assertEquals(first.entry(), second.entry());

        EcfpFeaturizer other = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withCounts(true));
        FeaturizationCache.Result<Dataset> counts = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, other, FeatureKind.ROWS, 2, true, null);
        assertFalse(counts.fromCache(), "another featurizer parameter misses");
        assertNotEquals(first.entry(), counts.entry());

        FeaturizationCache.Result<Dataset> rebuilt = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, ecfp, FeatureKind.ROWS, 2, false, null);
        assertFalse(rebuilt.fromCache(), "reload=false rebuilds");
        assertEquals(first.data().dataset(), rebuilt.data().dataset());

        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("smiles,FDA_APPROVED,CT_TOX\nCCO,1,0\n".getBytes(StandardCharsets.UTF_8));
        }
        FeaturizationCache.Result<Dataset> changed = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, ecfp, FeatureKind.ROWS, 2, true, null);
        assertFalse(changed.fromCache(), "a changed source file misses");
        assertEquals(1, changed.data().dataset().size());
    }

    @Test
    void aCorruptedCacheEntryIsRebuiltNotTrusted() throws Exception {
        Path file = publishedLayout(MolNetDataset.CLINTOX, Files.createDirectories(tmp.resolve("data")));
        FeaturizationCache cache = new FeaturizationCache(tmp.resolve("cache"));
        ColumnSpec spec = MolNetDataset.CLINTOX.columnSpec(MolNetDataset.CLINTOX.tasks());
        FeaturizationCache.Result<Dataset> first = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, new EcfpFeaturizer(), FeatureKind.ROWS, 1, true, null);
        Files.write(DiskDataset.open(first.entry()).shardFiles(0).get(0), new byte[] {1, 2, 3});
        FeaturizationCache.Result<Dataset> again = cache.load("clintox", file, FeaturizationCache.sha256(file), spec, new EcfpFeaturizer(), FeatureKind.ROWS, 1, true, null);
        assertFalse(again.fromCache());
        assertEquals(first.data().dataset(), again.data().dataset());
        assertTrue(cache.load("clintox", file, FeaturizationCache.sha256(file), spec, new EcfpFeaturizer(), FeatureKind.ROWS, 1, true, null).fromCache());
    }
}
