package io.chemdl4j.models.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.io.FeatureCsvWriter;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.featurize.io.MoleculeRecord;
import io.chemdl4j.featurize.io.PassThrough;
import io.chemdl4j.featurize.io.ResumableOutput;
import io.chemdl4j.featurize.io.RowErrorList;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.Uncertainty;

/**
 * Predicts a file of molecules of any size with a saved model in constant memory (what {@code chemdl
 * predict} runs): reads the file in chunks, featurizes each chunk on every thread the way the model's
 * training data was, predicts the chunk, and writes {@code row,smiles}, the input's own columns (all by default,
 * {@link PassThrough}), then {@code <task…>} (probabilities of class 1 for classifiers, original units for
 * regressors; for multiclass models the most probable class, then {@code <task>_p<class>}, each class's
 * probability; with Monte-Carlo dropout also {@code <value>_mean} and {@code <value>_std} of every predicted
 * value after them). Rows that
 * cannot be read or featurized go to the error list and the run carries on. Both
 * files are committed chunk by chunk and appear whole when the run completes; a killed run can be resumed
 * ({@link ResumableOutput}). Not for concurrent runs on one instance.
 */
public final class StreamingPredictor {

    /**
     * How to predict.
     *
     * @param smilesColumn      SMILES column of a CSV/TSV input
     * @param uncertaintySamples Monte-Carlo dropout samples per molecule; 0 for plain predictions
     * @param seed              seed of the dropout masks
     * @param threads           featurization threads
     * @param chunkSize         molecules held in memory at once, or 0 for the model's own choice
     *                          ({@link SavedModel.Inputs#chunkSize}: 1,024 molecules, 256 graphs)
     * @param fragments         what to do with salts and mixtures (as when the training data was read: keep)
     * @param limits            molecules past these are error rows
     * @param encoding          the input's text encoding
     * @param keep              the input columns written beside the predictions
     * @param reliability       the columns of the model's calibration written after them
     */
    public record Options(String smilesColumn, int uncertaintySamples, long seed, int threads, int chunkSize,
                          FragmentPolicy fragments, MoleculeLimits limits, java.nio.charset.Charset encoding,
                          PassThrough keep, ReliabilityColumns reliability) {
        public Options {
            reliability = reliability == null ? ReliabilityColumns.none() : reliability;
            encoding = encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : encoding;
            smilesColumn = smilesColumn == null ? "smiles" : smilesColumn;
            fragments = fragments == null ? FragmentPolicy.KEEP_ALL : fragments;
            limits = limits == null ? MoleculeLimits.defaults() : limits;
            keep = keep == null ? PassThrough.all() : keep;
            if (uncertaintySamples < 0 || threads < 1 || chunkSize < 0) {
                throw new IllegalArgumentException("samples and chunk size must be >= 0, threads >= 1");
            }
        }

        /**
         * Column {@code smiles}, no uncertainty, every core, chunks of the model's size, fragments kept, the default
         * molecule limits, UTF-8, every input column kept.
         */
        public static Options defaults() {
            return new Options("smiles", 0, 0, Runtime.getRuntime().availableProcessors(), 0,
                    FragmentPolicy.KEEP_ALL,
                    MoleculeLimits.defaults(), java.nio.charset.StandardCharsets.UTF_8, PassThrough.all(),
                    ReliabilityColumns.none());
        }

        /** With the SMILES in CSV/TSV column {@code column}. */
        public Options withSmilesColumn(String column) {
            return new Options(column, uncertaintySamples, seed, threads, chunkSize, fragments, limits, encoding, keep,
                    reliability);
        }

        /** With {@code samples} Monte-Carlo dropout (or ensemble) samples per molecule, drawn from {@code seed}; 0 for none. */
        public Options withUncertainty(int samples, long seed) {
            return new Options(smilesColumn, samples, seed, threads, chunkSize, fragments, limits, encoding, keep,
                    reliability);
        }

        /** With {@code n} featurization threads. */
        public Options withThreads(int n) {
            return new Options(smilesColumn, uncertaintySamples, seed, n, chunkSize, fragments, limits, encoding,
                    keep, reliability);
        }

        /** With input text encoding {@code e}. */
        public Options withEncoding(java.nio.charset.Charset e) {
            return new Options(smilesColumn, uncertaintySamples, seed, threads, chunkSize, fragments, limits, e,
                    keep, reliability);
        }

        /** With the limits a molecule must keep to be featurized. */
        public Options withLimits(MoleculeLimits l) {
            return new Options(smilesColumn, uncertaintySamples, seed, threads, chunkSize, fragments, l, encoding,
                    keep, reliability);
        }

        /** These options writing the calibration columns {@code r} after the predictions. */
        public Options withReliability(ReliabilityColumns r) {
            return new Options(smilesColumn, uncertaintySamples, seed, threads, chunkSize, fragments, limits, encoding,
                    keep, r);
        }

        /** These options writing the input columns {@code k} beside the predictions. */
        public Options withKeep(PassThrough k) {
            return new Options(smilesColumn, uncertaintySamples, seed, threads, chunkSize, fragments, limits,
                    encoding, k, reliability);
        }
    }

    /**
     * Which columns of a calibrated model's {@link io.chemdl4j.models.reliability.Reliability} are written after the
     * predictions: for regressors {@code <task>_lower} and {@code <task>_upper}, the split-conformal interval at
     * {@code coverage}; for classifiers {@code <task>_calibrated}, the calibrated probability of class 1; and
     * {@code domain_nearest} (Tanimoto similarity of the nearest training molecule), {@code domain_similarity} (mean of
     * the nearest few) and {@code in_domain} ({@code true} or {@code false}).
     *
     * @param coverage   interval coverage in (0, 1), or 0 for no intervals
     * @param calibrated whether to write calibrated probabilities
     * @param domain     whether to write the applicability domain
     */
    public record ReliabilityColumns(double coverage, boolean calibrated, boolean domain) {
        public ReliabilityColumns {
            if (coverage != 0 && !(coverage > 0 && coverage < 1)) {
                throw new IllegalArgumentException("coverage must lie strictly between 0 and 1, got " + coverage);
            }
        }

        /** None of them. */
        public static ReliabilityColumns none() {
            return new ReliabilityColumns(0, false, false);
        }

        /** Whether any is asked for. */
        public boolean any() {
            return coverage > 0 || calibrated || domain;
        }
    }

    /**
     * Counts of one run.
     *
     * @param damage why the input ended early (a truncated or damaged file; the rows before were predicted),
     *               or {@code null}
     */
    public record Summary(long rows, long predicted, long failed, String damage) {
        /** A run over an undamaged input. */
        public Summary(long rows, long predicted, long failed) {
            this(rows, predicted, failed, null);
        }
    }

    private final SavedModel model;
    private final Options options;
    /** The applicability domain's fingerprint when it is not the model's own feature row, else {@code null}. */
    private final io.chemdl4j.featurize.VectorFeaturizer domainFingerprint;

    /** A predictor of {@code model}; refuses options the model cannot honour (uncertainty without dropout or ensemble) before any work. */
    public StreamingPredictor(SavedModel model, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        if (model.featurizer() == null) {
            model.inputs(); // throws, saying why
        }
        if (options.uncertaintySamples() > 0 && !SavedModel.dropout(model.model()).givesUncertainty()) {
            throw new IllegalArgumentException("--uncertainty needs a network trained with dropout (train --dropout) "
                    + "or an ensemble (train --ensemble); this " + model.kind().name() + " model has neither");
        }
        ReliabilityColumns asked = options.reliability();
        if (asked.any()) {
            if (model.reliability() == null) {
                throw new IllegalArgumentException("--coverage, --calibrated and --domain need a calibrated model; this "
                        + "one has no calibration: run chemdl calibrate on it first");
            }
            boolean regression = model.model().taskType() == io.chemdl4j.moleculenet.TaskType.REGRESSION;
            if (asked.coverage() > 0 && !regression) {
                throw new IllegalArgumentException("--coverage gives intervals for regressors; this model classifies "
                        + "(use --calibrated for calibrated probabilities)");
            }
            if (asked.calibrated() && regression) {
                throw new IllegalArgumentException("--calibrated calibrates classifiers' probabilities; this model is a "
                        + "regressor (use --coverage for intervals)");
            }
        }
        this.domainFingerprint = asked.domain() && !java.util.Objects.equals(model.reliability().domain().fingerprint(),
                model.featurizer()) ? io.chemdl4j.featurize.Featurizers.create(model.reliability().domain().fingerprint())
                : null;
    }

    /**
     * Predicts every molecule of {@code input} into {@code output}, from the first row.
     *
     * @param errors   CSV of rows that failed ({@code row,smiles,reason}), or {@code null}
     * @param progress told the rows read so far after each chunk, or {@code null}
     * @throws InputFileException when the input cannot be opened or has no SMILES column, or another run writes
     *                            the same output
     */
    public Summary run(Path input, Path output, Path errors, StreamingFeaturizer.ProgressListener progress)
            throws IOException, InputFileException {
        return run(input, output, errors, progress, false);
    }

    /**
     * Predicts every molecule of {@code input} into {@code output}. The output and the error list are committed chunk
     * by chunk ({@link ResumableOutput}); with {@code resume}, a run of the same model and options over the same input
     * that was killed continues from its last commit, and the files come out byte-identical to an uninterrupted
     * run's (each chunk keeps its dropout seed). The summary counts the rows of the interrupted run too.
     *
     * @param errors   CSV of rows that failed ({@code row,smiles,reason}), or {@code null}
     * @param progress told the rows read so far after each chunk, or {@code null}
     * @throws InputFileException when the input cannot be opened or has no SMILES column, another run writes the
     *                            same output, or a resume finds an interrupted run of another model or options
     */
    public Summary run(Path input, Path output, Path errors, StreamingFeaturizer.ProgressListener progress,
                       boolean resume) throws IOException, InputFileException {
        try (MoleculeReader reader = MoleculeReader.open(input, options.smilesColumn(), options.encoding())) {
            PassThrough.Columns kept = options.keep().resolve(reader, predictionColumns());
            String inputIdentity = ResumableOutput.inputIdentity(input);
            // the settings hold the model's predictions for a few molecules: made at the first commit, by then the
            // model has predicted its first chunk, unless an interrupted run is to be resumed
            try (ResumableOutput staged = ResumableOutput.open(output, errors, () -> settings(inputIdentity), resume)) {
                ResumableOutput.Progress before = staged.start(reader, progress);
                return write(model.inputs(), reader, kept, staged, before, progress);
            }
        }
    }

    /**
     * What must be the same for a run to be continued: the input, the options but the thread count, and the model,
     * known by its description and by what it predicts for a few fixed molecules (a retrained model differs there).
     */
    private String settings(String inputIdentity) {
        SavedModel.Predictions probe = model.predictSmiles("probe", List.of("CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O",
                "CN1C=NC2=C1C(=O)N(C(=O)N2C)C"));
        return String.join("\n", "predict", inputIdentity, options.withThreads(1).toString(),
                model.kind().name(), String.valueOf(model.featurizer()), model.model().tasks().toString(),
                Integer.toString(model.model().classes()), model.toolkitVersion() + " " + model.formatVersion(),
                java.util.Arrays.deepToString(probe.values()),
                model.reliability() == null ? "uncalibrated" : model.reliability().provenance().toString());
    }

    private <T> Summary write(SavedModel.Inputs<T> inputs, MoleculeReader reader, PassThrough.Columns kept,
                              ResumableOutput staged, ResumableOutput.Progress before,
                              StreamingFeaturizer.ProgressListener progress) throws IOException {
        boolean fresh = staged.resumedFrom() == null;
        CSVPrinter csv = new CSVPrinter(staged.output(), csv());
        if (fresh) {
            List<String> header = new ArrayList<>(List.of("row", "smiles"));
            header.addAll(kept.header());
            header.addAll(predictionColumns());
            csv.printRecord(header);
        }
        RowErrorList.Sink errors = staged.errorSink();
        StreamingFeaturizer<T> streaming = new StreamingFeaturizer<>(inputs.featurizer(), options.fragments(),
                options.threads(), chunkSize(inputs, options.chunkSize())).withLimits(options.limits());
        try (Chunk<T> chunk = new Chunk<>(inputs, kept, csv, staged, before.chunks())) {
            StreamingFeaturizer.Summary s = streaming.run(reader, chunk::add, errors, rows -> {
                try {
                    chunk.flush(before.rows() + rows, errors.failed(), staged.errorsLength());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (progress != null) {
                    progress.rowsDone(before.rows() + rows);
                }
            });
            chunk.finish();
            staged.complete();
            long rows = before.rows() + s.rows();
            return new Summary(rows, rows - errors.failed(), errors.failed(), s.damage());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The molecules per chunk: {@code asked} ({@link Options#chunkSize}), or the model's own when it is 0. */
    public static int chunkSize(SavedModel.Inputs<?> inputs, int asked) {
        return asked > 0 ? asked : inputs.chunkSize();
    }

    /**
     * One column per task (the model's prediction; for a multiclass model its most probable class, then
     * {@code <task>_p<class>} per class); with uncertainty also {@code <value>_mean} and {@code <value>_std}
     * of each predicted value, the Monte-Carlo dropout (or ensemble) mean and spread, beside it and never in
     * its place.
     */
    private List<String> predictionColumns() {
        List<String> values = valueColumns(model.model().tasks(), model.model().classes());
        List<String> columns = new ArrayList<>();
        if (model.model().classes() > 0) {
            columns.addAll(model.model().tasks());
        }
        columns.addAll(values);
        if (options.uncertaintySamples() > 0) {
            for (String v : values) {
                columns.add(v + "_mean");
            }
            for (String v : values) {
                columns.add(v + "_std");
            }
        }
        ReliabilityColumns asked = options.reliability();
        for (String task : model.model().tasks()) {
            if (asked.coverage() > 0) {
                columns.add(task + "_lower");
                columns.add(task + "_upper");
            }
            if (asked.calibrated()) {
                columns.add(task + "_calibrated");
            }
        }
        if (asked.domain()) {
            columns.addAll(List.of("domain_nearest", "domain_similarity", "in_domain"));
        }
        return columns;
    }

    /**
     * Names of a model's predicted values in order: its tasks, or for a multiclass model of {@code classes}
     * classes {@code <task>_p0 … <task>_p<K-1>} per task.
     */
    public static List<String> valueColumns(List<String> tasks, int classes) {
        if (classes == 0) {
            return tasks;
        }
        List<String> names = new ArrayList<>();
        for (String t : tasks) {
            for (int c = 0; c < classes; c++) {
                names.add(t + "_p" + c);
            }
        }
        return names;
    }

    private static CSVFormat csv() {
        return CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
    }

    /**
     * The featurized molecules of one chunk, predicted together and written in input order. Prediction
     * and writing run on one background thread while the featurizer reads and featurizes the next chunk
     * (at most one chunk waits), so both cores stay busy.
     */
    private final class Chunk<T> implements AutoCloseable {
        private final SavedModel.Inputs<T> inputs;
        private final PassThrough.Columns kept;
        private final CSVPrinter out;
        private final ResumableOutput staged;
        private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chemdl-predict");
            t.setDaemon(true);
            return t;
        });
        private java.util.concurrent.Future<?> pending;
        private List<MoleculeRecord> records = new ArrayList<>();
        private List<T> features = new ArrayList<>();
        private long chunks;

        /** @param chunks the chunks predicted before (by the interrupted run this one resumes), for their seeds */
        Chunk(SavedModel.Inputs<T> inputs, PassThrough.Columns kept, CSVPrinter out, ResumableOutput staged,
              long chunks) {
            this.inputs = inputs;
            this.kept = kept;
            this.out = out;
            this.staged = staged;
            this.chunks = chunks;
        }

        void add(MoleculeRecord record, T x) {
            records.add(record);
            features.add(x);
        }

        /**
         * Hands the chunk so far to the prediction thread, after the previous chunk is written; once this one is
         * written too, the output is committed with {@code rows} read, {@code failed} of them errors, and the error
         * list's length then.
         */
        void flush(long rows, long failed, long errorsLength) throws IOException {
            List<MoleculeRecord> r = records;
            List<T> x = features;
            // A chunk's seed is its place among the chunks with molecules: the same in a resumed run.
            long seed = options.seed() * 1_000_003L + chunks;
            if (!r.isEmpty()) {
                chunks++;
            }
            ResumableOutput.Progress done = new ResumableOutput.Progress(rows, failed, chunks);
            records = new ArrayList<>();
            features = new ArrayList<>();
            awaitPending();
            pending = writer.submit(() -> {
                if (!r.isEmpty()) {
                    predictAndWrite(r, x, seed);
                }
                out.flush();
                staged.commit(done, errorsLength);
                return null;
            });
        }

        /** Waits until every chunk handed over is written. */
        void finish() throws IOException {
            awaitPending();
            out.flush();
        }

        /** Waits for the chunk handed over last (written and committed whole even when interrupted meanwhile). */
        private void awaitPending() throws IOException {
            if (pending == null) {
                return;
            }
            try {
                io.chemdl4j.featurize.io.TaskFailures.await(pending);
            } finally {
                pending = null;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("interrupted while predicting");
            }
        }

        private void predictAndWrite(List<MoleculeRecord> chunkRecords, List<T> x, long seed) throws IOException {
            double[][] predicted = inputs.predict(x);
            Uncertainty dropout = null;
            if (options.uncertaintySamples() > 0) {
                // Each chunk draws its own masks from its own seed.
                dropout = inputs.predictWithDropout(x, options.uncertaintySamples(), seed);
            }
            io.chemdl4j.models.reliability.Reliability reliability = model.reliability();
            ReliabilityColumns asked = options.reliability();
            double[][] spreads = null;
            if (asked.coverage() > 0 && reliability.normalized()) {
                // an ensemble's spread is its members', whatever the samples; dropout draws as calibration drew
                spreads = dropout != null && (reliability.spread().kind()
                        == io.chemdl4j.models.reliability.Reliability.Spread.Kind.ENSEMBLE
                        || reliability.spread().samples() == options.uncertaintySamples()) ? dropout.std()
                        : inputs.predictWithDropout(x, Math.max(1, reliability.spread().samples()), seed).std();
            }
            io.chemdl4j.models.reliability.ApplicabilityDomain.Assessment[] domain = asked.domain()
                    ? assessDomain(reliability.domain(), chunkRecords, x) : null;
            StringBuilder numbers = new StringBuilder(256);
            int classes = model.model().classes();
            int tasks = model.model().tasks().size();
            for (int i = 0; i < chunkRecords.size(); i++) {
                numbers.setLength(0);
                for (int t = 0; classes > 0 && t < tasks; t++) {
                    numbers.append(',').append(io.chemdl4j.models.metrics.Metric.argmax(
                            java.util.Arrays.copyOfRange(predicted[i], t * classes, (t + 1) * classes)));
                }
                appendAll(numbers, predicted[i]);
                if (dropout != null) {
                    appendAll(numbers, dropout.mean()[i]);
                    appendAll(numbers, dropout.std()[i]);
                }
                if (asked.any()) {
                    appendReliability(numbers, reliability, predicted[i], spreads == null ? null : spreads[i],
                            domain == null ? null : domain[i]);
                }
                FeatureCsvWriter.printRecord(out, chunkRecords.get(i), kept, numbers);
            }
        }

        /**
         * Where each molecule of a chunk lies against the training molecules ({@code null} where its fingerprint cannot
         * be made), searched on every core: the nearest-neighbour search costs about as much as the prediction.
         */
        private io.chemdl4j.models.reliability.ApplicabilityDomain.Assessment[] assessDomain(
                io.chemdl4j.models.reliability.ApplicabilityDomain domain, List<MoleculeRecord> records, List<T> x) {
            var out = new io.chemdl4j.models.reliability.ApplicabilityDomain.Assessment[x.size()];
            java.util.stream.IntStream.range(0, x.size()).parallel().forEach(i -> {
                int[] bits = domainBits(x.get(i), records.get(i).smiles());
                out[i] = bits == null ? null : domain.assess(bits);
            });
            return out;
        }

        /** The calibration columns of one molecule (see {@link ReliabilityColumns}), each after its comma. */
        private void appendReliability(StringBuilder row, io.chemdl4j.models.reliability.Reliability reliability,
                                       double[] predicted, double[] spread,
                                       io.chemdl4j.models.reliability.ApplicabilityDomain.Assessment a) {
            ReliabilityColumns asked = options.reliability();
            for (int t = 0; t < predicted.length; t++) {
                if (asked.coverage() > 0) {
                    appendAll(row, reliability.interval(t, predicted[t], spread == null ? 0 : spread[t], asked.coverage()));
                }
                if (asked.calibrated()) {
                    appendAll(row, new double[] {reliability.calibrated(t, predicted[t])});
                }
            }
            if (asked.domain()) {
                if (a == null) {
                    row.append(",,,");
                } else {
                    appendAll(row, new double[] {a.nearest(), a.similarity()});
                    row.append(',').append(a.inside());
                }
            }
        }

        /**
         * The set bits of the domain's fingerprint of one molecule: its feature row's nonzero entries when the domain
         * uses the model's own fingerprint, else the fingerprint of its SMILES; {@code null} if that cannot be made.
         */
        private int[] domainBits(T features, String smiles) {
            if (domainFingerprint == null && features instanceof float[] row) {
                return io.chemdl4j.models.reliability.DomainIndex.onBits(row);
            }
            if (domainFingerprint == null && features instanceof io.chemdl4j.featurize.SparseFeatures row) {
                return row.indices(); // its nonzero entries: the set bits
            }
            try {
                return io.chemdl4j.models.reliability.DomainIndex.onBits(domainFingerprint.featurize(smiles));
            } catch (io.chemdl4j.featurize.InvalidMoleculeException e) {
                return null;
            }
        }

        /** Each value after a comma. */
        private static void appendAll(StringBuilder row, double[] values) {
            for (double v : values) {
                // the shortest decimal that reads back as the same float (Jackson's Schubfach writer: Float.toString's
                // digits, as Java 19 and later compute them; Java 17's own Float.toString is twice as slow)
                row.append(',').append(com.fasterxml.jackson.core.io.NumberOutput.toString((float) v, true));
            }
        }

        @Override
        public void close() {
            writer.shutdownNow();
        }
    }
}
