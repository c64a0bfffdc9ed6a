package io.chemdl4j.moleculenet;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.RowError;
import io.chemdl4j.featurize.VectorFeaturizer;

/**
 * Loads a CSV file (optionally gzipped) of SMILES and labels into a {@link Dataset}, featurizing on
 * every core. Empty label fields (and {@code nan}, {@code NA}) are missing labels: value 0, weight 0.
 * A row whose SMILES cannot be featurized or whose label is not a number is reported with its row
 * number and reason, and every other row is loaded.
 *
 * <p>Thread-safe: holds only immutable configuration.
 */
public final class CsvLoader {
    private static final Set<String> MISSING = Set.of("", "nan", "na", "n/a", "null", "none");

    private final CsvSpec spec;
    private final VectorFeaturizer featurizer;
    private final int threads;

    public CsvLoader(CsvSpec spec, VectorFeaturizer featurizer, int threads) {
        this.spec = spec;
        this.featurizer = featurizer;
        this.threads = threads;
    }

    public CsvLoader(CsvSpec spec, VectorFeaturizer featurizer) {
        this(spec, featurizer, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads and featurizes {@code file}.
     *
     * @throws InvalidDataException if the file is missing, empty, unreadable or lacks a named column
     */
    public LoadedData load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException(file + ": no such file");
        }
        String source = file.getFileName().toString();
        List<String> smiles = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Long> rowNumbers = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        int tasks = spec.taskColumns().size();
        long row = 0;
        try (Reader reader = DataFiles.openText(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(false).build().parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                throw new InvalidDataException(file + ": file is empty (no header line)");
            }
            requireColumn(file, header, spec.smilesColumn(), "SMILES");
            for (String task : spec.taskColumns()) {
                requireColumn(file, header, task, "task");
            }
            if (spec.idColumn() != null) {
                requireColumn(file, header, spec.idColumn(), "id");
            }
            for (CSVRecord record : parser) {
                long thisRow = row++;
                String smi = field(record, header.get(spec.smilesColumn()));
                if (!record.isConsistent()) {
                    errors.add(new RowError(source, thisRow, smi, "has " + record.size() + " fields, header has "
                            + header.size()));
                    continue;
                }
                float[] y = new float[tasks * 2]; // labels, then weights
                String labelError = null;
                for (int t = 0; t < tasks && labelError == null; t++) {
                    String value = field(record, header.get(spec.taskColumns().get(t))).strip();
                    if (MISSING.contains(value.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    try {
                        float v = Float.parseFloat(value);
                        if (!Float.isFinite(v)) {
                            throw new NumberFormatException();
                        }
                        y[t] = v;
                        y[tasks + t] = 1f;
                    } catch (NumberFormatException e) {
                        labelError = "label '" + value + "' of task '" + spec.taskColumns().get(t) + "' is not a number";
                    }
                }
                if (labelError != null) {
                    errors.add(new RowError(source, thisRow, smi, labelError));
                    continue;
                }
                smiles.add(smi);
                labels.add(y);
                ids.add(spec.idColumn() == null ? smi : field(record, header.get(spec.idColumn())));
                rowNumbers.add(thisRow);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidDataException(file + ": cannot be read as CSV (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv signals malformed input (e.g. an unterminated quote) this way
            throw new InvalidDataException(file + ": malformed CSV (" + e.getMessage() + ")", e);
        }
        return assemble(source, smiles, labels, ids, rowNumbers, errors, (int) row);
    }

    private LoadedData assemble(String source, List<String> smiles, List<float[]> labels, List<String> ids,
                                List<Long> rowNumbers, List<RowError> errors, int rowsRead) {
        BatchFeaturizer.Result result = new BatchFeaturizer(featurizer, threads).featurize(source, smiles, 0);
        int tasks = spec.taskColumns().size();
        int d = featurizer.length();
        int good = result.featurizedCount();
        float[] x = new float[good * d];
        float[] y = new float[good * tasks];
        float[] w = new float[good * tasks];
        String[] keptIds = new String[good];
        int k = 0;
        for (int i = 0; i < smiles.size(); i++) {
            float[] f = result.features()[i];
            if (f == null) {
                continue;
            }
            System.arraycopy(f, 0, x, k * d, d);
            System.arraycopy(labels.get(i), 0, y, k * tasks, tasks);
            System.arraycopy(labels.get(i), tasks, w, k * tasks, tasks);
            keptIds[k++] = ids.get(i);
        }
        // Featurization errors are numbered within the kept list; map them back to file rows.
        List<RowError> all = new ArrayList<>(errors);
        for (RowError e : result.errors()) {
            all.add(new RowError(source, rowNumbers.get((int) e.row()), e.input(), e.reason()));
        }
        all.sort((a, b) -> Long.compare(a.row(), b.row()));
        return new LoadedData(new Dataset(good, d, spec.taskColumns(), x, y, w, keptIds), all, rowsRead);
    }

    private static String field(CSVRecord record, int index) {
        return index < record.size() ? record.get(index) : "";
    }

    private static void requireColumn(Path file, Map<String, Integer> header, String column, String role) {
        if (!header.containsKey(column)) {
            throw new InvalidDataException(file + ": no " + role + " column '" + column + "'; columns are "
                    + Arrays.toString(header.keySet().toArray()));
        }
    }
}
