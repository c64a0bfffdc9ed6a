package io.chemdl4j.featurize.rdkit;

/**
 * RDKit's portable 32-bit hashing ({@code gboost::hash_combine}, a Boost hash with a fixed 32-bit
 * result type), which decides the bit every Morgan environment sets. Java {@code int}s stand for C++
 * {@code uint32_t}: addition, shifts and xor give the same bits once right shifts are unsigned.
 */
public final class RdkitHash {
    private static final int GOLDEN = 0x9e3779b9;

    private RdkitHash() {
    }

    /** {@code seed ^= value + 0x9e3779b9 + (seed << 6) + (seed >> 2)}, returned. */
    public static int combine(int seed, int value) {
        return seed ^ (value + GOLDEN + (seed << 6) + (seed >>> 2));
    }

    /** Hash of {@code std::pair<int32, uint32>}: both members combined into a zero seed. */
    public static int pair(int first, int second) {
        return combine(combine(0, first), second);
    }

    /** Hash of {@code std::vector<uint32_t>}: every element combined, in order, into a zero seed. */
    public static int vector(int... values) {
        int seed = 0;
        for (int v : values) {
            seed = combine(seed, v);
        }
        return seed;
    }
}
