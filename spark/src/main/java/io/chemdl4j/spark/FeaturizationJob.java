package io.chemdl4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.featurize.io.MoleculeRecord;
import io.chemdl4j.featurize.io.StreamingFeaturizer;

/**
 * Featurizes a molecule library on Spark into Parquet, for training or analysis elsewhere: {@code id, smiles}, then
 * the features as on-bit indices ({@code bits}, an integer array: fingerprints), a dense vector ({@code features}, a
 * float array) or one float column per feature named as the featurizer names it (descriptors). Molecules that cannot
 * be featurized go to their own directory ({@code id,smiles,reason}), as in {@link ScreeningJob}. Any vector
 * featurizer of {@link Featurizers#names()}.
 */
public final class FeaturizationJob {
    /** How the features are laid out in the output. */
    public enum Layout {
        /** {@code bits}: ascending indices of the non-zero features (a count fingerprint's counts are dropped). */
        BITS,
        /** {@code features}: every feature, as a float array. */
        DENSE,
        /** One float column per feature, named by the featurizer. */
        COLUMNS;

        /** By name, any case. */
        public static Layout named(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown layout '" + name + "'; known: bits, dense, columns", e);
            }
        }

        /** {@link #BITS} for fingerprints (features named {@code bit<i>}), else {@link #COLUMNS}. */
        public static Layout defaultFor(VectorFeaturizer featurizer) {
            List<String> names = featurizer.featureNames();
            return names.isEmpty() || names.get(0).equals("bit0") ? BITS : COLUMNS;
        }
    }

    /**
     * What to featurize and how.
     *
     * @param input      the library
     * @param featurizer the vector featurizer
     * @param layout     the features' layout ({@code null}: {@link Layout#defaultFor})
     * @param output     the Parquet output directory
     * @param errors     the directory of the rows that failed ({@code null}: {@code <output>-failed})
     * @param partitions partitions to spread the library over first, or 0 to keep the input's
     * @param limits     molecules past these are failed rows
     * @param fragments  what to do with salts and mixtures
     * @param overwrite  whether existing outputs are replaced
     */
    public record Options(MoleculeSource input, FeaturizerSpec featurizer, Layout layout, String output, String errors,
                          int partitions, MoleculeLimits limits, FragmentPolicy fragments, boolean overwrite) {
        public Options {
            java.util.Objects.requireNonNull(input, "input");
            java.util.Objects.requireNonNull(featurizer, "featurizer");
            java.util.Objects.requireNonNull(output, "output");
            errors = errors == null ? output.replaceAll("/+$", "") + "-failed" : errors;
            limits = limits == null ? MoleculeLimits.defaults() : limits;
            fragments = fragments == null ? FragmentPolicy.KEEP_ALL : fragments;
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be >= 0");
            }
        }

        /** {@code featurizer} over {@code input} into {@code output}, with the library's defaults. */
        public static Options of(MoleculeSource input, FeaturizerSpec featurizer, String output) {
            return new Options(input, featurizer, null, output, null, 0, null, null, false);
        }

        /** With the features laid out as {@code l}. */
        public Options withLayout(Layout l) {
            return new Options(input, featurizer, l, output, errors, partitions, limits, fragments, overwrite);
        }

        /** With the failed rows written to {@code dir}. */
        public Options withErrors(String dir) {
            return new Options(input, featurizer, layout, output, dir, partitions, limits, fragments, overwrite);
        }

        /** With the library spread over {@code n} partitions (0: as read). */
        public Options withPartitions(int n) {
            return new Options(input, featurizer, layout, output, errors, n, limits, fragments, overwrite);
        }

        /** With the molecule limits {@code l} and fragment policy {@code f}. */
        public Options withMolecules(MoleculeLimits l, FragmentPolicy f) {
            return new Options(input, featurizer, layout, output, errors, partitions, l, f, overwrite);
        }

        /** Replacing existing outputs or not. */
        public Options withOverwrite(boolean o) {
            return new Options(input, featurizer, layout, output, errors, partitions, limits, fragments, o);
        }
    }

    /**
     * Counts of one run (a retried task may count its rows twice).
     *
     * @param featurized molecules written
     * @param failed     molecules listed in the errors directory
     * @param seconds    wall-clock time of the job
     */
    public record Summary(long featurized, long failed, double seconds) {
    }

    private FeaturizationJob() {
    }

    /**
     * Featurizes {@code options.input()}; what can be checked first is (the featurizer exists and makes vectors; the
     * columns exist; the outputs do not unless overwriting), each failure one line.
     *
     * @param progress told the job's progress on the driver, or {@code null}
     */
    public static Summary run(SparkSession spark, Options options, JobProgress progress) throws IOException {
        long start = System.nanoTime();
        VectorFeaturizer featurizer = Featurizers.create(options.featurizer());
        Layout layout = options.layout() != null ? options.layout() : Layout.defaultFor(featurizer);
        Dataset<Row> molecules = options.input().read(spark);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ScreeningJob.requireAbsent(options.output(), options.overwrite(), conf);
        FailedRows.prepare(options.errors(), options.overwrite(), conf);
        if (options.partitions() > 0) {
            molecules = molecules.repartition(options.partitions());
        }
        LongAccumulator done = spark.sparkContext().longAccumulator("molecules featurized");
        LongAccumulator failed = spark.sparkContext().longAccumulator("molecules failed");
        Dataset<Row> features = molecules.mapPartitions(new PartitionFeaturizer(options.featurizer().name(),
                new HashMap<>(options.featurizer().parameters()), layout, options.errors(), options.limits(),
                options.fragments(), done, failed), Encoders.row(schema(featurizer, layout)));
        if (progress != null) {
            progress.start(spark, "featurize", done, failed);
        }
        try {
            features.write().mode(options.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                    .parquet(options.output());
        } finally {
            if (progress != null) {
                progress.stop();
            }
        }
        FailedRows.finish(options.errors(), conf);
        return new Summary(done.value(), failed.value(), (System.nanoTime() - start) / 1e9);
    }

    /** {@code id, smiles} and the features in {@code layout}. */
    static StructType schema(VectorFeaturizer featurizer, Layout layout) {
        StructType schema = MoleculeSource.schema();
        return switch (layout) {
            case BITS -> schema.add("bits", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
            case DENSE -> schema.add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
            case COLUMNS -> {
                for (String name : featurizer.featureNames()) {
                    schema = schema.add(name, DataTypes.FloatType, false);
                }
                yield schema;
            }
        };
    }

    /** Featurizes one partition in chunks, on a featurizer of its own. */
    private static final class PartitionFeaturizer implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final int CHUNK = 1024;
        private final String name;
        private final HashMap<String, String> parameters;
        private final Layout layout;
        private final String errors;
        private final MoleculeLimits limits;
        private final FragmentPolicy fragments;
        private final LongAccumulator done;
        private final LongAccumulator failed;

        PartitionFeaturizer(String name, HashMap<String, String> parameters, Layout layout, String errors,
                            MoleculeLimits limits, FragmentPolicy fragments, LongAccumulator done,
                            LongAccumulator failed) {
            this.name = name;
            this.parameters = parameters;
            this.layout = layout;
            this.errors = errors;
            this.limits = limits;
            this.fragments = fragments;
            this.done = done;
            this.failed = failed;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            VectorFeaturizer featurizer = Featurizers.create(new FeaturizerSpec(name, Map.copyOf(parameters)));
            return new ChunkedRows<float[]>(new StreamingFeaturizer<>(featurizer, fragments, 1, CHUNK)
                    .withLimits(limits), errors) {
                private long read;

                @Override
                protected boolean inputLeft() {
                    return input.hasNext();
                }

                @Override
                protected void nextChunk(List<Row> ready) {
                    List<MoleculeRecord> records = new ArrayList<>(CHUNK);
                    List<String> ids = new ArrayList<>(CHUNK);
                    while (records.size() < CHUNK && input.hasNext()) {
                        Row row = input.next();
                        ids.add(row.getString(0));
                        records.add(new MoleculeRecord(read++, row.getString(1), null, Map.of()));
                    }
                    List<StreamingFeaturizer.Outcome<float[]>> outcomes = session.featurize(records);
                    for (int i = 0; i < outcomes.size(); i++) {
                        StreamingFeaturizer.Outcome<float[]> o = outcomes.get(i);
                        if (o.error() != null) {
                            failed.add(1);
                            fail(ids.get(i), o.record().smiles(), o.error());
                        } else {
                            done.add(1);
                            ready.add(row(ids.get(i), o.record().smiles(), o.features()));
                        }
                    }
                }
            };
        }

        private Row row(String id, String smiles, float[] x) {
            return switch (layout) {
                case BITS -> {
                    int n = 0;
                    for (float v : x) {
                        n += v != 0 ? 1 : 0;
                    }
                    int[] bits = new int[n];
                    for (int j = 0, k = 0; j < x.length; j++) {
                        if (x[j] != 0) {
                            bits[k++] = j;
                        }
                    }
                    yield RowFactory.create(id, smiles, bits);
                }
                case DENSE -> RowFactory.create(id, smiles, x);
                case COLUMNS -> {
                    Object[] values = new Object[2 + x.length];
                    values[0] = id;
                    values[1] = smiles;
                    for (int j = 0; j < x.length; j++) {
                        values[2 + j] = x[j];
                    }
                    yield RowFactory.create(values);
                }
            };
        }
    }
}
