package io.chemdl4j.moleculenet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.chemdl4j.moleculenet.store.FeatureKind;
import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.load.DatasetLoader;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.store.DiskDataset;
import io.chemdl4j.moleculenet.store.FeaturizationCache;

/**
 * Data-layer measurements (not a test; run {@code bench/data.sh}):
 * <ul>
 * <li>{@code cache}: Tox21 loaded twice through a fresh featurization cache, as ECFP rows and as molecular
 *     graphs; the first load (featurize + write) is the baseline of the second (read the cached shards).</li>
 * <li>{@code muv DIR}: MUV (93k molecules) streamed into a disk dataset of ECFP 2048 bits, then one
 *     epoch of batches of 128 read back, then reopened and compared; meant for a small heap
 *     ({@code -Xmx256m}) under {@code /usr/bin/time -v} for the peak RSS.</li>
 * </ul>
 */
public final class DataLayerBenchmark {
    private DataLayerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getenv().getOrDefault("CHEMDL_DATA_DIR", "../shared/data"));
        if (args.length > 0 && args[0].equals("muv")) {
            muv(data, Path.of(args[1]));
        } else {
            cache(data);
        }
    }

    private static void cache(Path data) throws Exception {
        Path root = Files.createTempDirectory("chemdl-cache-bench");
        try {
            FeaturizationCache cache = new FeaturizationCache(root);
            LoadOptions options = LoadOptions.defaults(0).withDataDirectory(data);
            long t0 = System.nanoTime();
            MolNet.load(MolNetDataset.TOX21, options, cache);
            double first = (System.nanoTime() - t0) / 1e9;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t1 = System.nanoTime();
                MolNet.load(MolNetDataset.TOX21, options, cache);
                best = Math.min(best, (System.nanoTime() - t1) / 1e9);
            }
            System.out.printf("tox21 ecfp4 1024: first load %.2f s (featurize + cache, baseline), second load %.3f s"
                    + " (best of 3): %.1fx faster%n", first, best, first / best);
            GraphFeaturizer graphs = new GraphFeaturizer();
            long t2 = System.nanoTime();
            MolNet.load(DataSource.of(MolNetDataset.TOX21), options, graphs, FeatureKind.GRAPHS, cache, null);
            double firstGraphs = (System.nanoTime() - t2) / 1e9;
            double bestGraphs = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t3 = System.nanoTime();
                MolNet.load(DataSource.of(MolNetDataset.TOX21), options, graphs, FeatureKind.GRAPHS, cache, null);
                bestGraphs = Math.min(bestGraphs, (System.nanoTime() - t3) / 1e9);
            }
            System.out.printf("tox21 graphs (ConvMol features): first load %.2f s (featurize + cache, baseline), second"
                    + " load %.3f s (best of 3): %.1fx faster%n", firstGraphs, bestGraphs, firstGraphs / bestGraphs);
        } finally {
            AtomicFiles.deleteRecursively(root);
        }
    }

    private static void muv(Path data, Path target) throws Exception {
        MolNetDataset muv = MolNetDataset.MUV;
        EcfpFeaturizer ecfp = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(2048));
        ColumnSpec spec = muv.columnSpec(muv.tasks());
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        DatasetLoader.DiskLoad load = new DatasetLoader<>(spec, ecfp, FeatureKind.ROWS, Runtime.getRuntime().availableProcessors())
                .loadToDisk(data.resolve(muv.fileName()), target, Map.of("featurizer", ecfp.spec().toString()), null);
        double build = (System.nanoTime() - t0) / 1e9;
        DiskDataset disk = load.dataset();
        System.out.printf("built %s in %.1f s (%d rows read, %d rejected)%n", disk, build, load.rowsRead(),
                load.errors().size());
        long t1 = System.nanoTime();
        long molecules = 0;
        double checksum = 0;
        for (Dataset batch : disk.batches(128, 0)) {
            molecules += batch.size();
            checksum += batch.feature(0, 0) + batch.label(0, 0);
        }
        double epoch = (System.nanoTime() - t1) / 1e9;
        System.out.printf("epoch: %d molecules in batches of 128 (shuffled) in %.2f s (%.0f molecules/s), checksum %.1f%n",
                molecules, epoch, molecules / epoch, checksum);
        DiskDataset reopened = DiskDataset.open(target);
        boolean identical = reopened.shardCount() == disk.shardCount();
        for (int s = 0; s < reopened.shardCount() && identical; s++) {
            Dataset a = disk.shard(s);
            Dataset b = reopened.shard(s);
            identical = a.equals(b) && Arrays.equals(a.ids(), b.ids());
        }
        System.out.printf("reopened: %d shards, identical arrays: %s; used heap now %d MB%n", reopened.shardCount(),
                identical, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        List<Path> files = reopened.shardFiles(0);
        System.out.printf("shard files: %s (%d MB X)%n", files.stream().map(p -> p.getFileName().toString()).toList(),
                Files.size(files.get(0)) >> 20);
    }
}
