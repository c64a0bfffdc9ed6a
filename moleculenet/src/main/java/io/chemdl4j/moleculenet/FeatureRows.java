package io.chemdl4j.moleculenet;

/**
 * Fixed-width feature rows kept outside the heap (a disk dataset's feature files), read one row at a time:
 * what a {@link Dataset} larger than the heap reads its features from ({@link Dataset#backedBy}).
 * Implementations are immutable and thread-safe.
 */
public interface FeatureRows {
    /** Number of rows. */
    int rows();

    /** Features per row. */
    int width();

    /**
     * Copies row {@code row} into {@code dest} from {@code offset} on.
     *
     * @throws IndexOutOfBoundsException if the row does not exist or does not fit
     * @throws InvalidDataException      if the row cannot be read (a file gone or cut short)
     */
    void copyRow(int row, float[] dest, int offset);
}
