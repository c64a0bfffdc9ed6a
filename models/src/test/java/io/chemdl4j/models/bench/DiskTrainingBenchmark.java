package io.chemdl4j.models.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.multitask.MultitaskClassifier;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.DatasetLoader;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;
import io.chemdl4j.moleculenet.store.DiskDataset;
import io.chemdl4j.moleculenet.store.FeatureKind;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Benchmark, not a test: a multitask network trained on data larger than the heap. MUV (93,087 molecules) as ECFP4
 * 2048-bit rows is 763 MB of features; run with {@code -Xmx256m}, it is streamed to a disk dataset, split on disk
 * (labels read without features), and trained and scored one shard at a time.
 * Usage: {@code DiskTrainingBenchmark <work dir> [epochs]}; {@code bench/disk-training.sh} runs it.
 */
public final class DiskTrainingBenchmark {
    private DiskTrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        MolNetDataset muv = MolNetDataset.MUV;
        EcfpFeaturizer ecfp = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(2048));
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        DiskDataset all = new DatasetLoader<>(muv.columnSpec(muv.tasks()), ecfp, FeatureKind.ROWS,
                Runtime.getRuntime().availableProcessors())
                .loadToDisk(DataFiles.locate(muv.fileName(), muv.url(), null), work.resolve("all"), new java.util.HashMap<>(),
                        null).dataset();
        System.out.printf("featurized %s in %.1f s: %d MB of features%n", all, seconds(t0),
                (long) all.size() * all.featureCount() * 4 >> 20);
        t0 = System.nanoTime();
        Dataset labels = all.labels();
        int[][] parts = SplitterType.RANDOM.create(0).splitIndices(labels, SplitFractions.defaults());
        DiskDataset train = all.select(parts[0], work.resolve("train"));
        DiskDataset test = all.select(parts[2], work.resolve("test"));
        List<Transformer> balancing = List.of(BalancingTransformer.fit(train.labels()));
        System.out.printf("split on disk in %.1f s: train %d, test %d molecules%n", seconds(t0), train.size(),
                test.size());
        MultitaskClassifier model = new MultitaskClassifier(muv.tasks(), 2048, MultitaskConfig.defaults().withSeed(0));
        for (int e = 0; e < epochs; e++) {
            EpochRecord record = model.fit(train, balancing, 1).get(0);
            System.out.printf("epoch %d: loss %.4f in %.1f s; heap used %d MB%n", record.epoch(), record.loss(),
                    record.seconds(), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
        Dataset testLabels = test.labels();
        List<double[][]> predictions = new ArrayList<>();
        for (int s = 0; s < test.shardCount(); s++) {
            predictions.add(model.predict(test.shard(s)));
        }
        double[][] p = predictions.stream().flatMap(java.util.Arrays::stream).toArray(double[][]::new);
        double sum = 0;
        int scored = 0;
        for (int t = 0; t < muv.tasks().size(); t++) {
            double[] y = new double[p.length];
            double[] w = new double[p.length];
            double[] q = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                y[i] = testLabels.label(i, t);
                w[i] = testLabels.weight(i, t);
                q[i] = p[i][t];
            }
            double auc = Metric.ROC_AUC.compute(y, q, w);
            if (!Double.isNaN(auc)) {
                sum += auc;
                scored++;
            }
        }
        System.out.printf("test ROC-AUC %.4f (mean of the %d tasks with both classes in the test part)%n",
                sum / scored, scored);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
