package io.chemdl4j.models.plot;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.chemdl4j.moleculenet.load.DataSource;

/**
 * What a figure names besides its data: the dataset and the model it shows (both in the title) and
 * the units of each task's values (on the axes of a parity plot). Immutable.
 *
 * @param dataset the dataset's name, e.g. {@code delaney} or the user's file name; empty to leave it out
 * @param model   the model kind, e.g. {@code dmpnn}; empty to leave it out
 * @param units   task name → units of its values, e.g. {@code log mol/L}; tasks not in the map have none
 */
public record FigureLabels(String dataset, String model, Map<String, String> units) {
    /** Names nothing: titles name only the task, axes carry no units. */
    public static final FigureLabels NONE = new FigureLabels("", "", Map.of());

    public FigureLabels {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        units = Map.copyOf(units);
    }

    /**
     * The dataset's name, the model's and the units of the source's tasks, overridden by {@code units}
     * (task → units) for the tasks that map names.
     */
    public static FigureLabels of(DataSource source, String model, Map<String, String> units) {
        Map<String, String> merged = new HashMap<>(source.units());
        merged.putAll(units);
        return new FigureLabels(source.name(), model, merged);
    }

    /** The units of {@code task}'s values, or the empty string. */
    public String unitsOf(String task) {
        return units.getOrDefault(task, "");
    }

    /** {@code quantity (units)}, or the bare quantity where the task has no units. */
    String axis(String quantity, String task) {
        String u = unitsOf(task);
        return u.isEmpty() ? quantity : quantity + " (" + u + ")";
    }

    /** {@code dataset · model: subject}, leaving out what is empty. */
    String title(String subject) {
        String context = dataset.isEmpty() ? model : model.isEmpty() ? dataset : dataset + " · " + model;
        return context.isEmpty() ? subject : context + ": " + subject;
    }
}
