package io.chemdl4j.spark.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;

import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.featurize.io.FeaturizeJob;
import io.chemdl4j.models.input.FeatureRowInput;
import io.chemdl4j.spark.FeaturizationJob;
import io.chemdl4j.spark.JobProgress;
import io.chemdl4j.spark.MoleculeSource;
import io.chemdl4j.spark.ScreeningJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chemdl-spark}: the toolkit's Spark jobs from a shell. Under {@code spark-submit} it runs on the cluster's
 * master; started directly (the {@code spark/chemdl-spark} script) it runs on this machine's cores. Bad options, a
 * missing model, input or column: one line and exit code 2.
 */
@Command(name = "chemdl-spark", mixinStandardHelpOptions = true, versionProvider = ChemDlSpark.Version.class,
        subcommands = {ChemDlSpark.Screen.class, ChemDlSpark.Featurize.class},
        description = {"ChemDL4J on Apache Spark: screen a molecule library of any size with a saved model, or "
                + "featurize one to Parquet. Run it with spark-submit on a cluster, or with spark/chemdl-spark on this "
                + "machine (local[*])."},
        footer = {"", "Examples:",
                "  spark/chemdl-spark screen --model tox21-model --input library.smi.gz \\",
                "      --output screened.parquet --top 1000",
                "  spark-submit --master spark://head:7077 --class io.chemdl4j.spark.cli.ChemDlSpark \\",
                "      spark/target/chemdl-spark.jar screen --model tox21-model \\",
                "      --input hdfs:///libraries/enamine.csv --id-column id --output hdfs:///screens/tox21"})
public final class ChemDlSpark implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ChemDlSpark());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e;
            while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof IllegalArgumentException) {
                line.getErr().println(line.getCommandName() + ": " + cause.getMessage());
                return 2;
            }
            line.getErr().println(line.getCommandName() + ": " + e);
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** The toolkit's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chemdl-spark " + io.chemdl4j.models.io.ToolkitVersion.get()};
        }
    }

    /** What both jobs share: the input, the Spark session, the outputs, the molecule limits. */
    static final class JobOptions {
        @Option(names = "--input", required = true, description = "The library: CSV, TSV (header line), .smi, each "
                + "optionally .gz, or Parquet; a file, directory or glob on any file system Spark reads.")
        String input;

        @Option(names = "--input-format", description = "csv, tsv, smi or parquet (default: from the name).")
        String inputFormat;

        @Option(names = "--smiles-column", description = "SMILES column of CSV, TSV and Parquet (default: smiles).")
        String smilesColumn;

        @Option(names = "--id-column", description = "Column that identifies each molecule (name for .smi); "
                + "without it the id is the 0-based data row, as chemdl predict numbers rows, which costs a pass more.")
        String idColumn;

        @Option(names = "--output", required = true, description = "Output directory.")
        String output;

        @Option(names = "--errors", description = "Directory of the molecules that failed, as CSV id,smiles,reason "
                + "(default: <output>-failed).")
        String errors;

        @Option(names = "--partitions", description = "Deal the library out to this many partitions first, by a "
                + "shuffle (default: the input's own partitions when there is one per core at least, else two per "
                + "core; a gzipped file is read as one).")
        Integer partitions;

        @Option(names = "--overwrite", description = "Replace existing outputs.")
        boolean overwrite;

        @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]: every core "
                + "of this machine).")
        String master;

        @Option(names = "--conf", description = "A Spark setting KEY=VALUE, as spark-submit's --conf; repeatable.")
        Map<String, String> conf = new LinkedHashMap<>();

        @Option(names = "--quiet", description = "No progress lines.")
        boolean quiet;

        @Option(names = "--max-atoms", description = "Most atoms of one molecule, hydrogens not counted (default: "
                + "2,000); a larger one is a failed row.")
        Integer maxAtoms;

        @Option(names = "--max-seconds", description = "Most seconds of featurization one molecule may take (default: "
                + "30); a slower one is a failed row and the task goes on.")
        Double maxSeconds;

        MoleculeSource source() {
            return new MoleculeSource(input, inputFormat == null ? null : MoleculeSource.Format.named(inputFormat),
                    smilesColumn, idColumn);
        }

        MoleculeLimits limits() {
            MoleculeLimits limits = MoleculeLimits.defaults();
            if (maxAtoms != null) {
                limits = limits.withMaxAtoms(maxAtoms);
            }
            if (maxSeconds != null) {
                limits = limits.withMaxSeconds(maxSeconds);
            }
            return limits;
        }

        /**
         * Outside spark-submit and without a log4j2 configuration named, Spark's own log lines at ERROR and above only
         * (its default prints every INFO line): set before anything logs.
         */
        void quietLocalLogging() {
            if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
                System.setProperty("log4j2.configurationFile", "classpath:io/chemdl4j/spark/log4j2-local.properties");
            }
        }

        JobProgress progress(PrintWriter err) {
            return quiet ? null : new JobProgress(new java.io.PrintStream(new WriterStream(err), true), 10);
        }

        /**
         * The session: {@code --master} if given, else spark-submit's, else every core of this machine.
         */
        SparkSession session(String job) {
            SparkSession.Builder builder = SparkSession.builder().appName("chemdl-spark " + job);
            String chosen = master != null ? master : System.getProperty("spark.master");
            if (chosen == null) {
                chosen = "local[*]";
            }
            builder.master(chosen);
            // One BLAS thread per task: ND4J's default oversubscribes the cores that Spark already fills.
            builder.config("spark.executorEnv.OMP_NUM_THREADS", "1");
            if (System.getProperty("spark.serializer") == null) {
                // the shuffle that lays the library out in chemdl predict's chunks moves (row, id, SMILES) tuples:
                // Kryo's encoding of them is several times faster than Java serialization
                builder.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
            }
            conf.forEach(builder::config);
            return builder.getOrCreate();
        }
    }

    /** Writes a stream's bytes to a writer (progress lines to the command's error writer). */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter out;

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            out.flush();
        }
    }

    /** {@code chemdl-spark screen}. */
    @Command(name = "screen", mixinStandardHelpOptions = true,
            description = {"Predict every molecule of a library with a saved model (any kind chemdl train saves), on "
                    + "every executor: writes id, smiles and the model's columns as chemdl predict does (with "
                    + "--uncertainty also <value>_std), and the molecules that failed with their reasons. With --top "
                    + "or --top-fraction only each task's best are kept, each with <task>_rank."},
            footer = {"", "Examples:",
                    "  spark/chemdl-spark screen --model tox21-model --input library.csv.gz \\",
                    "      --id-column mol_id --output screened.parquet --partitions 8",
                    "  spark/chemdl-spark screen --model delaney-dmpnn --input library.smi \\",
                    "      --output soluble.csv --output-format csv --top-fraction 0.01"})
    static final class Screen implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        JobOptions job;

        @Option(names = "--model", required = true, description = "Model directory written by chemdl train "
                + "--save-model (on the driver; Spark ships it to the executors).")
        String model;

        @Option(names = "--output-format", description = "parquet or csv (default: parquet).")
        String outputFormat;

        @Option(names = "--uncertainty", arity = "0..1", fallbackValue = "30", description = "Add <value>_std: the "
                + "spread of N Monte-Carlo dropout samples (default N 30), an ensemble's members or a mean-variance "
                + "head, as chemdl predict --uncertainty.")
        Integer uncertainty;

        @Option(names = "--seed", description = "Seed of the dropout masks (default 0).")
        Long seed;

        @Option(names = "--top", description = "Keep only each task's N best molecules.")
        Long top;

        @Option(names = "--top-fraction", description = "Keep only each task's best fraction, e.g. 0.001.")
        Double topFraction;

        @Option(names = "--ascending", description = "With --top or --top-fraction: the lowest values are best "
                + "(default: the highest).")
        boolean ascending;

        @Override
        public Integer call() throws Exception {
            ScreeningJob.Options options = ScreeningJob.Options.of(model, job.source(), job.output)
                    .withOverwrite(job.overwrite).withLimits(job.limits());
            if (outputFormat != null) {
                options = options.withFormat(ScreeningJob.OutputFormat.named(outputFormat));
            }
            if (job.errors != null) {
                options = options.withErrors(job.errors);
            }
            if (job.partitions != null) {
                options = options.withPartitions(job.partitions);
            }
            if (uncertainty != null || seed != null) {
                options = options.withUncertainty(uncertainty == null ? 0 : uncertainty, seed == null ? 0 : seed);
            }
            if (top != null || topFraction != null) {
                options = options.withSelection(new ScreeningJob.Selection(top == null ? 0 : top,
                        topFraction == null ? 0 : topFraction, ascending));
            }
            ScreeningJob.Options checked = options;
            job.quietLocalLogging();
            // the model loads (ND4J starts) while Spark does
            java.util.concurrent.CompletableFuture<io.chemdl4j.models.predict.SavedModel> loading =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> ScreeningJob.load(model));
            try (SparkSession spark = job.session("screen")) {
                io.chemdl4j.models.predict.SavedModel saved;
                try {
                    saved = loading.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
                ScreeningJob.Summary s = ScreeningJob.run(spark, checked, saved,
                        job.progress(spec.commandLine().getErr()));
                spec.commandLine().getErr().printf(java.util.Locale.ROOT, "screened %,d molecules (%,d failed, listed "
                        + "in %s) in %.1f s, %,.0f molecules/s; %,d rows -> %s%n", s.predicted() + s.failed(),
                        s.failed(), checked.errors(), s.seconds(), (s.predicted() + s.failed()) / s.seconds(),
                        s.written(), checked.output());
            }
            return 0;
        }
    }

    /** {@code chemdl-spark featurize}. */
    @Command(name = "featurize", mixinStandardHelpOptions = true,
            description = {"Featurize every molecule of a library into Parquet: id, smiles, then the features as "
                    + "on-bit indices (bits), a dense vector (features) or one column per feature (descriptors), and "
                    + "the molecules that failed with their reasons."},
            footer = {"", "Examples:",
                    "  spark/chemdl-spark featurize --input library.smi --featurizer ecfp \\",
                    "      --output ecfp.parquet",
                    "  spark/chemdl-spark featurize --input library.csv --featurizer descriptors \\",
                    "      --output descriptors.parquet --partitions 16"})
    static final class Featurize implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        JobOptions job;

        @Option(names = "--featurizer", required = true, description = "ecfp, fcfp, morgan, maccs, descriptors or "
                + "cdk-descriptors.")
        String featurizer;

        @Option(names = "--radius", description = "Fingerprint radius of ecfp, fcfp and morgan (default: the "
                + "toolkit's, 2).")
        Integer radius;

        @Option(names = "--size", description = "Fingerprint length of ecfp, fcfp and morgan (default: the toolkit's, "
                + "1024).")
        Integer size;

        @Option(names = "--counts", description = "Occurrence counts instead of 0/1 bits (with --layout dense).")
        boolean counts;

        @Option(names = "--chirality", description = "Stereochemistry in fingerprints.")
        boolean chirality;

        @Option(names = "--layout", description = "bits (on-bit indices), dense (a float array) or columns (a column "
                + "per feature) (default: bits for fingerprints, columns for descriptors).")
        String layout;

        @Option(names = "--fragments", description = "Salts and mixtures: keep (all fragments; default), largest (keep "
                + "the largest) or reject.")
        String fragments;

        @Override
        public Integer call() throws Exception {
            Map<String, String> defaults = FeatureRowInput.INSTANCE.defaultFeaturizer().parameters();
            FeaturizationJob.Options options = FeaturizationJob.Options.of(job.source(),
                    FeaturizeJob.spec(featurizer, radius != null ? radius : Integer.parseInt(defaults.get("radius")),
                            size != null ? size : Integer.parseInt(defaults.get("length")), counts, chirality),
                    job.output).withOverwrite(job.overwrite).withMolecules(job.limits(),
                    fragments == null ? FragmentPolicy.KEEP_ALL : FragmentPolicy.named(fragments));
            if (layout != null) {
                options = options.withLayout(FeaturizationJob.Layout.named(layout));
            }
            if (job.errors != null) {
                options = options.withErrors(job.errors);
            }
            if (job.partitions != null) {
                options = options.withPartitions(job.partitions);
            }
            FeaturizationJob.Options checked = options;
            job.quietLocalLogging();
            try (SparkSession spark = job.session("featurize")) {
                FeaturizationJob.Summary s = FeaturizationJob.run(spark, checked,
                        job.progress(spec.commandLine().getErr()));
                spec.commandLine().getErr().printf(java.util.Locale.ROOT, "featurized %,d molecules (%,d failed, "
                        + "listed in %s) in %.1f s -> %s%n", s.featurized(), s.failed(), checked.errors(), s.seconds(),
                        checked.output());
            }
            return 0;
        }
    }
}
