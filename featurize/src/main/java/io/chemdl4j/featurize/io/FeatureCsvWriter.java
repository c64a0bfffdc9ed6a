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

    private final CSVPrinter printer;
    private final Layout layout;
    private final PassThrough.Columns kept;

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
        List<Object> values = new ArrayList<>(features.length + 2 + kept.input().size());
        values.add(record.row());
        values.add(record.smiles());
        kept.appendValues(record, values);
        switch (layout) {
            case ONBITS -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < features.length; i++) {
                    if (features[i] != 0f) {
                        if (sb.length() > 0) {
                            sb.append(' ');
                        }
                        sb.append(i);
                    }
                }
                values.add(sb.toString());
            }
            case DENSE -> values.add(join(features));
            case COLUMNS -> {
                for (float f : features) {
                    values.add(format(f));
                }
            }
        }
        printer.printRecord(values);
    }

    /** Writes one molecule's graph: its row, SMILES, kept input columns and the graph's arrays. */
    public void writeGraph(MoleculeRecord record, MolecularGraph graph) throws IOException {
        List<Object> values = new ArrayList<>(8 + kept.input().size());
        values.add(record.row());
        values.add(record.smiles());
        kept.appendValues(record, values);
        values.addAll(List.of(graph.atomCount(), graph.edgeCount(), join(graph.atomFeatureMatrix()),
                join(graph.edgeSources()), join(graph.edgeTargets()), join(graph.edgeFeatureMatrix())));
        printer.printRecord(values);
    }

    private static String join(float[] values) {
        StringBuilder sb = new StringBuilder(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(format(values[i]));
        }
        return sb.toString();
    }

    private static String join(int[] values) {
        StringBuilder sb = new StringBuilder(values.length * 3);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }

    /** Integers without a decimal point; other values in Java's shortest round-trip form. */
    static String format(float f) {
        if (f == Math.rint(f) && Math.abs(f) < 1e7f) {
            return Integer.toString((int) f);
        }
        return Float.toString(f);
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
