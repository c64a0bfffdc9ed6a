package io.chemdl4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;

import io.chemdl4j.moleculenet.TaskType;

/** {@code --units}: the units that parity plots write on their axes (a picocli mixin of the verbs that plot). */
final class PlotUnits {
    @Option(names = "--units", paramLabel = "[TASK=]UNITS", description = "Units of the labels for the parity plots' "
            + "axes, e.g. --units 'log mol/L' (every task) or --units pIC50=-log10(M) (one task; repeat for more). "
            + "Default: the catalog's units for a dataset, none for a file.")
    List<String> values = List.of();

    /**
     * Task → units for {@code tasks}; an error naming the option for a task that is not one of
     * {@code tasks}, or for classification (whose labels are classes and plots rates).
     */
    Map<String, String> byTask(TaskType type, List<String> tasks) {
        Map<String, String> units = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return units;
        }
        if (type != TaskType.REGRESSION) {
            throw new IllegalArgumentException("--units: only regression labels have units; these are "
                    + type.id() + " labels");
        }
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                tasks.forEach(t -> units.put(t, value.strip()));
                continue;
            }
            String task = value.substring(0, eq).strip();
            if (!tasks.contains(task)) {
                throw new IllegalArgumentException("--units: " + task + " is not a task; the tasks are "
                        + String.join(", ", tasks));
            }
            units.put(task, value.substring(eq + 1).strip());
        }
        return units;
    }
}
