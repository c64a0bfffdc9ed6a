package io.chemdl4j.featurize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads native RDKit's reference values from {@code ../shared/oracle/rdkit} (see its README): one
 * row per input molecule with RDKit's Morgan on-bits or its 208 descriptors.
 */
public final class RdkitOracle {
    /** Datasets the oracle covers. */
    public static final List<String> DATASETS = List.of("tox21", "delaney", "curated-solubility-dataset");

    private RdkitOracle() {
    }

    /** The oracle directory: {@code $CHEMDL_ORACLE_DIR}, else {@code shared/oracle/rdkit} beside the checkout. */
    public static Path directory() {
        String env = System.getenv("CHEMDL_ORACLE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).resolve("rdkit");
        }
        Path dir = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/oracle/rdkit");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("oracle/rdkit");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        return dir.resolveSibling("shared").resolve("oracle/rdkit");
    }

    public static boolean available() {
        return Files.isDirectory(directory());
    }

    /** One oracle row: its columns by header name. */
    public record Row(int row, String smiles, boolean ok, Map<String, String> values) {
        public String get(String column) {
            return values.get(column);
        }
    }

    /** Every row of {@code <dataset>_<kind>.csv.gz}, kind "morgan" or "descriptors". */
    public static List<Row> read(String dataset, String kind) throws IOException {
        Path file = directory().resolve(dataset + "_" + kind + ".csv.gz");
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(false).build().parse(reader)) {
            for (CSVRecord r : parser) {
                rows.add(new Row(Integer.parseInt(r.get("row")), r.get("smiles"), r.get("ok").equals("1"), r.toMap()));
            }
        }
        return rows;
    }
}
