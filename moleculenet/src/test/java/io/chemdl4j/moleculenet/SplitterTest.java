package io.chemdl4j.moleculenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

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
        DatasetSplit s = new IndexSplitter().split(d, SplitFractions.defaults());
        assertArrayEquals(IntStream.range(0, 12).mapToObj(i -> "m" + i).toArray(), s.train().ids());
        assertArrayEquals(new String[] {"m12"}, s.valid().ids());
        assertArrayEquals(new String[] {"m13", "m14"}, s.test().ids());
        assertEquals(13f, s.test().feature(0, 0));
    }
}
