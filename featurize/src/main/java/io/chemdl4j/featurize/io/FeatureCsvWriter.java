package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.chemdl4j.featurize.graph.MolecularGraph;

/**
 * Writes featurized rows as CSV: {@code row} (0-based data row of the input), {@code smiles}, the input columns
 * kept ({@link PassThrough}), then the features in one of the {@link Layout}s. Not thread-safe.
 */
public final class FeatureCsvWriter implements AutoCloseable {
    /** How vector features are laid out. */
    public enum Layout {
        /** One column {@code onbits}: indices of non-zero features, ascending, space-separated. */
        ONBITS,
        /** One column {@code features}: every value, space-separated. */
        DENSE,
        /** One column per feature, named by the featurizer (descriptor names, bit0..bitN-1). */
        COLUMNS
    }

    private static final List<String> GRAPH_COLUMNS = List.of("atoms", "edges", "atom_features", "edge_sources",
            "edge_targets", "edge_features");

    /** The delimiter of {@link CSVFormat#DEFAULT}, which the printer uses. */
    private static final char DELIMITER = ',';

    private final CSVPrinter printer;
    private final Layout layout;
    private final PassThrough.Columns kept;
    /** The numeric fields of the record being written, reused from record to record. */
    private final StringBuilder numbers = new StringBuilder();

    private FeatureCsvWriter(Writer out, Layout layout, PassThrough.Columns kept, List<String> columns,
                             boolean header) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
        this.layout = layout;
        this.kept = kept;
        List<String> names = new ArrayList<>(List.of("row", "smiles"));
        names.addAll(kept.header());
        names.addAll(columns);
        if (header) {
            printer.printRecord(names);
        }
    }

    /**
     * A writer of vectors with the given feature names after the input columns {@code kept}
     * ({@link PassThrough.Columns#none()} for none).
     */
    public static FeatureCsvWriter forVectors(Writer out, Layout layout, List<String> featureNames,
                                              PassThrough.Columns kept) throws IOException {
        return forVectors(out, layout, featureNames, kept, true);
    }

    /** As {@link #forVectors(Writer, Layout, List, PassThrough.Columns)}; without the header line if {@code header} is false (a resumed output has it). */
    public static FeatureCsvWriter forVectors(Writer out, Layout layout, List<String> featureNames,
                                              PassThrough.Columns kept, boolean header) throws IOException {
        return new FeatureCsvWriter(out, layout, kept, featureColumns(layout, featureNames), header);
    }

    /** The feature columns' names in {@code layout}. */
    public static List<String> featureColumns(Layout layout, List<String> featureNames) {
        return switch (layout) {
            case ONBITS -> List.of("onbits");
            case DENSE -> List.of("features");
            case COLUMNS -> featureNames;
        };
    }

    /**
     * A writer of molecular graphs after the input columns {@code kept}: sizes, then space-separated atom
     * features, edges and edge features.
     */
    public static FeatureCsvWriter forGraphs(Writer out, PassThrough.Columns kept) throws IOException {
        return forGraphs(out, kept, true);
    }

    /** As {@link #forGraphs(Writer, PassThrough.Columns)}; without the header line if {@code header} is false. */
    public static FeatureCsvWriter forGraphs(Writer out, PassThrough.Columns kept, boolean header) throws IOException {
        return new FeatureCsvWriter(out, null, kept, GRAPH_COLUMNS, header);
    }

    /** The graph columns' names. */
    public static List<String> graphColumns() {
        return GRAPH_COLUMNS;
    }

    /** Writes one featurized molecule: its row, SMILES, kept input columns and {@code features}. */
    public void writeVector(MoleculeRecord record, float[] features) throws IOException {
        StringBuilder line = numbers;
        line.setLength(0);
        switch (layout) {
            case ONBITS -> {
                line.append(DELIMITER);
                boolean first = true;
                for (int i = 0; i < features.length; i++) {
                    if (features[i] != 0f) {
                        if (!first) {
                            line.append(' ');
                        }
                        line.append(i);
                        first = false;
                    }
                }
            }
            case DENSE -> {
                line.append(DELIMITER);
                appendJoined(line, features);
            }
            case COLUMNS -> {
                for (float f : features) {
                    line.append(DELIMITER);
                    appendNumber(line, f);
                }
            }
        }
        printRecord(printer, record, kept, line);
    }

    /** Writes one molecule's graph: its row, SMILES, kept input columns and the graph's arrays. */
    public void writeGraph(MoleculeRecord record, MolecularGraph graph) throws IOException {
        StringBuilder line = numbers;
        line.setLength(0);
        line.append(DELIMITER).append(graph.atomCount()).append(DELIMITER).append(graph.edgeCount()).append(DELIMITER);
        appendJoined(line, graph.atomFeatureMatrix());
        line.append(DELIMITER);
        appendJoined(line, graph.edgeSources());
        line.append(DELIMITER);
        appendJoined(line, graph.edgeTargets());
        line.append(DELIMITER);
        appendJoined(line, graph.edgeFeatureMatrix());
        printRecord(printer, record, kept, line);
    }

    /**
     * Writes one output record of a molecule: its row, its SMILES and the input columns {@code kept}, through
     * {@code printer} (quoted where they need it), then {@code numbers}, the fields that never need quoting, each with
     * its comma in front, written as they are. A number, numbers joined by spaces, {@code true}, {@code false} or an
     * empty field after the first has no delimiter, quote or line break, no first character at or below {@code #} and
     * no blank at the end, so Commons CSV would print the same characters; handing it a thousand fields one by one cost {@code featurize --format columns} more than the
     * fingerprints (JFR: the writing thread 47% of the samples), and scanning a prediction's numbers for quotes a fifth
     * of {@code predict}'s writing thread.
     *
     * @param printer a printer of {@link CSVFormat#DEFAULT}'s delimiter, at the start of a record
     */
    public static void printRecord(CSVPrinter printer, MoleculeRecord record, PassThrough.Columns kept,
                                   CharSequence numbers) throws IOException {
        printer.print(record.row());
        printer.print(record.smiles());
        kept.printValues(record, printer);
        printer.getOut().append(numbers);
        printer.println();
    }

    private static void appendJoined(StringBuilder sb, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendNumber(sb, values[i]);
        }
    }

    private static void appendJoined(StringBuilder sb, int[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(values[i]);
        }
    }

    /** Appends {@code f}: an integer without a decimal point, other values in Java's shortest round-trip form. */
    private static StringBuilder appendNumber(StringBuilder sb, float f) {
        if (f == Math.rint(f) && Math.abs(f) < 1e7f) {
            return sb.append((int) f);
        }
        return sb.append(Float.toString(f));
    }

    /** Flushes what is buffered to the underlying stream. */
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
