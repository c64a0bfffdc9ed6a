package io.chemdl4j.models.experiment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.split.Permutations;
import io.chemdl4j.moleculenet.split.SplitFile;

/**
 * k-fold cross-validation of an {@link ExperimentConfig}: the molecules are shuffled once with the configuration's
 * seed and cut into {@code k} folds of near-equal size; run {@code i} tests on fold {@code i}, validates on fold
 * {@code i + 1} (mod k) and trains on the rest, so that every molecule is tested exactly once. Each run is an
 * ordinary experiment on a {@link SplitFile} (its splitter and fractions do not apply), and the scores are summed up
 * as mean and standard deviation over the folds.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /**
     * The runs, one per fold, and their scores summed up.
     *
     * @param folds one result per fold, in fold order
     */
    public record Result(List<ExperimentResult> folds) {
        public Result {
            folds = List.copyOf(folds);
        }

        /** What ran, each fold's scores, and the mean ± standard deviation over the folds per split and metric. */
        public String text() {
            ExperimentConfig c = folds.get(0).config();
            StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%s | %s | %d-fold cross-validation (each molecule tested once) | seed %d%n", c.source().name(),
                    c.model().name(), folds.size(), c.seed()));
            Map<String, Map<String, double[]>> summary = summary();
            sb.append(String.format(java.util.Locale.ROOT, "%-6s", "fold"));
            summary.forEach((split, metrics) -> metrics.keySet().forEach(m -> sb.append(String.format(
                    java.util.Locale.ROOT, " %16s", split + " " + m))));
            sb.append(System.lineSeparator());
            for (int f = 0; f < folds.size(); f++) {
                sb.append(String.format(java.util.Locale.ROOT, "%-6d", f + 1));
                for (Map<String, Double> metrics : folds.get(f).scores().values()) {
                    metrics.values().forEach(v -> sb.append(String.format(java.util.Locale.ROOT, " %16.4f", v)));
                }
                sb.append(System.lineSeparator());
            }
            sb.append(String.format(java.util.Locale.ROOT, "%-6s", "mean"));
            summary.values().forEach(metrics -> metrics.values().forEach(ms -> sb.append(String.format(
                    java.util.Locale.ROOT, " %16s", String.format(java.util.Locale.ROOT, "%.4f ± %.4f", ms[0], ms[1])))));
            return sb.toString();
        }

        /**
         * {@code {"folds": [{"train": {…}, …}, …], "mean": {…}, "sd": {…}}}, written atomically as every score file
         * is ({@link io.chemdl4j.models.metrics.ScoresJson}).
         */
        public void writeJson(Path file) throws IOException {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("folds", folds.stream().map(ExperimentResult::scores).toList());
            Map<String, Map<String, Double>> mean = new LinkedHashMap<>();
            Map<String, Map<String, Double>> sd = new LinkedHashMap<>();
            summary().forEach((split, metrics) -> {
                Map<String, Double> m = new LinkedHashMap<>();
                Map<String, Double> s = new LinkedHashMap<>();
                metrics.forEach((metric, ms) -> {
                    m.put(metric, ms[0]);
                    s.put(metric, ms[1]);
                });
                mean.put(split, m);
                sd.put(split, s);
            });
            root.put("mean", mean);
            root.put("sd", sd);
            io.chemdl4j.models.metrics.ScoresJson.writeTree(root, file);
        }

        /** Per split and metric: the mean over folds and the sample standard deviation, {@code {mean, sd}}. */
        public Map<String, Map<String, double[]>> summary() {
            Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
            for (String split : folds.get(0).scores().keySet()) {
                Map<String, double[]> metrics = new LinkedHashMap<>();
                for (String metric : folds.get(0).scores().get(split).keySet()) {
                    double[] values = folds.stream().mapToDouble(r -> r.scores().get(split).get(metric)).toArray();
                    double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
                    double ss = 0;
                    for (double v : values) {
                        ss += (v - mean) * (v - mean);
                    }
                    metrics.put(metric, new double[] {mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0});
                }
                out.put(split, metrics);
            }
            return out;
        }
    }

    /**
     * Runs {@code base} on each of {@code k} folds, telling {@code listener} (may be null) as {@link Experiment#run}
     * does.
     *
     * @throws IllegalArgumentException if {@code k} is below 2, or {@code base} already names a split file
     */
    public static Result run(ExperimentConfig base, int k, Experiment.Listener listener) throws IOException {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, not " + k);
        }
        if (base.splitFile() != null) {
            throw new IllegalArgumentException("cross-validation makes its own folds; leave out the split file");
        }
        Path dir = Files.createTempDirectory("chemdl-folds");
        try {
            Path all = dir.resolve("all.csv");
            prepare(base.model(), base.toBuilder().splitsOut(all).build());
            List<String[]> molecules = rowsAndIds(all);
            if (molecules.size() < 3 * k) {
                throw new IllegalArgumentException(k + " folds of " + molecules.size() + " molecules: each fold needs "
                        + "a few; use fewer folds");
            }
            int[] order = Permutations.of(molecules.size(), new SplittableRandom(base.seed()));
            int[] foldOf = new int[molecules.size()];
            for (int f = 0; f < k; f++) {
                for (int p = (int) ((long) f * order.length / k); p < (long) (f + 1) * order.length / k; p++) {
                    foldOf[order[p]] = f;
                }
            }
            List<ExperimentResult> results = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                Path file = dir.resolve("fold-" + i + ".csv");
                writeFold(file, molecules, foldOf, i, k);
                results.add(Experiment.run(base.toBuilder().splitFile(file).splitsOut(null).build(), listener));
            }
            return new Result(results);
        } finally {
            AtomicFiles.deleteRecursively(dir);
        }
    }

    private static <D extends LabelledData<D>> void prepare(ModelKind<D> kind, ExperimentConfig config) {
        Experiment.prepare(kind, config, null);
    }

    /** The row and id of every molecule of a split file, in its order. */
    private static List<String[]> rowsAndIds(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            for (CSVRecord r : parser) {
                out.add(new String[] {r.get("row"), r.get("id")});
            }
        }
        out.sort(java.util.Comparator.comparingLong(m -> Long.parseLong(m[0])));
        return out;
    }

    private static void writeFold(Path file, List<String[]> molecules, int[] foldOf, int test, int k)
            throws IOException {
        int valid = (test + 1) % k;
        List<String> lines = new ArrayList<>(List.of("row,split"));
        for (int m = 0; m < molecules.size(); m++) {
            String part = foldOf[m] == test ? "test" : foldOf[m] == valid ? "valid" : "train";
            lines.add(molecules.get(m)[0] + "," + part);
        }
        Files.write(file, lines);
    }
}
