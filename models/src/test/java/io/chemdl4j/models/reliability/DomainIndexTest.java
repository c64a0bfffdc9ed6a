package io.chemdl4j.models.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;

class DomainIndexTest {
    @Test
    void theBoundedSearchFindsWhatAFullScanFinds() {
        SplittableRandom random = new SplittableRandom(11);
        List<int[]> references = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            references.add(randomBits(random, 300, 5 + random.nextInt(60)));
        }
        DomainIndex index = DomainIndex.of(references, 300);
        for (int q = 0; q < 200; q++) {
            int[] query = q == 0 ? new int[0] : randomBits(random, 300, 1 + random.nextInt(70));
            for (int k : new int[] {1, 5}) {
                assertArrayEquals(scan(references, query, k), index.nearest(query, k), 1e-12, "query " + q);
            }
        }
    }

    @Test
    void tanimotoByHand() {
        DomainIndex index = DomainIndex.of(List.of(new int[] {0, 1, 2, 3}, new int[] {10, 11}), 64);
        // {0,1,2} vs {0,1,2,3}: 3 common of 4 -> 0.75; vs {10,11}: 0
        assertArrayEquals(new double[] {0.75, 0}, index.nearest(new int[] {0, 1, 2}, 2), 1e-12);
        assertArrayEquals(new double[] {0.75, 0}, index.nearest(new int[] {0, 1, 2}, 9), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> index.nearest(new int[] {64}, 1));
        assertThrows(IllegalArgumentException.class, () -> DomainIndex.of(List.of(new int[] {3, 2}), 64));
    }

    @Test
    void theThresholdLeavesTheAskedFractionOfCalibrationMoleculesOutside() {
        SplittableRandom random = new SplittableRandom(5);
        List<int[]> training = new ArrayList<>();
        List<int[]> calibration = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            training.add(randomBits(random, 256, 30));
            calibration.add(randomBits(random, 256, 30));
        }
        ApplicabilityDomain domain = ApplicabilityDomain.fit(new EcfpFeaturizer().spec(), DomainIndex.of(training, 256),
                calibration, 5, 0.1);
        long outside = calibration.stream().filter(c -> !domain.assess(c).inside()).count();
        // at most the fraction asked for; molecules tied at the threshold count as inside
        assertTrue(outside <= 50 && outside >= 35, outside + " outside");
        // a training molecule itself is its own nearest neighbour
        ApplicabilityDomain.Assessment self = domain.assess(training.get(0));
        assertEquals(1.0, self.nearest(), 1e-12);
        assertTrue(self.inside());
        assertFalse(domain.assess(new int[] {0}).inside());
    }

    private static double[] scan(List<int[]> references, int[] query, int k) {
        double[] all = new double[references.size()];
        for (int i = 0; i < all.length; i++) {
            TreeSet<Integer> a = new TreeSet<>();
            for (int b : query) {
                a.add(b);
            }
            int common = 0;
            for (int b : references.get(i)) {
                common += a.contains(b) ? 1 : 0;
            }
            int union = query.length + references.get(i).length - common;
            all[i] = union == 0 ? 0 : (double) common / union;
        }
        Arrays.sort(all);
        double[] top = new double[Math.min(k, all.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = all[all.length - 1 - i];
        }
        return top;
    }

    static int[] randomBits(SplittableRandom random, int length, int count) {
        TreeSet<Integer> bits = new TreeSet<>();
        while (bits.size() < Math.min(count, length)) {
            bits.add(random.nextInt(length));
        }
        return bits.stream().mapToInt(Integer::intValue).toArray();
    }
}
