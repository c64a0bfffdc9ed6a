package io.chemdl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screening job on {@code local[*]} (every core) against {@code chemdl predict}'s own output. */
class ScreeningJobTest {
    @TempDir
    static Path work;
    static SparkSession spark;
    static Path model;

    @BeforeAll
    static void start() throws IOException {
        model = SparkTestSupport.tox21Model();
        spark = SparkTestSupport.local("*");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * MUV's 93,127 molecules, spread over 3 partitions: the same (id, prediction) rows as chemdl predict. Slow tier
     * (about 25 s), as the next test.
     */
    @Test
    @Tag("slow")
    void muvPredictionsEqualChemdlPredictValueForValue() throws IOException {
        Path muv = SparkTestSupport.muv();
        SparkTestSupport.Predictions expected = SparkTestSupport.muvPredictions();
        assertEquals(93_127, expected.byId().size());
        String out = work.resolve("muv.parquet").toString();
        ScreeningJob.Summary summary = ScreeningJob.run(spark, ScreeningJob.Options.of(model.toString(),
                new MoleculeSource(muv.toString(), null, null, "mol_id"), out).withPartitions(3), null);
        assertEquals(93_127, summary.predicted() + summary.failed());
        assertEquals(summary.predicted(), summary.written());
        SparkTestSupport.assertSamePredictions(expected, SparkTestSupport.screened(spark, out, "parquet"));
        assertTrue(Files.exists(Path.of(out + "-failed", "_SUCCESS")));
    }

    /**
     * A library read in many small partitions (about 500 rows each, so chemdl predict's chunks of 1,024 rows span two
     * or three of them) is screened where it lies, without a shuffle, and still gives chemdl predict's numbers.
     */
    @Test
    @Tag("slow")
    void smallPartitionsInPlaceEqualChemdlPredict() throws IOException {
        Path csv = SparkTestSupport.muvHead(20_000, work.resolve("muv-plain.csv"));
        SparkTestSupport.Predictions expected = SparkTestSupport.chemdlPredict(model, csv, "mol_id",
                Files.createDirectories(work.resolve("plain-predict")));
        String out = work.resolve("plain.parquet").toString();
        spark.conf().set("spark.sql.files.maxPartitionBytes", "40000");
        try {
            assertTrue(new MoleculeSource(csv.toString(), null, null, "mol_id").readNumbered(spark)
                    .getNumPartitions() > 20);
            ScreeningJob.run(spark, ScreeningJob.Options.of(model.toString(), new MoleculeSource(csv.toString(), null,
                    null, "mol_id"), out), null);
        } finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }
        SparkTestSupport.assertSamePredictions(expected, SparkTestSupport.screened(spark, out, "parquet"));
    }

    /**
     * Broken molecules are listed with chemdl predict's reasons and never fail a task; without an id column the id is
     * the row number chemdl predict gives; a .smi file is read as chemdl reads it; CSV output holds the same values.
     */
    @Test
    void brokenMoleculesAreListedAndTheRestPredicted() throws IOException {
        Path smi = work.resolve("mixed.smi");
        Files.writeString(smi, String.join("\n", "# a comment", "CCO ethanol", "C1CC unclosed ring", "",
                "c1ccccc1O phenol", "Xx1 no element", "C(C)(C)(C)(C)C pentavalent", "CC(=O)Oc1ccccc1C(=O)O aspirin",
                "") + "\n");
        SparkTestSupport.Predictions expected = SparkTestSupport.chemdlPredict(model, smi, null,
                Files.createDirectories(work.resolve("mixed-predict")));
        String out = work.resolve("mixed-csv").toString();
        ScreeningJob.Summary summary = ScreeningJob.run(spark, ScreeningJob.Options.of(model.toString(),
                MoleculeSource.of(smi.toString()), out).withFormat(ScreeningJob.OutputFormat.CSV).withPartitions(2),
                null);
        assertEquals(3, summary.predicted());
        assertEquals(3, summary.failed());
        SparkTestSupport.assertSamePredictions(expected, SparkTestSupport.screened(spark, out, "csv"));

        List<String> chemdlErrors = Files.readAllLines(work.resolve("mixed-predict/chemdl-errors.csv"));
        List<String> sparkErrors = new ArrayList<>();
        try (Stream<Path> parts = Files.list(Path.of(out + "-failed"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                List<String> lines = Files.readAllLines(part);
                assertEquals("id,smiles,reason", lines.get(0));
                sparkErrors.addAll(lines.subList(1, lines.size()));
            }
        }
        // chemdl predict lists file,row,smiles,reason... the same rows and reasons, whatever the columns around them
        assertEquals(3, sparkErrors.size(), sparkErrors.toString());
        for (String row : sparkErrors) {
            String reason = row.substring(row.indexOf(',', row.indexOf(',') + 1) + 1);
            assertTrue(chemdlErrors.stream().anyMatch(line -> line.endsWith(reason)), row + " not in " + chemdlErrors);
        }
        try (Stream<Path> left = Files.list(Path.of(out + "-failed"))) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().equals("_temporary")));
        }
    }

    /** The top N and top fraction per task are those of chemdl predict's output sorted, ties by id. */
    @Test
    void topSelectionKeepsEachTasksBest() throws IOException {
        Path csv = SparkTestSupport.muvHead(3000, work.resolve("muv-3000.csv"));
        List<String> lines = Files.readAllLines(csv);
        SparkTestSupport.Predictions all = SparkTestSupport.chemdlPredict(model, csv, "mol_id",
                Files.createDirectories(work.resolve("top-predict")));
        List<String> order = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[17]).toList();

        for (ScreeningJob.Selection selection : List.of(new ScreeningJob.Selection(25, 0, false),
                new ScreeningJob.Selection(0, 0.01, true))) {
            String out = work.resolve("top-" + selection.top() + "-" + selection.ascending()).toString();
            ScreeningJob.run(spark, ScreeningJob.Options.of(model.toString(), new MoleculeSource(csv.toString(), null,
                    null, "mol_id"), out).withPartitions(4).withSelection(selection), null);
            List<Row> kept = spark.read().parquet(out).collectAsList();
            int keep = selection.top() > 0 ? 25 : (int) Math.ceil(0.01 * all.byId().size());
            List<String> tasks = all.columns();
            java.util.Set<String> expectedIds = new java.util.HashSet<>();
            for (int t = 0; t < tasks.size(); t++) {
                int task = t;
                Comparator<String> best = Comparator.comparingDouble((String id) -> all.byId().get(id)[task]);
                if (!selection.ascending()) {
                    best = best.reversed();
                }
                List<String> ranked = order.stream().sorted(best.thenComparing(Comparator.naturalOrder())).limit(keep)
                        .toList();
                expectedIds.addAll(ranked);
                Map<String, Integer> ranks = kept.stream().filter(r -> !r.isNullAt(r.fieldIndex(tasks.get(task)
                        + "_rank"))).collect(Collectors.toMap(r -> r.getString(0), r -> r.getInt(r.fieldIndex(
                        tasks.get(task) + "_rank"))));
                assertEquals(keep, ranks.size(), tasks.get(task));
                for (int i = 0; i < keep; i++) {
                    assertEquals(i + 1, ranks.get(ranked.get(i)), tasks.get(task) + " rank of " + ranked.get(i));
                }
            }
            assertEquals(expectedIds, kept.stream().map(r -> r.getString(0)).collect(Collectors.toSet()));
        }
    }

    /** With uncertainty (the network was trained with dropout) each value has its spread beside it. */
    @Test
    void uncertaintyAddsEachValuesSpread() throws IOException {
        Path csv = Files.writeString(work.resolve("three.csv"), "name,smiles\na,CCO\nb,c1ccccc1O\nc,CCN\n");
        String out = work.resolve("uncertain").toString();
        ScreeningJob.run(spark, ScreeningJob.Options.of(model.toString(), new MoleculeSource(csv.toString(), null, null,
                "name"), out).withUncertainty(20, 7), null);
        List<Row> rows = spark.read().parquet(out).collectAsList();
        assertEquals(3, rows.size());
        List<String> columns = List.of(rows.get(0).schema().fieldNames());
        SparkTestSupport.Predictions plain = SparkTestSupport.chemdlPredict(model, csv, "name",
                Files.createDirectories(work.resolve("uncertain-predict")));
        assertEquals(2 + 2 * plain.columns().size(), columns.size(), columns.toString());
        for (Row row : rows) {
            for (String task : plain.columns()) {
                float std = row.getFloat(columns.indexOf(task + "_std"));
                assertTrue(std > 0 && std < 0.5, task + "_std " + std);
                assertEquals(plain.byId().get(row.getString(0))[plain.columns().indexOf(task)],
                        row.getFloat(columns.indexOf(task)), "the plain prediction stays beside the spread");
            }
        }
    }

    /** What can be checked before the job starts is, each in one line naming what is wrong. */
    @Test
    void badRequestsAreOneLineErrorsBeforeAnyWork() throws IOException {
        Path csv = work.resolve("two.csv");
        Files.writeString(csv, "name,smiles\na,CCO\nb,CCN\n");
        String out = work.resolve("never").toString();
        IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class, () -> ScreeningJob.run(spark,
                ScreeningJob.Options.of(work.resolve("no-model").toString(), MoleculeSource.of(csv.toString()), out),
                null));
        assertTrue(noModel.getMessage().contains("no such model directory"), noModel.getMessage());
        IllegalArgumentException noColumn = assertThrows(IllegalArgumentException.class, () -> ScreeningJob.run(spark,
                ScreeningJob.Options.of(model.toString(), new MoleculeSource(csv.toString(), null, "SMILES", null),
                        out), null));
        assertEquals(csv + ": no column 'SMILES' (columns: [name, smiles]); name it with --smiles-column",
                noColumn.getMessage());
        IllegalArgumentException noInput = assertThrows(IllegalArgumentException.class, () -> ScreeningJob.run(spark,
                ScreeningJob.Options.of(model.toString(), MoleculeSource.of(work.resolve("absent.csv").toString()),
                        out), null));
        assertTrue(noInput.getMessage().startsWith(work.resolve("absent.csv") + ": cannot read it as csv: "),
                noInput.getMessage());
        assertFalse(noInput.getMessage().contains("\n"));
        assertFalse(Files.exists(Path.of(out)));
        Files.createDirectories(work.resolve("taken"));
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> ScreeningJob.run(spark,
                ScreeningJob.Options.of(model.toString(), MoleculeSource.of(csv.toString()),
                        work.resolve("taken").toString()), null));
        assertEquals(work.resolve("taken") + " exists; choose another or overwrite it (--overwrite)",
                exists.getMessage());
    }
}
