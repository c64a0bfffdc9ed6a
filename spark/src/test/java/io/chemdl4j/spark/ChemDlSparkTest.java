package io.chemdl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chemdl-spark}: one line and exit code 2 for a bad request, the summary and 0 for a run. */
class ChemDlSparkTest {
    @TempDir
    Path work;

    /** The command: exit code 2 and one line for a missing column; 0 and the summary for a run. */
    @Test
    void commandLineReportsInOneLine() throws IOException {
        Path csv = work.resolve("cli.csv");
        Files.writeString(csv, "id,smiles\nm1,CCO\nm2,c1ccccc1\n");
        Path model = SparkTestSupport.tox21Model();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.chemdl4j.spark.cli.ChemDlSpark.execute(new String[] {"screen", "--model", model.toString(),
                "--input", csv.toString(), "--smiles-column", "smi", "--output", work.resolve("cli-out").toString(),
                "--master", "local[2]", "--quiet"}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err));
        assertEquals(2, code);
        assertEquals("screen: " + csv + ": no column 'smi' (columns: [id, smiles]); name it with --smiles-column",
                err.toString().strip());
        java.io.StringWriter err2 = new java.io.StringWriter();
        code = io.chemdl4j.spark.cli.ChemDlSpark.execute(new String[] {"screen", "--model", model.toString(),
                "--input", csv.toString(), "--id-column", "id", "--output", work.resolve("cli-out").toString(),
                "--master", "local[2]", "--quiet", "--output-format", "csv"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err2));
        assertEquals(0, code, err2.toString());
        assertTrue(err2.toString().startsWith("screened 2 molecules (0 failed"), err2.toString());
        // the command stopped its session; this is a new one
        try (SparkSession spark = SparkTestSupport.local("1")) {
            assertEquals(2, SparkTestSupport.screened(spark, work.resolve("cli-out").toString(), "csv").byId().size());
        }
    }
}
