package io.chemdl4j.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A molecule library as Spark reads it: CSV or TSV with a header (RFC 4180 quoting), {@code .smi} (SMILES, then an
 * optional whitespace-separated name; blank lines and {@code #} comments skipped), each gzipped or not, or Parquet.
 * It becomes two string columns, {@code id} and {@code smiles}: the id is the named column's value, or without one
 * the record's 0-based data row, as {@code chemdl predict} numbers rows (numbering a file costs Spark one more pass
 * over it).
 *
 * @param path         file, directory or glob (any Hadoop file system)
 * @param format       how to read it
 * @param smilesColumn the SMILES column of CSV, TSV and Parquet
 * @param idColumn     the column that identifies molecules ({@code name} for .smi), or {@code null} to number rows
 */
public record MoleculeSource(String path, Format format, String smilesColumn, String idColumn) {
    /** The id column of the rows a source gives. */
    public static final String ID = "id";
    /** The SMILES column of the rows a source gives. */
    public static final String SMILES = "smiles";

    /** The formats a library can have. */
    public enum Format {
        /** Comma-separated with a header line. */
        CSV,
        /** Tab-separated with a header line. */
        TSV,
        /** SMILES per line, optional name after whitespace. */
        SMI,
        /** Apache Parquet. */
        PARQUET;

        /**
         * The format a file's name says ({@code .csv}, {@code .tsv}, {@code .smi}/{@code .smiles}/{@code .ism},
         * {@code .parquet}; a trailing {@code .gz} ignored).
         *
         * @throws IllegalArgumentException when the name says none of them
         */
        public static Format of(String path) {
            String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            if (name.endsWith(".gz")) {
                name = name.substring(0, name.length() - 3);
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".tsv") || name.endsWith(".tab")) {
                return TSV;
            }
            if (name.endsWith(".smi") || name.endsWith(".smiles") || name.endsWith(".ism")) {
                return SMI;
            }
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            throw new IllegalArgumentException(path + ": cannot tell the format from the name; name it (csv, tsv, smi "
                    + "or parquet)");
        }

        /** By name, any case. */
        public static Format named(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown input format '" + name + "'; known: "
                        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList(), e);
            }
        }
    }

    public MoleculeSource {
        java.util.Objects.requireNonNull(path, "path");
        format = format == null ? Format.of(path) : format;
        smilesColumn = smilesColumn == null ? SMILES : smilesColumn;
    }

    /** {@code path} in the format its name says, SMILES in column {@code smiles}, rows numbered. */
    public static MoleculeSource of(String path) {
        return new MoleculeSource(path, null, null, null);
    }

    /**
     * The library as rows of {@code id, smiles} (both strings, SMILES never null).
     *
     * @throws IllegalArgumentException when it cannot be read or lacks a column named, in one line naming the file
     */
    public Dataset<Row> read(SparkSession spark) {
        Dataset<Row> molecules = columns(spark);
        if (idColumn != null) {
            return molecules;
        }
        return spark.createDataFrame(readNumbered(molecules).values().map(m -> RowFactory.create(m._1(), m._2())),
                schema());
    }

    /**
     * The library as pairs of {@code (id, smiles)}, each keyed by its 0-based data row (what {@code chemdl predict}
     * calls {@code row}); numbering costs Spark a pass over the input when it has more than one partition. Tuples, not
     * rows, so that a shuffle moves only the two strings.
     *
     * @throws IllegalArgumentException when it cannot be read or lacks a column named, in one line naming the file
     */
    public JavaPairRDD<Long, scala.Tuple2<String, String>> readNumbered(SparkSession spark) {
        return readNumbered(columns(spark));
    }

    private JavaPairRDD<Long, scala.Tuple2<String, String>> readNumbered(Dataset<Row> molecules) {
        boolean numberedIds = idColumn == null;
        return molecules.javaRDD().zipWithIndex().mapToPair(pair -> new scala.Tuple2<>(pair._2(), new scala.Tuple2<>(
                numberedIds ? Long.toString(pair._2()) : pair._1().getString(0), pair._1().getString(1))));
    }

    /** {@code id} (the id column's, or null when rows are to be numbered) and {@code smiles}. */
    private Dataset<Row> columns(SparkSession spark) {
        Dataset<Row> raw = switch (format) {
            case CSV, TSV -> readOrExplain(() -> spark.read().option("header", true).option("sep",
                    format == Format.TSV ? "\t" : ",").option("quote", "\"").option("escape", "\"")
                    .option("mode", "PERMISSIVE").csv(path));
            case PARQUET -> readOrExplain(() -> spark.read().parquet(path));
            case SMI -> smi(readOrExplain(() -> spark.read().text(path)));
        };
        List<String> columns = Arrays.asList(raw.columns());
        String smiles = format == Format.SMI ? SMILES : smilesColumn;
        requireColumn(columns, smiles, "--smiles-column");
        Column id = functions.lit(null).cast(DataTypes.StringType);
        if (idColumn != null) {
            requireColumn(columns, idColumn, "--id-column");
            id = raw.col(quoted(idColumn)).cast(DataTypes.StringType);
        }
        return raw.select(id.as(ID), functions.coalesce(raw.col(quoted(smiles)).cast(DataTypes.StringType),
                functions.lit("")).as(SMILES));
    }

    /** {@code id, smiles}, both strings (an id column may have empty values). */
    public static StructType schema() {
        return new StructType().add(ID, DataTypes.StringType, true).add(SMILES, DataTypes.StringType, false);
    }

    /** A .smi file's lines as {@code smiles, name}, without blank and comment lines. */
    private static Dataset<Row> smi(Dataset<Row> lines) {
        Dataset<Row> kept = lines.filter(functions.not(functions.col("value").rlike("^\\s*$"))
                .and(functions.not(functions.col("value").startsWith("#"))));
        org.apache.spark.sql.Column line = functions.trim(functions.col("value"));
        org.apache.spark.sql.Column parts = functions.split(line, "\\s+", 2);
        return kept.select(parts.getItem(0).as(SMILES),
                functions.coalesce(functions.trim(parts.getItem(1)), functions.lit("")).as("name"));
    }

    private void requireColumn(List<String> columns, String name, String option) {
        if (!columns.contains(name)) {
            throw new IllegalArgumentException(path + ": no column '" + name + "' (columns: " + columns + "); name it "
                    + "with " + option);
        }
    }

    /** A column name as Spark resolves it literally (dots and the like not read as paths). */
    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private Dataset<Row> readOrExplain(java.util.function.Supplier<Dataset<Row>> read) {
        try {
            return read.get();
        } catch (Exception e) { // Spark's AnalysisException is checked, thrown undeclared from Scala
            if (e instanceof org.apache.spark.sql.AnalysisException a) {
                throw new IllegalArgumentException(path + ": cannot read it as " + format.name().toLowerCase(Locale.ROOT)
                        + ": " + firstLine(a.getMessage()), e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The first line of a Spark message, without its error class. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.replaceFirst("^\\[[A-Z_.]+\\]\\s*", "");
    }
}
