package io.chemdl4j.models.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.chemdl4j.featurize.AtomicFiles;

/**
 * Scores as JSON for programs ({@code --metrics-out}): {@code {"test": {"roc_auc": …}, …, "per_task": {"test":
 * {"NR-AR": {"roc_auc": …}, …}, …}}}, the mean over tasks per part and each task's own, a score that is undefined
 * (ROC-AUC of a task with one class in that part) written as {@code null}, since JSON has no NaN.
 */
public final class ScoresJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScoresJson() {
    }

    /** Writes the scores of each part ({@code train}, {@code valid}, {@code test}, …), atomically. */
    public static void write(Map<String, EvaluationResult> parts, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> perTask = new LinkedHashMap<>();
        parts.forEach((part, result) -> {
            root.put(part, finite(result.means()));
            Map<String, Object> tasks = new LinkedHashMap<>();
            result.byTask().forEach((task, scores) -> tasks.put(task, finite(scores)));
            perTask.put(part, tasks);
        });
        root.put("per_task", perTask);
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    private static Map<String, Double> finite(Map<String, Double> scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        scores.forEach((k, v) -> out.put(k, v == null || Double.isNaN(v) || Double.isInfinite(v) ? null : v));
        return out;
    }
}
