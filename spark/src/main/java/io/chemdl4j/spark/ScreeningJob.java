package io.chemdl4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.models.predict.StreamingPredictor;

/**
 * Screens a molecule library with a saved model on Spark: reads it ({@link MoleculeSource}), featurizes and predicts
 * every partition in chunks on the executors (each loads the model once; {@link PartitionScreener}), and writes
 * {@code id, smiles, <value…>} (the columns of {@code chemdl predict}: probabilities of class 1, original units, or the
 * most probable class then {@code <task>_p<class>}; with uncertainty {@code <value>_std}) as Parquet or CSV, with the
 * molecules that could not be featurized in a directory of their own ({@code id,smiles,reason}). For the same input
 * and model the (id, prediction) rows equal those of {@code chemdl predict}, value for value.
 *
 * <p>A campaign that keeps only the best molecules asks for a {@link Selection}: the top N or top fraction per task,
 * each kept molecule with its rank per task ({@code <task>_rank}, empty where it is not among that task's best).
 */
public final class ScreeningJob {
    private static final String KEY = "_key";

    /** How the job's output is written. */
    public enum OutputFormat {
        /** Apache Parquet. */
        PARQUET,
        /** CSV with a header line. */
        CSV;

        /** By name, any case. */
        public static OutputFormat named(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown output format '" + name + "'; known: parquet, csv", e);
            }
        }
    }

    /**
     * Which molecules to keep per task: the {@code top} best, or the best {@code fraction} of those predicted (which
     * needs the predictions counted first: they are kept on the executors' memory and disk in between).
     *
     * @param top       molecules kept per task, or 0
     * @param fraction  fraction in (0, 1] kept per task, or 0
     * @param ascending whether the lowest values are best (a regressor of, say, toxicity); highest otherwise
     */
    public record Selection(long top, double fraction, boolean ascending) implements java.io.Serializable {
        public Selection {
            if (top < 0 || !(fraction >= 0 && fraction <= 1) || (top > 0 && fraction > 0)) {
                throw new IllegalArgumentException("keep either the top N (N >= 1) or a top fraction in (0, 1], not both");
            }
        }

        /** Every molecule. */
        public static Selection all() {
            return new Selection(0, 0, false);
        }

        /** Whether only some molecules are kept. */
        public boolean selects() {
            return top > 0 || fraction > 0;
        }
    }

    /**
     * What to screen and how.
     *
     * @param model       the saved model's directory, on the driver's file system
     * @param input       the library
     * @param output      the output directory (any Hadoop file system)
     * @param format      its format
     * @param errors      the directory of the rows that failed ({@code null}: {@code <output>-failed})
     * @param uncertainty Monte-Carlo dropout or ensemble samples for {@code <value>_std}; 0 for none
     * @param seed        seed of the dropout masks (each partition's chunks draw their own from it)
     * @param partitions  partitions to spread the library over (whole blocks of {@code chunkSize} rows each, by a
     *                    shuffle), or 0 for the input's own when it has one per core at least (else two per core)
     * @param chunkSize   data rows featurized and predicted together, as {@code chemdl predict}'s chunks (the same
     *                    size gives the same batches, so the same numbers), or 0 for the model's own, as there
     * @param limits      molecules past these are failed rows
     * @param fragments   what to do with salts and mixtures (as when the training data was read: keep)
     * @param selection   which molecules to keep
     * @param overwrite   whether an existing output (and errors directory) is replaced
     */
    public record Options(String model, MoleculeSource input, String output, OutputFormat format, String errors,
                          int uncertainty, long seed, int partitions, int chunkSize, MoleculeLimits limits,
                          FragmentPolicy fragments, Selection selection, boolean overwrite) {
        public Options {
            java.util.Objects.requireNonNull(model, "model");
            java.util.Objects.requireNonNull(input, "input");
            java.util.Objects.requireNonNull(output, "output");
            format = format == null ? OutputFormat.PARQUET : format;
            errors = errors == null ? output.replaceAll("/+$", "") + "-failed" : errors;
            limits = limits == null ? MoleculeLimits.defaults() : limits;
            fragments = fragments == null ? FragmentPolicy.KEEP_ALL : fragments;
            selection = selection == null ? Selection.all() : selection;
            if (uncertainty < 0 || partitions < 0 || chunkSize < 0) {
                throw new IllegalArgumentException("uncertainty samples, partitions and chunk size must be >= 0");
            }
        }

        /** {@code model} over {@code input} into Parquet {@code output}, with the library's defaults. */
        public static Options of(String model, MoleculeSource input, String output) {
            return new Options(model, input, output, OutputFormat.PARQUET, null, 0, 0, 0,
                    StreamingPredictor.Options.defaults().chunkSize(), null, null, null, false);
        }

        /** With the output written as {@code f}. */
        public Options withFormat(OutputFormat f) {
            return new Options(model, input, output, f, errors, uncertainty, seed, partitions, chunkSize, limits,
                    fragments, selection, overwrite);
        }

        /** With the failed rows written to {@code dir}. */
        public Options withErrors(String dir) {
            return new Options(model, input, output, format, dir, uncertainty, seed, partitions, chunkSize, limits,
                    fragments, selection, overwrite);
        }

        /** With {@code samples} dropout or ensemble samples per molecule drawn from {@code s}. */
        public Options withUncertainty(int samples, long s) {
            return new Options(model, input, output, format, errors, samples, s, partitions, chunkSize, limits,
                    fragments, selection, overwrite);
        }

        /** With the library spread over {@code n} partitions (0: as read). */
        public Options withPartitions(int n) {
            return new Options(model, input, output, format, errors, uncertainty, seed, n, chunkSize, limits,
                    fragments, selection, overwrite);
        }

        /** With the molecule limits {@code l}. */
        public Options withLimits(MoleculeLimits l) {
            return new Options(model, input, output, format, errors, uncertainty, seed, partitions, chunkSize, l,
                    fragments, selection, overwrite);
        }

        /** Keeping the molecules {@code s} selects. */
        public Options withSelection(Selection s) {
            return new Options(model, input, output, format, errors, uncertainty, seed, partitions, chunkSize, limits,
                    fragments, s, overwrite);
        }

        /** Replacing an existing output or not. */
        public Options withOverwrite(boolean o) {
            return new Options(model, input, output, format, errors, uncertainty, seed, partitions, chunkSize, limits,
                    fragments, selection, o);
        }
    }

    /**
     * Counts of one run (a retried task may count its rows twice).
     *
     * @param predicted molecules predicted
     * @param failed    molecules that could not be featurized, listed in the errors directory
     * @param written   rows written (all predicted ones, or those selected)
     * @param seconds   wall-clock time of the job
     */
    public record Summary(long predicted, long failed, long written, double seconds) {
    }

    private ScreeningJob() {
    }

    /**
     * Screens {@code options.input()} with {@code options.model()}. Everything that can be checked before the job
     * starts is (the model loads; the columns exist; the outputs do not, unless overwriting; the model gives
     * uncertainty if asked), each failure an {@link IllegalArgumentException} of one line.
     *
     * @param progress told the job's progress on the driver, or {@code null}
     */
    public static Summary run(SparkSession spark, Options options, JobProgress progress) throws IOException {
        return run(spark, options, load(options.model()), progress);
    }

    /**
     * {@link #run(SparkSession, Options, JobProgress)} with the model already loaded from {@code options.model()} by
     * {@link #load} (a command loads it while Spark starts).
     */
    public static Summary run(SparkSession spark, Options options, SavedModel model, JobProgress progress)
            throws IOException {
        long start = System.nanoTime();
        // the checks chemdl predict makes of a model and its options
        new StreamingPredictor(model, StreamingPredictor.Options.defaults().withUncertainty(options.uncertainty(),
                options.seed()));
        if (options.selection().selects() && model.model().classes() > 0) {
            throw new IllegalArgumentException("--top and --top-fraction rank one value per task; this model is "
                    + "multiclass");
        }
        org.apache.spark.api.java.JavaPairRDD<Long, scala.Tuple2<String, String>> molecules =
                options.input().readNumbered(spark);
        int chunkSize = StreamingPredictor.chunkSize(model.inputs(), options.chunkSize());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        requireAbsent(options.output(), options.overwrite(), conf);
        FailedRows.prepare(options.errors(), options.overwrite(), conf);
        // The model travels to the executors as one zip broadcast (Spark ships no directories, and a broadcast reaches
        // every executor whatever the deployment), unpacked and loaded once per executor.
        org.apache.spark.broadcast.Broadcast<byte[]> archive = new org.apache.spark.api.java.JavaSparkContext(
                spark.sparkContext()).broadcast(ModelArchive.zip(Path.of(options.model())));
        LongAccumulator predicted = spark.sparkContext().longAccumulator("molecules predicted");
        LongAccumulator failed = spark.sparkContext().longAccumulator("molecules failed");
        StructType schema = predictionSchema(model, options.uncertainty() > 0);
        // Whole blocks of chemdl predict's chunks per partition, in row order: each molecule shares its batch there.
        org.apache.spark.api.java.JavaRDD<Row> rows = BlockLayout.of(new org.apache.spark.api.java.JavaSparkContext(
                spark.sparkContext()), molecules, chunkSize, options.partitions())
                .mapPartitions(new PartitionScreener(archive, options.errors(), options.uncertainty(), options.seed(),
                        chunkSize, options.limits(), options.fragments(), predicted, failed));
        Dataset<Row> predictions = spark.createDataFrame(rows, schema);
        if (progress != null) {
            progress.start(spark, "screen", predicted, failed);
        }
        long written;
        try {
            Dataset<Row> result;
            if (options.selection().selects()) {
                result = select(predictions, model.model().tasks(), options.selection());
                write(result.coalesce(1), options);
                written = result.count();
            } else {
                write(predictions.drop(KEY), options);
                written = predicted.value();
            }
        } finally {
            if (progress != null) {
                progress.stop();
            }
        }
        FailedRows.finish(options.errors(), conf);
        archive.destroy();
        return new Summary(predicted.value(), failed.value(), written, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The columns of the predicted rows: {@code id, smiles}, for a multiclass model each task's most probable class
     * (integer), each predicted value (float; {@link StreamingPredictor#valueColumns}), with uncertainty each value's
     * {@code _std}, and an internal row key.
     */
    static StructType predictionSchema(SavedModel model, boolean uncertainty) {
        StructType schema = MoleculeSource.schema();
        if (model.model().classes() > 0) {
            for (String task : model.model().tasks()) {
                schema = schema.add(task, DataTypes.IntegerType, false);
            }
        }
        List<String> values = StreamingPredictor.valueColumns(model.model().tasks(), model.model().classes());
        for (String v : values) {
            schema = schema.add(v, DataTypes.FloatType, false);
        }
        if (uncertainty) {
            for (String v : values) {
                schema = schema.add(v + "_std", DataTypes.FloatType, false);
            }
        }
        return schema.add(KEY, DataTypes.LongType, false);
    }

    /**
     * The rows among each task's best (ties broken by id), each with its rank per task, ordered by their best rank. Each partition keeps its own best per task first ({@link PartitionTop}), so only those are ranked.
     */
    private static Dataset<Row> select(Dataset<Row> predictions, List<String> tasks, Selection selection) {
        Dataset<Row> source = predictions;
        long keep = selection.top();
        if (selection.fraction() > 0) {
            source = predictions.persist(StorageLevel.MEMORY_AND_DISK_SER());
            keep = (long) Math.ceil(selection.fraction() * source.count());
        }
        if (keep == 0) {
            return source.drop(KEY).limit(0);
        }
        StructType schema = source.schema();
        List<Integer> taskIndexes = tasks.stream().map(schema::fieldIndex).toList();
        Dataset<Row> candidates = source.mapPartitions(new PartitionTop(taskIndexes, schema.fieldIndex(KEY), keep,
                selection.ascending()), Encoders.row(schema)).persist(StorageLevel.MEMORY_AND_DISK());
        candidates.count();
        Dataset<Row> result = candidates;
        List<Column> ranks = new ArrayList<>();
        for (String task : tasks) {
            Column value = selection.ascending() ? functions.col(MoleculeSource.quoted(task)).asc() : functions.col(MoleculeSource.quoted(task)).desc();
            Column[] order = {value, functions.col(MoleculeSource.ID).asc(), functions.col(KEY).asc()};
            Dataset<Row> ranked = candidates.select(functions.col(KEY), functions.col(MoleculeSource.ID),
                            functions.col(MoleculeSource.quoted(task))).orderBy(order).limit((int) Math.min(keep, Integer.MAX_VALUE))
                    .withColumn(task + "_rank", functions.row_number().over(
                            org.apache.spark.sql.expressions.Window.orderBy(order))).drop(task, MoleculeSource.ID);
            result = result.join(ranked, KEY, "left_outer");
            ranks.add(functions.col(MoleculeSource.quoted(task + "_rank")));
        }
        Column[] rankColumns = ranks.toArray(Column[]::new);
        Column best = rankColumns.length == 1 ? rankColumns[0] : functions.least(rankColumns);
        if (source != predictions) {
            source.unpersist();
        }
        return result.filter(best.isNotNull()).orderBy(best, functions.col(KEY)).drop(KEY);
    }

    private static void write(Dataset<Row> rows, Options options) {
        org.apache.spark.sql.DataFrameWriter<Row> writer = rows.write().mode(options.overwrite() ? SaveMode.Overwrite
                : SaveMode.ErrorIfExists);
        switch (options.format()) {
            case PARQUET -> writer.parquet(options.output());
            case CSV -> writer.option("header", true).csv(options.output());
        }
    }

    /**
     * The model in {@code directory}, or one line saying why not.
     *
     * @throws IllegalArgumentException when it cannot be loaded
     */
    public static SavedModel load(String directory) {
        Path dir = Path.of(directory);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(directory + ": no such model directory");
        }
        try {
            return ModelIO.load(dir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(directory + ": cannot load the model: " + e.getMessage(), e);
        }
    }

    /** Refuses an existing {@code path} unless {@code overwrite}. */
    static void requireAbsent(String path, boolean overwrite, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        if (!overwrite && p.getFileSystem(conf).exists(p)) {
            throw new IllegalArgumentException(path + " exists; choose another or overwrite it (--overwrite)");
        }
    }
}
