package io.chemdl4j.moleculenet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;

/**
 * A disk dataset's features read in place from its shard files: every accessor, selection and transformation gives
 * what the same dataset on the heap gives, selections stay in the files, and a corrupted file is named.
 */
class FeaturesInFilesTest {
    @TempDir
    Path dir;

    @Test
    void featuresReadInPlaceMatchTheHeapAcrossShardBoundaries() throws Exception {
        Dataset data = DiskDatasetTest.sample(23, 5, 9);
        DiskDataset disk = DiskDataset.write(data, dir.resolve("ds"), 4, Map.of());
        Dataset files = disk.toDatasetInFiles();
        assertFalse(files.featuresInMemory());
        assertTrue(disk.toDatasetInMemory().featuresInMemory());
        assertEquals(data, files);
        assertArrayEquals(data.flatFeatures(), files.flatFeatures());
        for (int i = 0; i < data.size(); i++) {
            assertArrayEquals(data.featureRow(i), files.featureRow(i), "row " + i);
            assertEquals(data.feature(i, 4), files.feature(i, 4));
        }
        int[] rows = {22, 0, 7, 8, 3, 16, 15};
        float[] expected = new float[rows.length * 5];
        float[] actual = new float[rows.length * 5];
        data.copyFeatures(rows, expected);
        files.copyFeatures(rows, actual);
        assertArrayEquals(expected, actual);
        Dataset view = files.select(rows);
        assertFalse(view.featuresInMemory(), "a selection stays in the files");
        assertEquals(data.select(rows), view);
        assertEquals(data.select(rows).select(new int[] {6, 1}), view.select(new int[] {6, 1}), "a view of a view");
        assertEquals(data.transform(List.of(NormalizationTransformer.fit(data))),
                files.transform(List.of(NormalizationTransformer.fit(files))));
        assertThrows(IndexOutOfBoundsException.class, () -> files.featureRow(23));
    }

    @Test
    void aSplitOfFeaturesInFilesIsTheSplitOfTheHeapDataset() throws Exception {
        Dataset data = DiskDatasetTest.sample(60, 3, 2);
        Dataset files = DiskDataset.write(data, dir.resolve("ds"), 7, Map.of()).toDatasetInFiles();
        var expected = SplitterType.RANDOM.create(4).split(data, SplitFractions.defaults());
        var actual = SplitterType.RANDOM.create(4).split(files, SplitFractions.defaults());
        assertEquals(expected, actual);
        assertFalse(actual.train().featuresInMemory());
    }

    @Test
    void aCorruptedFeatureFileIsNamedWhenOpened() throws Exception {
        DiskDataset disk = DiskDataset.write(DiskDatasetTest.sample(12, 4, 3), dir.resolve("ds"), 5, Map.of());
        Path x = disk.shardFiles(1).get(0);
        byte[] bytes = Files.readAllBytes(x);
        bytes[bytes.length - 1] ^= 1;
        Files.write(x, bytes);
        InvalidDataException e = assertThrows(InvalidDataException.class, disk::toDatasetInFiles);
        assertTrue(e.getMessage().contains("shard-00001-X.npy"), e.getMessage());
    }

    @Test
    void emptyShardsAndAnEmptyDatasetAreHandled() throws Exception {
        Dataset none = DiskDatasetTest.sample(0, 3, 1);
        assertEquals(0, DiskDataset.write(none, dir.resolve("empty"), 4, Map.of()).toDatasetInFiles().size());
    }
}
