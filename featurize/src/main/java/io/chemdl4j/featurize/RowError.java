package io.chemdl4j.featurize;

/**
 * One input row that could not be used, and why.
 *
 * @param source where the row came from (a file name, or a label such as {@code "input"})
 * @param row    0-based data row (header excluded)
 * @param input  the offending text as read (usually the SMILES)
 * @param reason why it was rejected
 */
public record RowError(String source, long row, String input, String reason) {
    @Override
    public String toString() {
        return source + ": row " + row + ": '" + input + "': " + reason;
    }
}
