package io.chemdl4j.moleculenet.split;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.featurize.io.LineCappingReader;
import io.chemdl4j.featurize.io.TextFiles;
import io.chemdl4j.moleculenet.InvalidDataException;

/**
 * A train/valid/test split kept in a file, to reuse it or share it: a CSV with {@code row} (the molecule's 0-based
 * data row in its input file), {@code id} and {@code split} ({@code train}, {@code valid} or {@code test}), one line
 * per molecule. Read back, molecules are matched by {@code row} when the file has that column, else by {@code id}
 * (the n-th molecule with an id taking the n-th line with it, so that repeated SMILES are matched in order), and
 * each part keeps the order of the file's lines; a file written by another tool needs only one of the two columns
 * and {@code split}. Every molecule of the data must be in the file; lines for rows that did not load (a broken
 * molecule) are passed over.
 */
public final class SplitFile {
    /** The part names, in the order of {@link Splitter#splitIndices}'s parts. */
    public static final List<String> PARTS = List.of("train", "valid", "test");

    private SplitFile() {
    }

    /**
     * The 0-based input row of each molecule of a dataset loaded from {@code rowsRead} rows, of which the rows of
     * {@code errors} did not load: a loaded dataset keeps its file's order and drops only those.
     */
    public static long[] dataRows(int size, List<RowError> errors, long rowsRead) {
        java.util.Set<Long> failed = new java.util.HashSet<>();
        for (RowError e : errors) {
            failed.add(e.row());
        }
        long[] rows = new long[size];
        int n = 0;
        for (long r = 0; r < rowsRead && n < size; r++) {
            if (!failed.contains(r)) {
                rows[n++] = r;
            }
        }
        if (n != size) {
            throw new IllegalStateException(size + " molecules but " + n + " loaded rows among " + rowsRead);
        }
        return rows;
    }

    /**
     * Writes the split {@code parts} (indices into the data, each part in its order) of molecules with these rows and
     * ids, atomically: the train part's lines first, then valid, then test, so that reading the file back gives the
     * same parts in the same order, and training on them the same numbers.
     */
    public static void write(Path file, long[] rows, String[] ids, int[][] parts) throws IOException {
        AtomicFiles.write(file, out -> {
            CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                    CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord("row", "id", "split");
            for (int p = 0; p < parts.length; p++) {
                for (int i : parts[p]) {
                    csv.printRecord(rows[i], ids[i], PARTS.get(p));
                }
            }
            csv.flush();
        });
    }

    /**
     * The data's molecules in the parts {@code file} gives them, each part in the order of the file's lines.
     *
     * @param rows each molecule's input row ({@link #dataRows})
     * @param ids  each molecule's id
     * @throws InvalidDataException naming the file and line of the first problem: no {@code split} column, neither
     *                              {@code row} nor {@code id}, an unknown part, a row given twice, a molecule of the
     *                              data in no part, an empty part
     */
    public static int[][] assign(Path file, long[] rows, String[] ids) {
        Map<Long, Integer> indexOfRow = new HashMap<>();
        Map<String, ArrayDeque<Integer>> indicesOfId = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            indexOfRow.put(rows[i], i);
            indicesOfId.computeIfAbsent(ids[i], k -> new ArrayDeque<>()).add(i);
        }
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        boolean[] assigned = new boolean[rows.length];
        try (Reader reader = new LineCappingReader(TextFiles.open(file), LineCappingReader.DEFAULT_MAX_LINE, ',');
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                     .parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains("split") || !(header.contains("row") || header.contains("id"))) {
                throw new InvalidDataException(file + ": a split file has the columns row or id, and split (it has "
                        + header + ")");
            }
            boolean useRows = header.contains("row");
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (CSVRecord record : parser) {
                String where = file + " line " + (record.getRecordNumber() + 1) + ": ";
                String split = record.isSet("split") ? record.get("split").strip() : "";
                int part = PARTS.indexOf(split);
                if (part < 0) {
                    throw new InvalidDataException(where + "split is '" + RowError.printable(split, 40)
                            + "', not one of " + PARTS);
                }
                Integer index;
                if (useRows) {
                    long row = parseRow(where, record);
                    if (!seen.add(row)) {
                        throw new InvalidDataException(where + "row " + row + " is given a part twice");
                    }
                    index = indexOfRow.get(row);
                } else {
                    ArrayDeque<Integer> queue = indicesOfId.get(record.isSet("id") ? record.get("id") : "");
                    index = queue == null ? null : queue.poll();
                }
                if (index != null) { // else a row that did not load, or an id the data does not have (any more)
                    assigned[index] = true;
                    parts.get(part).add(index);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidDataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidDataException(file + ": not a readable CSV file (" + e.getMessage() + ")", e);
        }
        int missing = 0;
        int firstMissing = -1;
        for (int i = 0; i < assigned.length; i++) {
            if (!assigned[i]) {
                missing++;
                firstMissing = firstMissing < 0 ? i : firstMissing;
            }
        }
        if (missing > 0) {
            throw new InvalidDataException(file + ": " + missing + " molecule(s) of the data are in no part of the "
                    + "split (the first: row " + rows[firstMissing] + ", id '" + RowError.printable(ids[firstMissing],
                    60) + "')");
        }
        int[][] result = new int[3][];
        for (int p = 0; p < 3; p++) {
            if (parts.get(p).isEmpty()) {
                throw new InvalidDataException(file + ": no molecule of the data is in the " + PARTS.get(p) + " part");
            }
            result[p] = parts.get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
    }

    private static long parseRow(String where, CSVRecord record) {
        String text = record.isSet("row") ? record.get("row").strip() : "";
        try {
            long row = Long.parseLong(text);
            if (row >= 0) {
                return row;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidDataException(where + "row is '" + RowError.printable(text, 40)
                + "', not a row number (0, 1, 2, ...)");
    }
}
