package io.chemdl4j.models.reliability;

import java.util.Arrays;
import java.util.List;

/**
 * Binary fingerprints of reference molecules, searched for the {@code k} most Tanimoto-similar to a query without
 * scanning them all: the references are sorted by bit count, and since the Tanimoto similarity of fingerprints with
 * {@code a} and {@code b} bits set is at most {@code min(a, b) / max(a, b)} (Swamidass and Baldi 2007), the search
 * walks outward from the query's own bit count and stops where that bound falls below the {@code k}-th best
 * similarity found. Immutable and thread-safe.
 */
public final class DomainIndex {
    /** Longest fingerprint indexed, in bits. */
    public static final int MAX_LENGTH = 1 << 20;
    /** Most reference molecules. */
    public static final int MAX_MOLECULES = 2_000_000;

    private final int length;
    private final int words;
    private final long[] bits;
    private final int[] counts;
    private final int[][] onBits;

    private DomainIndex(int length, List<int[]> fingerprints) {
        this.length = length;
        this.words = (length + 63) >>> 6;
        int n = fingerprints.size();
        Integer[] order = new Integer[n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            count[i] = fingerprints.get(i).length;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(count[a], count[b]));
        this.bits = new long[Math.multiplyExact(n, words)];
        this.counts = new int[n];
        this.onBits = new int[n][];
        for (int r = 0; r < n; r++) {
            int[] on = fingerprints.get(order[r]);
            onBits[r] = on;
            counts[r] = on.length;
            for (int bit : on) {
                bits[r * words + (bit >>> 6)] |= 1L << bit;
            }
        }
    }

    /**
     * An index of {@code fingerprints}, each given by its set bits: distinct, ascending, in {@code [0, length)}.
     *
     * @throws IllegalArgumentException if a fingerprint breaks that, or there are none
     */
    public static DomainIndex of(List<int[]> fingerprints, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("fingerprint length must be 1.." + MAX_LENGTH + ", got " + length);
        }
        if (fingerprints.isEmpty() || fingerprints.size() > MAX_MOLECULES) {
            throw new IllegalArgumentException("an applicability domain needs 1.." + MAX_MOLECULES
                    + " training molecules, got " + fingerprints.size());
        }
        List<int[]> copies = new java.util.ArrayList<>(fingerprints.size());
        for (int i = 0; i < fingerprints.size(); i++) {
            int[] on = fingerprints.get(i).clone();
            for (int j = 0; j < on.length; j++) {
                if (on[j] < 0 || on[j] >= length || j > 0 && on[j] <= on[j - 1]) {
                    throw new IllegalArgumentException("fingerprint " + i + ": bit " + on[j] + " at position " + j
                            + " is not ascending within 0.." + (length - 1));
                }
            }
            copies.add(on);
        }
        return new DomainIndex(length, copies);
    }

    /** The set bits of a feature row: the positions of its nonzero entries (bits or counts alike). */
    public static int[] onBits(float[] row) {
        return io.chemdl4j.featurize.SparseFeatures.of(row).indices();
    }

    /** Fingerprint length in bits. */
    public int length() {
        return length;
    }

    /** Reference molecules. */
    public int size() {
        return counts.length;
    }

    /** The reference fingerprints' set bits, in bit-count order (what a file saves). */
    public List<int[]> fingerprints() {
        return Arrays.stream(onBits).map(int[]::clone).toList();
    }

    /**
     * The Tanimoto similarities of the {@code k} references most similar to {@code query} (its set bits, ascending
     * in {@code [0, length)}), highest first; fewer when there are fewer references. Two fingerprints without any
     * bit set have similarity 0.
     */
    public double[] nearest(int[] query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        long[] q = new long[words];
        for (int bit : query) {
            if (bit < 0 || bit >= length) {
                throw new IllegalArgumentException("bit " + bit + " outside a fingerprint of " + length + " bits");
            }
            q[bit >>> 6] |= 1L << bit;
        }
        int a = 0;
        for (long w : q) {
            a += Long.bitCount(w);
        }
        int n = counts.length;
        int found = 0;
        double[] best = new double[Math.min(k, n)];
        // up walks references with at least a bits, down those with fewer
        int up = lowerBound(a);
        int down = up - 1;
        while (up < n || down >= 0) {
            double boundUp = up < n ? bound(a, counts[up]) : -1;
            double boundDown = down >= 0 ? bound(a, counts[down]) : -1;
            int r;
            if (boundUp >= boundDown) {
                if (found == best.length && boundUp <= best[best.length - 1]) {
                    break;
                }
                r = up++;
            } else {
                if (found == best.length && boundDown <= best[best.length - 1]) {
                    break;
                }
                r = down--;
            }
            double s = similarity(q, a, r);
            if (found < best.length) {
                insert(best, found++, s);
            } else if (s > best[best.length - 1]) {
                insert(best, best.length - 1, s);
            }
        }
        return best;
    }

    /** Puts {@code s} into the descending {@code best[0..filled]}, dropping the slot at {@code filled}. */
    private static void insert(double[] best, int filled, double s) {
        int i = filled;
        while (i > 0 && best[i - 1] < s) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = s;
    }

    private double similarity(long[] q, int a, int r) {
        int common = 0;
        int base = r * words;
        for (int w = 0; w < words; w++) {
            common += Long.bitCount(q[w] & bits[base + w]);
        }
        int union = a + counts[r] - common;
        return union == 0 ? 0 : (double) common / union;
    }

    private static double bound(int a, int b) {
        int max = Math.max(a, b);
        return max == 0 ? 0 : (double) Math.min(a, b) / max;
    }

    /** The first reference with at least {@code a} bits set. */
    private int lowerBound(int a) {
        int lo = 0;
        int hi = counts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (counts[mid] < a) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
