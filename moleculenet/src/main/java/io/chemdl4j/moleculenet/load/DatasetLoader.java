package io.chemdl4j.moleculenet.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.store.DiskDataset;
import io.chemdl4j.moleculenet.store.FeatureKind;

/**
 * Loads molecules with labels into a dataset of any {@link FeatureKind} (feature rows into a
 * {@link Dataset}, molecular graphs into a {@link GraphDataset}), in memory or streamed to a
 * {@link DiskDataset} in constant memory: CSV/TSV with a SMILES column, {@code .smi}, or SDF with its
 * properties as task columns, each optionally gzipped, featurized on every core.
 *
 * <p>Empty label fields (and {@code nan}, {@code NA}, ...) are missing labels: value 0, weight 0. A
 * row whose SMILES cannot be featurized or whose label is not a number is reported with its row
 * number and reason, and every other row is loaded.
 *
 * <p>Thread-safe: holds only immutable configuration.
 */
public final class DatasetLoader<F, D extends LabelledData<D>> {
    private static final Set<String> MISSING = Set.of("", "nan", "na", "n/a", "null", "none");
    private static final int CHUNK = 4096;
    /** Metadata property of a disk load: data rows read from the file. */
    public static final String ROWS_READ = "rowsRead";
    /** Metadata property of a disk load: the rejected rows, one {@code source\trow\tinput\treason} line each. */
    public static final String ROW_ERRORS = "rowErrors";

    private final ColumnSpec spec;
    private final MoleculeFeaturizer<F> featurizer;
    private final FeatureKind<F, D> kind;
    private final int threads;

    /**
     * A loader of the columns {@code spec} names, featurizing with {@code featurizer} into datasets of {@code kind}
     * on {@code threads} threads.
     */
    public DatasetLoader(ColumnSpec spec, MoleculeFeaturizer<F> featurizer, FeatureKind<F, D> kind, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.spec = spec;
        this.featurizer = featurizer;
        this.kind = kind;
        this.threads = threads;
    }

    /** Receives each loaded molecule in file order. */
    @FunctionalInterface
    interface RowSink<T> {
        void add(T features, float[] labels, float[] weights, String id) throws IOException;
    }

    /**
     * Where the rows go failed (a full or read-only disk under a cache entry): carried out of the reading loop
     * apart from the input's own I/O errors, so that the input is not blamed for it.
     */
    static final class OutputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** What a load into a disk dataset produced (the dataset holds the loader's kind of input). */
    public record DiskLoad(DiskDataset dataset, List<RowError> errors, long rowsRead) {
        public DiskLoad {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Reads and featurizes {@code file} into memory.
     *
     * @throws InvalidDataException if the file is missing, empty, unreadable or lacks a named column
     */
    public LoadedData<D> load(Path file) {
        FeatureKind.Collector<F, D> collector = kind.collector(spec.taskColumns(), featurizer);
        List<RowError> errors = new ArrayList<>();
        long rows = stream(file, collector::add, errors, null);
        return new LoadedData<>(collector.build(), errors, (int) rows);
    }

    /**
     * Reads and featurizes {@code file} into a disk dataset at {@code directory}, in constant memory
     * (one chunk of molecules and one shard at a time). The dataset appears at {@code directory}
     * only once complete; a crash leaves no dataset there.
     *
     * @param properties provenance to record in the dataset's metadata
     * @param progress   told the rows read so far, or {@code null}
     */
    public DiskLoad loadToDisk(Path file, Path directory, Map<String, String> properties,
                               StreamingFeaturizer.ProgressListener progress) throws IOException {
        List<RowError> errors = new ArrayList<>();
        try (DiskDataset.Writer writer = kind.writer(directory, spec.taskColumns(), featurizer)) {
            long rows = stream(file, (features, y, w, id) -> kind.write(writer, features, y, w, id), errors, progress);
            properties.forEach(writer::property);
            writer.property(ROWS_READ, Long.toString(rows));
            writer.property(ROW_ERRORS, encode(errors));
            return new DiskLoad(writer.commit(), errors, rows);
        } catch (OutputFailure e) {
            throw new IOException(directory + ": cannot be written (" + e.getMessage() + ")", e.getCause());
        }
    }

    /** The rows a disk load rejected, as recorded in the dataset's metadata. */
    public static List<RowError> rowErrors(DiskDataset dataset) {
        List<RowError> errors = new ArrayList<>();
        for (String line : dataset.properties().getOrDefault(ROW_ERRORS, "").split("\n")) {
            String[] f = line.split("\t", 4);
            if (f.length == 4) {
                errors.add(new RowError(f[0], Long.parseLong(f[1]), f[2], f[3]));
            }
        }
        return errors;
    }

    private static String encode(List<RowError> errors) {
        StringBuilder s = new StringBuilder();
        for (RowError e : errors) {
            s.append(oneLine(e.source())).append('\t').append(e.row()).append('\t').append(oneLine(e.input()))
                    .append('\t').append(oneLine(e.reason())).append('\n');
        }
        return s.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Reads and featurizes {@code file} into {@code sink}; the input's faults become {@link InvalidDataException}s
     * naming the file, the sink's an {@link OutputFailure}.
     */
    long stream(Path file, RowSink<F> sink, List<RowError> errors, StreamingFeaturizer.ProgressListener progress) {
        String source = file.getFileName().toString();
        int tasks = spec.taskColumns().size();
        try (MoleculeReader reader = MoleculeReader.open(file, spec.smilesColumn())) {
            requireColumns(spec, file, reader.columns());
            StreamingFeaturizer<F> streaming =
                    new StreamingFeaturizer<>(featurizer, FragmentPolicy.KEEP_ALL, threads, CHUNK);
            StreamingFeaturizer.Summary summary = streaming.run(reader, (record, features) -> {
                float[] labels = new float[tasks];
                float[] weights = new float[tasks];
                String labelError = parseLabels(spec, record.properties(), labels, weights);
                if (labelError != null) {
                    errors.add(new RowError(source, record.row(), record.smiles(), labelError));
                    return;
                }
                String id = spec.idColumn() == null || spec.idColumn().equals(spec.smilesColumn())
                        ? record.smiles() : record.properties().getOrDefault(spec.idColumn(), "");
                try {
                    sink.add(features, labels, weights, id);
                } catch (IOException e) {
                    throw new OutputFailure(e);
                }
            }, errors::add, progress);
            if (summary.damage() != null) {
                // a dataset read only in part would train and score on the wrong data without a word
                throw new InvalidDataException(summary.damage().replace("; the rows before it were read", ""));
            }
            errors.sort(Comparator.comparingLong(RowError::row));
            return summary.rows();
        } catch (InputFileException e) {
            throw new InvalidDataException(e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidDataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv signals malformed input (e.g. an unterminated quote) this way
            throw new InvalidDataException(file + ": malformed input (" + e.getMessage() + ")", e);
        }
    }

    /** Fills labels and weights; returns why a label is unusable, or null. */
    private static String parseLabels(ColumnSpec spec, Map<String, String> fields, float[] labels, float[] weights) {
        for (int t = 0; t < labels.length; t++) {
            String value = fields.getOrDefault(spec.taskColumns().get(t), "").strip();
            if (MISSING.contains(value.toLowerCase(Locale.ROOT))) {
                continue;
            }
            try {
                float v = Float.parseFloat(value);
                if (!Float.isFinite(v)) {
                    throw new NumberFormatException();
                }
                labels[t] = v;
                weights[t] = 1f;
            } catch (NumberFormatException e) {
                return "label '" + value + "' of task '" + spec.taskColumns().get(t) + "' is not a number";
            }
        }
        return null;
    }

    /** CSV/TSV files must have every named column; SDF properties vary per record and are not checked. */
    private static void requireColumns(ColumnSpec spec, Path file, List<String> columns) {
        if (columns.isEmpty()) {
            return;
        }
        for (String task : spec.taskColumns()) {
            requireColumn(file, columns, task, "task");
        }
        if (spec.idColumn() != null) {
            requireColumn(file, columns, spec.idColumn(), "id");
        }
    }

    private static void requireColumn(Path file, List<String> columns, String column, String role) {
        if (!columns.contains(column)) {
            throw new InvalidDataException(file + ": no " + role + " column '" + column + "'; columns are " + columns);
        }
    }
}
