package io.chemdl4j.moleculenet.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;

/** The catalog against the real files in {@code $CHEMDL_DATA_DIR} (CI points it at ../shared/data). */
class MolNetTest {

    static LoadOptions options(long seed) {
        return LoadOptions.defaults(seed);
    }

    @Test
    void tox21LoadsAllMoleculesSplitsAndBalancesLikeDeepChem() {
        MolNetData<Dataset> data = MolNet.loadTox21(options(0));
        assertEquals(12, data.tasks().size());
        assertEquals("NR-AR", data.tasks().get(0));
        // 8014 molecules, as in DeepChem's reference split of the same file: 6411/801/802
        assertEquals(6411, data.train().size());
        assertEquals(801, data.valid().size());
        assertEquals(802, data.test().size());
        assertEquals(0, data.errors().size());
        assertInstanceOf(BalancingTransformer.class, data.transformers().get(0));
        Dataset train = data.train();
        for (int t = 0; t < train.taskCount(); t++) {
            double pos = 0;
            double neg = 0;
            int missing = 0;
            for (int i = 0; i < train.size(); i++) {
                if (train.weight(i, t) == 0) {
                    missing++;
                } else if (train.label(i, t) == 1) {
                    pos += train.weight(i, t);
                } else {
                    neg += train.weight(i, t);
                }
            }
            assertEquals(pos, neg, 1e-3 * pos, "task " + data.tasks().get(t));
            assertTrue(missing > 0, "Tox21 has missing labels in every task");
        }
    }

    @Test
    void delaneyLabelsAreNormalizedOnTrain() {
        MolNetData<Dataset> data = MolNet.loadDelaney(options(0));
        assertEquals(1128, data.train().size() + data.valid().size() + data.test().size());
        NormalizationTransformer t = (NormalizationTransformer) data.transformers().get(0);
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < data.train().size(); i++) {
            sum += data.train().label(i, 0);
            sq += data.train().label(i, 0) * data.train().label(i, 0);
        }
        int n = data.train().size();
        assertEquals(0, sum / n, 1e-4);
        assertEquals(1, sq / n, 1e-3);
        // ESOL solubilities are around -3 log mol/L with a spread of about 2
        assertTrue(t.means()[0] < -2 && t.means()[0] > -4, "mean " + t.means()[0]);
        assertTrue(t.stds()[0] > 1.5 && t.stds()[0] < 2.5, "std " + t.stds()[0]);
    }

    @Test
    void anAbsentFileThatCannotBeDownloadedGivesAClearError(@TempDir Path empty) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> DataFiles.locate("absent.csv",
                URI.create("http://127.0.0.1:9/absent.csv"), empty));
        assertTrue(e.getMessage().contains("absent.csv") && e.getMessage().contains(DataFiles.DATA_DIR_ENV),
                e.getMessage());
    }

    @Test
    void tox21AndDelaneyShipInsideTheToolkitAndNeedNoNetwork(@TempDir Path dir) throws Exception {
        Path emptyDataDir = java.nio.file.Files.createDirectories(dir.resolve("data"));
        Path cache = dir.resolve("cache");
        URI unreachable = URI.create("http://127.0.0.1:9/nothing");
        for (MolNetDataset d : List.of(MolNetDataset.TOX21, MolNetDataset.DELANEY)) {
            assertTrue(DataFiles.isBundled(d.fileName()), d.id());
            Path file = DataFiles.locate(d.fileName(), unreachable, emptyDataDir, cache);
            assertEquals(cache.resolve(d.fileName()), file, "unpacked into the cache");
            assertEquals(d.sha256(), FeaturizationCache.sha256(file), "the published file, byte for byte");
            long written = java.nio.file.Files.getLastModifiedTime(file).toMillis();
            assertEquals(file, DataFiles.locate(d.fileName(), unreachable, emptyDataDir, cache));
            assertEquals(written, java.nio.file.Files.getLastModifiedTime(file).toMillis(), "unpacked once");
        }
        try (var left = java.nio.file.Files.list(cache)) {
            assertEquals(2, left.count(), "no partial files left behind");
        }
        assertFalse(DataFiles.isBundled(MolNetDataset.MUV.fileName()), "large sets are not shipped");
    }

    @Test
    void datasetsAreFoundByName() {
        assertEquals(MolNetDataset.TOX21, MolNetDataset.byId("Tox21"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MolNetDataset.byId("qm9")).getMessage()
                .contains("tox21"));
    }
}
