package io.chemdl4j.models.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metric scores per task and their mean over tasks (tasks where a metric is undefined, such as
 * ROC-AUC of a task with one class only, are left out of the mean, as DeepChem does).
 */
public record EvaluationResult(List<String> tasks, Map<Metric, double[]> perTask) {
    public EvaluationResult {
        tasks = List.copyOf(tasks);
        EnumMap<Metric, double[]> copy = new EnumMap<>(Metric.class);
        perTask.forEach((m, v) -> copy.put(m, v.clone()));
        perTask = Collections.unmodifiableMap(copy);
    }

    /**
     * Scores {@code predictions} (already in original units) against {@code data}'s labels, which are
     * brought back to original units by undoing {@code transformers}; only labels with nonzero weight count.
     */
    public static EvaluationResult score(List<String> tasks, io.chemdl4j.moleculenet.Dataset data, double[][] predictions,
                                  List<Metric> metrics, List<io.chemdl4j.moleculenet.transform.Transformer> transformers) {
        return SplitPredictions.of("", tasks, data, predictions, transformers).score(metrics);
    }

    /** Mean of {@code metric} over the tasks where it is defined; NaN if none. */
    public double mean(Metric metric) {
        double[] values = perTask.get(metric);
        if (values == null) {
            throw new IllegalArgumentException(metric + " was not evaluated");
        }
        return meanOfDefined(values);
    }

    /** The mean of the values that are not NaN; NaN if none is. */
    public static double meanOfDefined(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Score of {@code metric} for one task. */
    public double task(Metric metric, String task) {
        int t = tasks.indexOf(task);
        if (t < 0) {
            throw new IllegalArgumentException("no task '" + task + "'");
        }
        return perTask.get(metric)[t];
    }

    /** Mean of each metric, keyed by metric id, in evaluation order. */
    public Map<String, Double> means() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : perTask.keySet()) {
            out.put(m.id(), mean(m));
        }
        return out;
    }

    /** Each task's scores keyed by metric id, in task order; a score undefined for a task is NaN. */
    public Map<String, Map<String, Double>> byTask() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Map.Entry<Metric, double[]> e : perTask.entrySet()) {
                scores.put(e.getKey().id(), e.getValue()[t]);
            }
            out.put(tasks.get(t), scores);
        }
        return out;
    }

    /** A table: one row per task, and the mean over tasks when there are several; one column per metric. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s", "task"));
        for (Metric m : perTask.keySet()) {
            sb.append(String.format(Locale.ROOT, " %10s", m.id()));
        }
        sb.append('\n');
        for (int t = 0; t < tasks.size(); t++) {
            sb.append(String.format(Locale.ROOT, "%-24s", tasks.get(t)));
            for (double[] values : perTask.values()) {
                sb.append(String.format(Locale.ROOT, " %10.4f", values[t]));
            }
            sb.append('\n');
        }
        if (tasks.size() > 1) {
            sb.append(String.format(Locale.ROOT, "%-24s", "mean"));
            for (Metric m : perTask.keySet()) {
                sb.append(String.format(Locale.ROOT, " %10.4f", mean(m)));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
