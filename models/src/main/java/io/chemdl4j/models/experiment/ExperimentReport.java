package io.chemdl4j.models.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.chemdl4j.models.metrics.EvaluationResult;
import io.chemdl4j.models.metrics.ScoresJson;

/** Presents an {@link ExperimentResult}: a text table for people, JSON for programs. */
public final class ExperimentReport {
    private ExperimentReport() {
    }

    /** A few lines: what ran, the scores per split, time per epoch and rows skipped. */
    public static String text(ExperimentResult result) {
        ExperimentConfig c = result.config();
        StringBuilder sb = new StringBuilder();
        // a forest is not trained by epochs; a split file replaces the splitter
        String epochs = result.epochs().isEmpty() ? "" : " | " + result.epochs().size() + " epochs";
        String splitting = c.splitFile() != null ? "split from " + c.splitFile().getFileName() : c.splitter().id() + " split";
        sb.append(String.format(Locale.ROOT, "%s | %s | %s | seed %d%s | %d train / %d valid / %d test%n",
                c.source().name(), c.model().name(), splitting, c.seed(), epochs, result.splitSizes().get(0),
                result.splitSizes().get(1), result.splitSizes().get(2)));
        if (c.ensembleSize() > 1) {
            sb.append(String.format(Locale.ROOT, "ensemble of %d models (seeds %d-%d): mean prediction scored%n",
                    c.ensembleSize(), c.seed(), c.seed() + c.ensembleSize() - 1));
        }
        result.curve().filter(curve -> c.patience() > 0).ifPresent(curve -> sb.append(String.format(Locale.ROOT,
                "early stopping on valid %s (patience %d): kept epoch %d of %d%s%n", curve.metric().id(), c.patience(),
                curve.keptEpoch(), curve.points().size(), curve.stoppedEarly() ? ", stopped early" : "")));
        Map<String, Double> header = result.scores().get("train");
        sb.append(String.format(Locale.ROOT, "%-6s", "split"));
        for (String metric : header.keySet()) {
            sb.append(String.format(Locale.ROOT, " %10s", metric));
        }
        sb.append(System.lineSeparator());
        result.scores().forEach((split, metrics) -> {
            sb.append(String.format(Locale.ROOT, "%-6s", split));
            metrics.values().forEach(v -> sb.append(String.format(Locale.ROOT, " %10.4f", v)));
            sb.append(System.lineSeparator());
        });
        EvaluationResult test = result.details().get("test");
        if (test != null && test.tasks().size() > 1) {
            sb.append("test split by task:").append(System.lineSeparator()).append(test.table())
                    .append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT, "featurize %.1f s", result.featurizeSeconds()));
        if (!result.epochs().isEmpty()) {
            sb.append(String.format(Locale.ROOT, " | train %.2f s/epoch", result.secondsPerEpoch()));
        }
        if (!result.errors().isEmpty()) {
            sb.append(String.format(Locale.ROOT, " | %d rows skipped (first: %s)", result.errors().size(),
                    result.errors().get(0)));
        }
        return sb.toString();
    }

    /**
     * {@code {"train": {"roc_auc": …}, "valid": {…}, "test": {…}, "per_task": {"train": {"NR-AR": {…}, …}, …}}},
     * written atomically ({@link ScoresJson}).
     */
    public static void writeJson(ExperimentResult result, Path file) throws IOException {
        ScoresJson.write(result.details(), file);
    }
}
