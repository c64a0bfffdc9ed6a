package io.chemdl4j.featurize;

import java.util.Arrays;

/**
 * A feature vector held by its nonzero entries, in increasing index order: what a fingerprint is (ECFP sets about 5%
 * of 1,024 positions), at a twentieth of the memory of its dense row. {@link VectorFeaturizer#sparse()} makes them.
 * The arrays are the record's own: callers must not modify them.
 *
 * @param length  the vector's length (its dense row's)
 * @param indices the positions of the nonzero entries, strictly increasing, each in {@code [0, length)}
 * @param values  the entries at those positions, none zero
 */
public record SparseFeatures(int length, int[] indices, float[] values) {
    public SparseFeatures {
        if (length < 0 || indices.length != values.length) {
            throw new IllegalArgumentException("length " + length + ", " + indices.length + " indices and "
                    + values.length + " values");
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= length || (k > 0 && indices[k] <= indices[k - 1]) || values[k] == 0f) {
                throw new IllegalArgumentException("entry " + k + ": index " + indices[k] + ", value " + values[k]
                        + " (indices must increase within [0, " + length + "), values must not be zero)");
            }
        }
    }

    /** The nonzero entries of {@code dense}. */
    public static SparseFeatures of(float[] dense) {
        int nonzero = 0;
        for (float v : dense) {
            if (v != 0f) {
                nonzero++;
            }
        }
        int[] indices = new int[nonzero];
        float[] values = new float[nonzero];
        int n = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0f) {
                indices[n] = i;
                values[n++] = dense[i];
            }
        }
        return new SparseFeatures(dense.length, indices, values);
    }

    /** The dense row: {@link #length()} values, zero where no entry is held. */
    public float[] toDense() {
        float[] dense = new float[length];
        for (int k = 0; k < indices.length; k++) {
            dense[indices[k]] = values[k];
        }
        return dense;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseFeatures s && s.length == length && Arrays.equals(s.indices, indices)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * length + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseFeatures[length=" + length + ", indices=" + Arrays.toString(indices) + ", values="
                + Arrays.toString(values) + "]";
    }
}
