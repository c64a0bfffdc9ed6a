package io.chemdl4j.models.experiment;

import java.util.List;
import java.util.Locale;

/** Human-readable report of a {@link HyperparameterSearch}. */
public final class SearchReport {
    private SearchReport() {
    }

    /** The ranked trials (validation metric first), then the best model's train/valid/test scores. */
    public static String text(ExperimentConfig base, HyperparameterSearch.Result result) {
        StringBuilder sb = new StringBuilder();
        String metric = result.metric().id();
        sb.append(String.format(Locale.ROOT, "%s | %s | %s split | seed %d | %d trials ranked by valid %s%n",
                base.source().name(), base.model().name(), base.splitter().id(), base.seed(), result.ranked().size(),
                metric));
        sb.append(String.format(Locale.ROOT, "%4s %12s %12s %6s  %s%n", "rank", "valid " + metric, "train " + metric,
                "epochs", "hyperparameters"));
        List<HyperparameterSearch.Trial> ranked = result.ranked();
        for (int i = 0; i < ranked.size(); i++) {
            HyperparameterSearch.Trial t = ranked.get(i);
            sb.append(String.format(Locale.ROOT, "%4d %12.4f %12.4f %6d  %s%n", i + 1, t.validScore(), t.trainScore(),
                    t.epochs(), t.point()));
        }
        sb.append(String.format(Locale.ROOT, "best: train %.4f | valid %.4f | test %.4f %s (test scored once, after the choice)",
                result.bestScores().get("train"), result.bestScores().get("valid"), result.bestScores().get("test"),
                metric));
        return sb.toString();
    }

    /**
     * The trials as CSV, best first: rank, the validation and training scores, epochs trained, and one column per
     * hyperparameter (empty where a trial leaves the model's default), written atomically.
     */
    public static void writeTrials(HyperparameterSearch.Result result, java.nio.file.Path file)
            throws java.io.IOException {
        String metric = result.metric().id();
        io.chemdl4j.featurize.io.AtomicFiles.write(file, out -> {
            org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(
                    new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8),
                    org.apache.commons.csv.CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord("rank", "valid_" + metric, "train_" + metric, "epochs_trained", "layers", "dropout",
                    "learning_rate", "weight_decay", "batch_size", "epochs");
            List<HyperparameterSearch.Trial> ranked = result.ranked();
            for (int i = 0; i < ranked.size(); i++) {
                HyperparameterSearch.Trial t = ranked.get(i);
                HyperparameterSpace.Point p = t.point();
                csv.printRecord(i + 1, t.validScore(), t.trainScore(), t.epochs(),
                        p.layerSizes() == null ? "" : p.layerSizes().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(",")),
                        orEmpty(p.dropout()), orEmpty(p.learningRate()), orEmpty(p.weightDecay()),
                        orEmpty(p.batchSize()), orEmpty(p.epochs()));
            }
            csv.flush();
        });
    }

    private static Object orEmpty(Object value) {
        return value == null ? "" : value;
    }
}
