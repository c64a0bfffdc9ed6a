package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;
import io.chemdl4j.moleculenet.store.DiskDataset;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Training straight from a disk dataset, one shard in memory at a time: exactly the in-memory training for one
 * shard, seeded and repeatable over many, with label transformers applied shard by shard, and a split written to
 * disk without the features passing through memory at once.
 */
class DiskTrainingTest {
    private static final MultitaskConfig SMALL = MultitaskConfig.defaults().withLayerSizes(List.of(32))
            .withBatchSize(16).withSeed(11);

    @TempDir
    Path dir;

    @Test
    void oneShardTrainsExactlyAsTheDatasetInMemory() throws Exception {
        Dataset data = ModelTestData.classification(100, 40, 3);
        List<Transformer> balancing = List.of(BalancingTransformer.fit(data));
        DiskDataset disk = DiskDataset.write(data, dir.resolve("one"), 1000, Map.of());
        MultitaskClassifier memory = new MultitaskClassifier(data.tasks(), 40, SMALL);
        MultitaskClassifier fromDisk = new MultitaskClassifier(data.tasks(), 40, SMALL);
        List<EpochRecord> expected = memory.fit(data.transform(balancing), 3);
        List<EpochRecord> actual = fromDisk.fit(disk, balancing, 3);
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.get(e).loss(), actual.get(e).loss(), 0, "epoch " + (e + 1));
        }
        assertArrayEquals(memory.predict(data), fromDisk.predict(data));
    }

    /** A dataset whose features are read from its files trains exactly as the same dataset on the heap. */
    @Test
    void featuresReadFromFilesTrainExactlyAsOnTheHeap() throws Exception {
        Dataset data = ModelTestData.classification(150, 40, 6);
        Dataset files = DiskDataset.write(data, dir.resolve("files"), 32, Map.of()).toDatasetInFiles();
        MultitaskClassifier memory = new MultitaskClassifier(data.tasks(), 40, SMALL);
        MultitaskClassifier fromFiles = new MultitaskClassifier(data.tasks(), 40, SMALL);
        assertEquals(memory.fit(data, 2).stream().map(EpochRecord::loss).toList(),
                fromFiles.fit(files, 2).stream().map(EpochRecord::loss).toList());
        assertArrayEquals(memory.predict(data), fromFiles.predict(files));
    }

    @Test
    void manyShardsTrainRepeatablyAndLearn() throws Exception {
        Dataset data = ModelTestData.classification(300, 40, 4);
        DiskDataset disk = DiskDataset.write(data, dir.resolve("many"), 64, Map.of());
        assertEquals(5, disk.shardCount());
        MultitaskClassifier first = new MultitaskClassifier(data.tasks(), 40, SMALL);
        MultitaskClassifier second = new MultitaskClassifier(data.tasks(), 40, SMALL);
        List<EpochRecord> a = first.fit(disk, List.of(), 8);
        List<EpochRecord> b = second.fit(disk, List.of(), 8);
        assertEquals(a.stream().map(EpochRecord::loss).toList(), b.stream().map(EpochRecord::loss).toList(),
                "the same seed, the same shard and row orders");
        assertArrayEquals(first.predict(data), second.predict(data));
        assertTrue(a.get(7).loss() < 0.8 * a.get(0).loss(), "the loss falls: " + a);
    }

    @Test
    void aSplitIsWrittenToDiskAndTheLabelsReadWithoutFeatures() throws Exception {
        Dataset data = ModelTestData.classification(200, 40, 5);
        DiskDataset disk = DiskDataset.write(data, dir.resolve("all"), 50, Map.of("source", "test"));
        Dataset labels = disk.labels();
        assertEquals(0, labels.featureCount());
        assertEquals(data.withoutFeatures(), labels);
        int[][] parts = SplitterType.RANDOM.create(0).splitIndices(labels, SplitFractions.defaults());
        DiskDataset train = disk.select(parts[0], dir.resolve("train"));
        int[] sorted = parts[0].clone();
        java.util.Arrays.sort(sorted);
        assertEquals(data.select(sorted), train.toDataset(), "the train part's molecules, in stored order");
        assertEquals("test", train.properties().get("source"));
        assertThrows(IllegalArgumentException.class, () -> disk.select(new int[] {1, 1}, dir.resolve("twice")));
        MultitaskClassifier wrong = new MultitaskClassifier(data.tasks(), 41, SMALL);
        assertThrows(IllegalArgumentException.class, () -> wrong.fit(train, List.of(), 1));
    }
}
