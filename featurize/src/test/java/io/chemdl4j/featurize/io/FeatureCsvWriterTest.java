package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.graph.MolecularGraph;

/**
 * The featurized CSV, line by line as computed by hand, and read back by Commons CSV's parser: the fields that may
 * need quoting (SMILES, the input's own columns) are quoted, the numbers are written as they are in every layout.
 */
class FeatureCsvWriterTest {
    /** A SMILES with a comma (quoted), and kept values with a quote, a line break and an empty one. */
    private static final MoleculeRecord RECORD = new MoleculeRecord(7, "C(C)O,x", null,
            Map.of("name", "say \"hi\"", "note", "two\nlines", "empty", ""));
    private static final PassThrough.Columns KEPT = new PassThrough.Columns(List.of("name", "note", "empty"),
            List.of("name", "note", "empty"));
    private static final String IDENTITY = "7,\"C(C)O,x\",\"say \"\"hi\"\"\",\"two\nlines\",";
    private static final float[] FEATURES = {0f, 1f, 0f, 2.5f, -3f, Float.NaN, 1e8f, -0f, 0.1f};

    @Test
    void eachLayoutWritesTheNumbersAsComputedByHand() throws IOException {
        assertEquals("row,smiles,name,note,empty,f0,f1,f2,f3,f4,f5,f6,f7,f8\n"
                        + IDENTITY + ",0,1,0,2.5,-3,NaN,1.0E8,0,0.1\n",
                write(FeatureCsvWriter.Layout.COLUMNS));
        assertEquals("row,smiles,name,note,empty,features\n" + IDENTITY + ",0 1 0 2.5 -3 NaN 1.0E8 0 0.1\n",
                write(FeatureCsvWriter.Layout.DENSE));
        // -0 is zero: not an on bit.
        assertEquals("row,smiles,name,note,empty,onbits\n" + IDENTITY + ",1 3 4 5 6 8\n",
                write(FeatureCsvWriter.Layout.ONBITS));
    }

    @Test
    void aRowWithoutKeptColumnsOrOnBitsStaysOneRecordOfItsColumns() throws IOException {
        StringWriter out = new StringWriter();
        try (FeatureCsvWriter writer = FeatureCsvWriter.forVectors(out, FeatureCsvWriter.Layout.ONBITS, List.of("a", "b"),
                PassThrough.Columns.none())) {
            writer.writeVector(new MoleculeRecord(0, "[He]", null, Map.of()), new float[]{0f, 0f});
            writer.writeVector(new MoleculeRecord(1, "CC", null, Map.of()), new float[]{1f, 1f});
        }
        assertEquals("row,smiles,onbits\n0,[He],\n1,CC,0 1\n", out.toString());
        List<CSVRecord> records = parse(out.toString());
        assertEquals(List.of("0", "[He]", ""), records.get(1).toList());
    }

    @Test
    void everyLayoutReadsBackAsItsValues() throws IOException {
        for (FeatureCsvWriter.Layout layout : FeatureCsvWriter.Layout.values()) {
            CSVRecord row = parse(write(layout)).get(1);
            assertEquals(List.of("7", "C(C)O,x", "say \"hi\"", "two\nlines", ""), row.toList().subList(0, 5), layout.name());
            List<String> numbers = row.toList().subList(5, row.size());
            switch (layout) {
                case COLUMNS -> assertEquals(List.of("0", "1", "0", "2.5", "-3", "NaN", "1.0E8", "0", "0.1"), numbers);
                case DENSE -> assertEquals(List.of("0 1 0 2.5 -3 NaN 1.0E8 0 0.1"), numbers);
                case ONBITS -> assertEquals(List.of("1 3 4 5 6 8"), numbers);
            }
        }
    }

    @Test
    void aGraphIsItsSizesThenItsArrays() throws IOException {
        // Ethanol's heavy atoms in a chain: 2 features per atom, 1 per directed bond.
        MolecularGraph graph = MolecularGraph.of(2, 1, new float[]{6, 1, 6, 2, 8, 1},
                new int[]{0, 1, 1, 2}, new int[]{1, 0, 2, 1}, new float[]{1, 1, 0.5f, 0.5f},
                new int[][]{{1}, {0, 2}, {1}}, new float[0]);
        StringWriter out = new StringWriter();
        try (FeatureCsvWriter writer = FeatureCsvWriter.forGraphs(out, KEPT)) {
            writer.writeGraph(RECORD, graph);
        }
        assertEquals("row,smiles,name,note,empty,atoms,edges,atom_features,edge_sources,edge_targets,edge_features\n"
                + IDENTITY + ",3,4,6 1 6 2 8 1,0 1 1 2,1 0 2 1,1 1 0.5 0.5\n", out.toString());
        assertEquals(List.of("3", "4", "6 1 6 2 8 1", "0 1 1 2", "1 0 2 1", "1 1 0.5 0.5"),
                parse(out.toString()).get(1).toList().subList(5, 11));
    }

    private static String write(FeatureCsvWriter.Layout layout) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FEATURES.length; i++) {
            names.add("f" + i);
        }
        StringWriter out = new StringWriter();
        try (FeatureCsvWriter writer = FeatureCsvWriter.forVectors(out, layout, names, KEPT)) {
            writer.writeVector(RECORD, FEATURES);
        }
        return out.toString();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }
}
