package io.chemdl4j.featurize.io;

/**
 * One input row that could not be used, and why.
 *
 * @param source where the row came from (a file name, or a label such as {@code "input"})
 * @param row    0-based data row (header excluded)
 * @param input  the offending text as read (usually the SMILES)
 * @param reason why it was rejected
 */
public record RowError(String source, long row, String input, String reason) {
    /**
     * The first line of {@code text} read from a file or an exception, fit to quote in a one-line report: anything
     * but printable ASCII replaced by {@code ?}, at most {@code max} characters (then {@code ...}).
     */
    public static String printable(String text, int max) {
        String s = String.valueOf(text).lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    @Override
    public String toString() {
        return source + ": row " + row + ": '" + input + "': " + reason;
    }
}
