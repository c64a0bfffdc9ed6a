package io.chemdl4j.moleculenet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DatasetLoader;

/** Molecular graphs in disk datasets and through the featurization cache: exact round trips and hostile files. */
class GraphStorageTest {
    private static final List<String> SMILES = List.of("CCO", "c1ccccc1O", "[Na+].[Cl-]", "C", "CC(=O)Nc1ccc(O)cc1",
            "C1CC1C(F)(F)F", "O=C(O)c1ccccc1OC(C)=O");

    @TempDir
    Path dir;

    private static GraphDataset graphs(MoleculeFeaturizer<MolecularGraph> featurizer) throws InvalidMoleculeException {
        List<MolecularGraph> graphs = new ArrayList<>();
        float[][] y = new float[SMILES.size()][1];
        float[][] w = new float[SMILES.size()][1];
        for (int i = 0; i < SMILES.size(); i++) {
            graphs.add(featurizer.featurize(SMILES.get(i)));
            y[i][0] = i % 2;
            w[i][0] = i == 3 ? 0 : 1;
        }
        Dataset labels = Dataset.of(new float[SMILES.size()][0], y, w, SMILES.toArray(String[]::new), List.of("t"));
        return GraphDataset.of(graphs, labels);
    }

    private static DiskDataset write(GraphDataset data, Path target, int shardRows) throws IOException {
        try (DiskDataset.Writer writer = DiskDataset.graphWriter(target, data.tasks(), shardRows)) {
            Dataset labels = data.labels();
            for (int i = 0; i < data.size(); i++) {
                writer.add(data.graph(i), new float[] {labels.label(i, 0)}, new float[] {labels.weight(i, 0)},
                        data.id(i));
            }
            return writer.commit();
        }
    }

    @Test
    void graphsOfBothFeaturizersRoundTripExactlyAcrossShards() throws Exception {
        for (MoleculeFeaturizer<MolecularGraph> featurizer : List.of(new GraphFeaturizer(),
                new ChempropGraphFeaturizer(ChempropGraphFeaturizer.ExtraFeatures.DESCRIPTORS))) {
            GraphDataset data = graphs(featurizer);
            Path target = dir.resolve(featurizer.spec().name());
            DiskDataset disk = write(data, target, 3);
            assertTrue(disk.holdsGraphs());
            assertEquals(3, disk.shardCount(), "7 molecules in shards of 3");
            GraphDataset back = DiskDataset.open(target).toGraphDataset();
            assertEquals(data, back, featurizer.spec() + ": every array of every graph, the labels and the ids");
            assertArrayEquals(data.graph(6).moleculeFeatures(), back.graph(6).moleculeFeatures());
            assertEquals(data.graph(1).neighbours(0).length, back.graph(1).neighbours(0).length);
            assertThrows(IllegalArgumentException.class, () -> FeatureKind.ROWS.read(DiskDataset.open(target)),
                    "a dataset of graphs is not read as feature rows");
        }
    }

    @Test
    void anEmptyDatasetOfGraphsCommitsAndReopens() throws Exception {
        try (DiskDataset.Writer writer = DiskDataset.graphWriter(dir.resolve("empty"), List.of("t"), 8)) {
            writer.commit();
        }
        assertEquals(0, DiskDataset.open(dir.resolve("empty")).toGraphDataset().size());
    }

    @Test
    void aWriterOfGraphsRefusesRowsAndGraphsOfAnotherLayout() throws Exception {
        try (DiskDataset.Writer writer = DiskDataset.graphWriter(dir.resolve("mixed"), List.of("t"), 8)) {
            writer.add(new GraphFeaturizer().featurize("CCO"), new float[1], new float[1], "a");
            assertThrows(IllegalStateException.class, () -> writer.add(new float[0], new float[1], new float[1], "b"));
            assertThrows(IllegalArgumentException.class, () -> writer.add(new ChempropGraphFeaturizer().featurize("CC"),
                    new float[1], new float[1], "c"));
        }
        assertFalse(DiskDataset.exists(dir.resolve("mixed")), "not committed: nothing there");
    }

    /** A graph file that checksums cannot vouch for is named; one whose counts disagree never sizes an array. */
    @Test
    void corruptedOrInconsistentGraphFilesAreNamed() throws Exception {
        GraphDataset data = graphs(new GraphFeaturizer());
        DiskDataset disk = write(data, dir.resolve("g"), 10);
        Path sizes = dir.resolve("g").resolve("shard-00000-graph-sizes.npy");
        assertTrue(Files.isRegularFile(sizes));
        byte[] original = Files.readAllBytes(sizes);
        byte[] bad = original.clone();
        bad[bad.length - 9] = 0x7f; // the last molecule: about two billion atoms
        Files.write(sizes, bad);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> DiskDataset.open(disk.directory())
                .toGraphDataset());
        assertTrue(e.getMessage().contains("shard-00000-graph-sizes.npy"), e.getMessage());
        Files.write(sizes, original);
        Files.delete(dir.resolve("g").resolve("shard-00000-graph-neighbours.npy"));
        e = assertThrows(InvalidDataException.class, () -> DiskDataset.open(disk.directory()).toGraphDataset());
        assertTrue(e.getMessage().contains("shard-00000-graph-neighbours.npy"), e.getMessage());
    }

    @Test
    void inconsistentArraysNeverBuildAGraph() {
        // one atom, one edge to atom 5, which does not exist
        GraphShard shard = new GraphShard(new int[] {1, 1, 0}, new float[2], new int[] {0}, new int[0],
                new int[] {0, 5}, new float[0], new float[0]);
        assertThrows(IllegalArgumentException.class, () -> shard.graphs(2, 0));
        GraphShard degrees = new GraphShard(new int[] {1, 0, 0}, new float[2], new int[] {3}, new int[0], new int[0],
                new float[0], new float[0]);
        assertThrows(IllegalArgumentException.class, () -> degrees.graphs(2, 0));
    }

    @Test
    void int32MatricesRoundTripAndTheirShapeIsCheckedFirst() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeInt32(out, 2, 3, new int[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, 0});
        assertArrayEquals(new int[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, 0},
                Npy.readInt32(new ByteArrayInputStream(out.toByteArray()), 2, 3));
        IOException e = assertThrows(IOException.class,
                () -> Npy.readInt32(new ByteArrayInputStream(out.toByteArray()), 3, 2));
        assertTrue(e.getMessage().contains("(3, 2)"), e.getMessage());
        assertThrows(IOException.class, () -> Npy.readFloat32(new ByteArrayInputStream(out.toByteArray()), 2, 3),
                "an int32 array is not read as float32");
    }

    @Test
    void theCacheKeepsGraphsAndReadsThemBackIdentically() throws Exception {
        Path file = Files.writeString(dir.resolve("in.csv"), "smiles,t\n" + String.join("\n",
                SMILES.stream().map(s -> s + ",1").toList()) + "\nnot-a-smiles,0\n");
        ColumnSpec spec = new ColumnSpec("smiles", List.of("t"), null);
        FeaturizationCache cache = new FeaturizationCache(dir.resolve("cache"));
        GraphFeaturizer featurizer = new GraphFeaturizer();
        FeaturizationCache.Result<GraphDataset> first = cache.load("in", file, FeaturizationCache.sha256(file), spec,
                featurizer, FeatureKind.GRAPHS, 2, true, null);
        FeaturizationCache.Result<GraphDataset> second = cache.load("in", file, FeaturizationCache.sha256(file), spec,
                featurizer, FeatureKind.GRAPHS, 2, true, null);
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(SMILES.size(), second.data().dataset().size());
        assertEquals(first.data().dataset(), second.data().dataset());
        assertEquals(first.data().errors(), second.data().errors(), "the rejected row is kept with the entry");
        assertEquals(1, second.data().errors().size());
        GraphDataset inMemory = new DatasetLoader<>(spec, featurizer, FeatureKind.GRAPHS, 1).load(file).dataset();
        assertEquals(inMemory, second.data().dataset(), "the same graphs as a load without the cache");
        FeaturizationCache.Result<Dataset> rows = cache.load("in", file, FeaturizationCache.sha256(file), spec,
                new io.chemdl4j.featurize.fingerprint.EcfpFeaturizer(), FeatureKind.ROWS, 2, true, null);
        assertFalse(rows.fromCache(), "another featurizer, another entry");
    }
}
