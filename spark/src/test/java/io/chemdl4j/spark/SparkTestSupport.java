package io.chemdl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.chemdl4j.featurize.io.PassThrough;
import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.StreamingPredictor;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataFiles;

/** What the Spark tests share: a Tox21 model, MUV, a local session, and chemdl predict's output to compare with. */
final class SparkTestSupport {
    private static final String CHEMDL_PREDICT_CSV = "chemdl-predict.csv";

    private SparkTestSupport() {
    }

    /**
     * A Tox21 multitask network (ECFP4, 3 epochs, seed 0), trained once into {@code target/test-models} and reused by
     * the unit and the integration tests.
     */
    static synchronized Path tox21Model() throws IOException {
        Path dir = Path.of("target", "test-models", "tox21-multitask").toAbsolutePath();
        if (!Files.exists(dir.resolve(ModelIO.MANIFEST))) {
            deleteTree(muvPredictionsDirectory()); // made by the model this one replaces
            Experiment.run(ExperimentConfig.defaults(MolNetDataset.TOX21, 0).withEpochs(3)).saver().save(dir);
        }
        return dir;
    }

    /** MUV's 93,127 molecules (id column {@code mol_id}); a missing file fails the test. */
    static Path muv() {
        Path muv = DataFiles.findLocal("muv.csv.gz", null);
        assertNotNull(muv, "set CHEMDL_DATA_DIR to the shared data directory (muv.csv.gz)");
        return muv;
    }

    /** MUV's header and first {@code molecules} rows, uncompressed, in {@code file}. */
    static Path muvHead(int molecules, Path file) throws IOException {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(muv()))))) {
            return Files.write(file, in.lines().limit(molecules + 1L).toList());
        }
    }

    /** A session on {@code cores} of this machine's cores ({@code *}: all), quiet, without UI. */
    static SparkSession local(String cores) {
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
        return SparkSession.builder().master("local[" + cores + "]").appName("chemdl4j-spark-test")
                .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", 4).getOrCreate();
    }

    /** One output's rows: id, then its values by column. */
    record Predictions(List<String> columns, Map<String, float[]> byId) {
    }

    /**
     * What {@code chemdl predict} writes for all of MUV with {@link #tox21Model()}: predicted once per model into
     * {@code target/test-models} and read again by the unit and the integration tests, which compare their Spark
     * jobs' outputs with it.
     */
    static synchronized Predictions muvPredictions() throws IOException {
        Path model = tox21Model();
        Path dir = muvPredictionsDirectory();
        if (!Files.exists(dir)) {
            Path staged = Files.createTempDirectory(dir.getParent(), "muv-predictions-");
            runChemdlPredict(model, muv(), "mol_id", staged);
            Files.move(staged, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return readChemdlPredictions(dir.resolve(CHEMDL_PREDICT_CSV), "mol_id");
    }

    private static Path muvPredictionsDirectory() {
        return Path.of("target", "test-models", "tox21-multitask-muv-predictions").toAbsolutePath();
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * What {@code chemdl predict} writes for {@code input} with {@code model} (its library, {@link StreamingPredictor}),
     * by id: the {@code idColumn} value, or the row number without one.
     */
    static Predictions chemdlPredict(Path model, Path input, String idColumn, Path work) throws IOException {
        return readChemdlPredictions(runChemdlPredict(model, input, idColumn, work), idColumn);
    }

    /** Runs {@code chemdl predict}'s library into {@code work}; returns the predictions file. */
    private static Path runChemdlPredict(Path model, Path input, String idColumn, Path work) throws IOException {
        StreamingPredictor.Options options = StreamingPredictor.Options.defaults().withKeep(idColumn == null
                ? PassThrough.none() : PassThrough.none().withIdColumn(idColumn));
        Path out = work.resolve(CHEMDL_PREDICT_CSV);
        try {
            new StreamingPredictor(ModelIO.load(model), options).run(input, out, work.resolve("chemdl-errors.csv"),
                    null);
        } catch (io.chemdl4j.featurize.io.InputFileException e) {
            throw new IOException(e);
        }
        return out;
    }

    /** A file {@code chemdl predict} wrote, by id ({@code idColumn}, or the row number without one). */
    private static Predictions readChemdlPredictions(Path out, String idColumn) throws IOException {
        try (Reader r = Files.newBufferedReader(out)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
            List<String> header = parser.getHeaderNames();
            int first = idColumn == null ? 2 : 3;
            List<String> columns = header.subList(first, header.size());
            Map<String, float[]> rows = new HashMap<>();
            for (CSVRecord rec : parser) {
                float[] v = new float[columns.size()];
                for (int c = 0; c < v.length; c++) {
                    v[c] = Float.parseFloat(rec.get(first + c));
                }
                String id = idColumn == null ? rec.get(0) : rec.get(2);
                assertEquals(null, rows.put(id, v), "id " + id + " twice");
            }
            return new Predictions(List.copyOf(columns), rows);
        }
    }

    /** A screening output's rows by id, the columns after {@code id, smiles}. */
    static Predictions screened(SparkSession spark, String output, String format) {
        var frame = format.equals("csv") ? spark.read().option("header", true).option("inferSchema", false).csv(output)
                : spark.read().parquet(output);
        List<String> columns = new ArrayList<>(List.of(frame.columns()).subList(2, frame.columns().length));
        Map<String, float[]> rows = new HashMap<>();
        for (Row row : frame.collectAsList()) {
            float[] v = new float[columns.size()];
            for (int c = 0; c < v.length; c++) {
                Object o = row.get(2 + c);
                v[c] = o instanceof String s ? Float.parseFloat(s) : ((Number) o).floatValue();
            }
            assertEquals(null, rows.put(row.getString(0), v), "id " + row.getString(0) + " twice");
        }
        return new Predictions(columns, rows);
    }

    /** Asserts that two outputs hold the same ids, columns and values, value for value. */
    static void assertSamePredictions(Predictions expected, Predictions actual) {
        assertEquals(expected.columns(), actual.columns(), "columns");
        assertEquals(expected.byId().keySet(), actual.byId().keySet(), "ids");
        int differ = 0;
        String example = null;
        for (var e : expected.byId().entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), actual.byId().get(e.getKey()))) {
                differ++;
                example = example != null ? example : e.getKey() + ": " + java.util.Arrays.toString(e.getValue())
                        + " vs " + java.util.Arrays.toString(actual.byId().get(e.getKey()));
            }
        }
        assertEquals(0, differ, "rows whose predictions differ, e.g. " + example);
    }
}
