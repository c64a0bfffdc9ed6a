package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes text through, but cuts every line longer than a cap: the rest of such a line is skipped as it is read and
 * replaced by one {@link #CUT} character, so that a 200 MB line costs no more memory than the cap, and the record
 * it belonged to can be reported instead of read ({@link #wasCut}). In CSV/TSV the mark always lands inside a
 * field: a cut inside a double-quoted field closes the quote after it, so that the lines after it are still read
 * as records of their own, and a cut right after a closing quote starts a new field. Not thread-safe.
 */
public final class LineCappingReader extends Reader {
    /** Longest line read, in characters, unless told otherwise (1 MiB). */
    public static final int DEFAULT_MAX_LINE = 1 << 20;
    /** Stands for the part of a line that was skipped; a Unicode noncharacter, never found in text. */
    public static final char CUT = '\uFFFF';

    private final Reader in;
    private final int maxLine;
    /** Field delimiter of CSV/TSV, whose double quotes delimit fields; 0 for text without fields. */
    private final char delimiter;
    private char previous;
    private final char[] chunk = new char[8192];
    private int chunkLength;
    private int chunkAt;
    private int lineLength;
    private boolean inQuotes;
    private boolean skipping;
    /** Characters owed to the caller after a cut: a closing quote and {@link #CUT}. */
    private final StringBuilder owed = new StringBuilder();

    /**
     * @param maxLine   longest line passed through whole, at least 1
     * @param delimiter the field delimiter of CSV ({@code ','}) or TSV ({@code '\t'}), whose fields double quotes
     *                  may enclose; 0 for other text
     */
    public LineCappingReader(Reader in, int maxLine, char delimiter) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("line cap must be positive, got " + maxLine);
        }
        this.in = in;
        this.maxLine = maxLine;
        this.delimiter = delimiter;
    }

    /** Whether {@code text} holds a line that was cut. */
    public static boolean wasCut(String text) {
        return text.indexOf(CUT) >= 0;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int written = 0;
        while (written < length) {
            if (owed.length() > 0) {
                buffer[offset + written++] = owed.charAt(0);
                owed.deleteCharAt(0);
                continue;
            }
            if (chunkAt == chunkLength) {
                if (written > 0 && !in.ready()) {
                    return written;
                }
                chunkLength = in.read(chunk, 0, chunk.length);
                chunkAt = 0;
                if (chunkLength <= 0) {
                    chunkLength = 0;
                    return written == 0 ? -1 : written;
                }
            }
            char c = chunk[chunkAt++];
            if (c == '\n') {
                lineLength = 0;
                skipping = false;
                previous = c;
                buffer[offset + written++] = c;
                continue;
            }
            if (skipping) {
                continue;
            }
            if (++lineLength > maxLine) {
                skipping = true;
                if (delimiter != 0 && !inQuotes && previous == '"') {
                    owed.append(delimiter); // right after a quoted field: the mark starts a field of its own
                }
                owed.append(CUT);
                if (inQuotes) {
                    owed.append('"');
                    inQuotes = false;
                }
                continue;
            }
            if (delimiter != 0 && c == '"') {
                inQuotes = !inQuotes;
            }
            previous = c;
            buffer[offset + written++] = c;
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
