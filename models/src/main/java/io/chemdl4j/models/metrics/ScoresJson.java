package io.chemdl4j.models.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.chemdl4j.featurize.io.AtomicFiles;

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
            root.put(part, result.means());
            perTask.put(part, result.byTask());
        });
        root.put("per_task", perTask);
        writeTree(root, file);
    }

    /**
     * Writes a tree of maps, lists and numbers (other score reports: cross-validation's folds, mean and sd),
     * atomically, every value that is not a finite number written as {@code null}.
     */
    public static void writeTree(Map<String, ?> root, Path file) throws IOException {
        Object finite = finite(root);
        AtomicFiles.write(file, out -> JSON.writeValue(out, finite));
    }

    private static Object finite(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, finite(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(ScoresJson::finite).toList();
        }
        return value;
    }
}
