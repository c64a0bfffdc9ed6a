package io.chemdl4j.moleculenet.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.DatasetSplit;

class SplitterTest {
    static Dataset numbered(int n) {
        float[][] x = new float[n][1];
        float[][] y = new float[n][1];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            ids[i] = "m" + i;
        }
        return Dataset.of(x, y, null, ids, List.of("t"));
    }

    @Test
    void randomSplitIsAPartitionOfTheRequestedSizes() {
        Dataset d = numbered(1000);
        int[][] parts = new RandomSplitter(7).splitIndices(d, SplitFractions.defaults());
        assertEquals(800, parts[0].length);
        assertEquals(100, parts[1].length);
        assertEquals(100, parts[2].length);
        Set<Integer> all = new HashSet<>();
        for (int[] p : parts) {
            for (int i : p) {
                all.add(i);
            }
        }
        assertEquals(1000, all.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset d = numbered(500);
        int[][] a = new RandomSplitter(1).splitIndices(d, SplitFractions.defaults());
        int[][] b = new RandomSplitter(1).splitIndices(d, SplitFractions.defaults());
        int[][] c = new RandomSplitter(2).splitIndices(d, SplitFractions.defaults());
        assertArrayEquals(a[2], b[2]);
        assertFalse(Arrays.equals(a[2], c[2]));
    }

    @Test
    void indexSplitKeepsFileOrderAndDeepChemsCutoffs() {
        Dataset d = numbered(15); // int(0.8*15)=12, int(0.9*15)=13
        DatasetSplit<Dataset> s = new IndexSplitter().split(d, SplitFractions.defaults());
        assertArrayEquals(IntStream.range(0, 12).mapToObj(i -> "m" + i).toArray(), s.train().ids());
        assertArrayEquals(new String[] {"m12"}, s.valid().ids());
        assertArrayEquals(new String[] {"m13", "m14"}, s.test().ids());
        assertEquals(13f, s.test().feature(0, 0));
    }

    /** 2000 molecules, three tasks with 20%, 5% and 1% positives, some labels missing. */
    static Dataset imbalanced() {
        java.util.Random r = new java.util.Random(11);
        int n = 2000;
        float[][] x = new float[n][1];
        float[][] y = new float[n][3];
        float[][] w = new float[n][3];
        String[] ids = new String[n];
        double[] rate = {0.2, 0.05, 0.01};
        for (int i = 0; i < n; i++) {
            ids[i] = "m" + i;
            for (int t = 0; t < 3; t++) {
                w[i][t] = r.nextDouble() < 0.9 ? 1 : 0;
                y[i][t] = w[i][t] != 0 && r.nextDouble() < rate[t] ? 1 : 0;
            }
        }
        return Dataset.of(x, y, w, ids, List.of("common", "rare", "rarest"));
    }

    @Test
    void stratifiedSplitKeepsEveryTasksPositivesInProportion() {
        Dataset d = imbalanced();
        int[][] parts = new StratifiedSplitter(3).splitIndices(d, SplitFractions.defaults());
        assertEquals(List.of(1600, 200, 200), List.of(parts[0].length, parts[1].length, parts[2].length));
        Set<Integer> all = new HashSet<>();
        for (int[] p : parts) {
            Arrays.stream(p).forEach(all::add);
        }
        assertEquals(2000, all.size());
        double[] share = {0.8, 0.1, 0.1};
        for (int t = 0; t < 3; t++) {
            int total = 0;
            int[] inPart = new int[3];
            for (int p = 0; p < 3; p++) {
                for (int i : parts[p]) {
                    if (d.weight(i, t) != 0 && d.label(i, t) == 1f) {
                        inPart[p]++;
                        total++;
                    }
                }
            }
            for (int p = 0; p < 3; p++) {
                assertEquals(share[p] * total, inPart[p], 1.0, "task " + t + " part " + p + ": " + Arrays.toString(inPart));
            }
        }
        assertArrayEquals(parts[2], new StratifiedSplitter(3).splitIndices(d, SplitFractions.defaults())[2]);
        assertFalse(Arrays.equals(parts[2], new StratifiedSplitter(4).splitIndices(d, SplitFractions.defaults())[2]));
    }

    @Test
    void stratifiedRegressionSplitSpansTheLabelRangeInEveryPart() {
        int n = 1000;
        float[][] x = new float[n][1];
        float[][] y = new float[n][1];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            y[i][0] = i; // uniform labels 0..999
            ids[i] = "m" + i;
        }
        Dataset d = Dataset.of(x, y, null, ids, List.of("y"));
        int[][] parts = new StratifiedSplitter(1).splitIndices(d, SplitFractions.defaults());
        assertEquals(List.of(800, 100, 100), List.of(parts[0].length, parts[1].length, parts[2].length));
        for (int[] part : parts) {
            // each run of ten sorted labels gives one molecule to valid and one to test
            double mean = Arrays.stream(part).mapToDouble(i -> d.label(i, 0)).average().orElseThrow();
            assertEquals(499.5, mean, 5.0);
        }
    }

    @Test
    void kFoldValidatesEveryMoleculeExactlyOnce() {
        Dataset d = numbered(103);
        List<KFold.Fold> folds = new KFold(5, 9).folds(d);
        assertEquals(5, folds.size());
        int[] validated = new int[103];
        for (KFold.Fold f : folds) {
            assertEquals(103, f.train().length + f.valid().length);
            assertEquals(20.6, f.valid().length, 1.0);
            Set<Integer> train = new HashSet<>();
            Arrays.stream(f.train()).forEach(train::add);
            for (int v : f.valid()) {
                validated[v]++;
                assertFalse(train.contains(v));
            }
        }
        assertEquals(103, Arrays.stream(validated).filter(c -> c == 1).count());
        assertArrayEquals(folds.get(2).valid(), new KFold(5, 9).folds(d).get(2).valid());
    }
}
