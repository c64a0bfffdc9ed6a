package io.chemdl4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;

/**
 * The registry of {@link ModelKind}s, found once by {@link ServiceLoader} from
 * {@code META-INF/services/io.chemdl4j.models.ModelKind}. An unknown name is an error that lists the
 * known ones; nothing falls back to a default kind.
 */
public final class ModelKinds {
    private static final List<ModelKind<?>> KINDS = load();

    private ModelKinds() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<ModelKind<?>> load() {
        List<ModelKind<?>> kinds = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (ModelKind kind : ServiceLoader.load(ModelKind.class, ModelKinds.class.getClassLoader())) {
            List<String> names = new ArrayList<>(List.of(kind.name()));
            names.addAll(kind.aliases());
            names.addAll(kind.savedTypes());
            for (String n : names) {
                String previous = seen.put(n, kind.name());
                if (previous != null && !previous.equals(kind.name())) {
                    throw new IllegalStateException("model kinds '" + previous + "' and '" + kind.name()
                            + "' both claim the name '" + n + "'");
                }
            }
            kinds.add((ModelKind<?>) kind);
        }
        return List.copyOf(kinds);
    }

    /** Every registered kind, in registration order. */
    public static List<ModelKind<?>> all() {
        return KINDS;
    }

    /** The names of every registered kind. */
    public static List<String> names() {
        return KINDS.stream().map(ModelKind::name).toList();
    }

    /**
     * The kind named {@code name} or one of its aliases (case-insensitive; {@code -} and {@code _} alike).
     *
     * @throws IllegalArgumentException naming the known kinds
     */
    public static ModelKind<?> byName(String name) {
        String wanted = normalize(name);
        for (ModelKind<?> kind : KINDS) {
            if (normalize(kind.name()).equals(wanted)
                    || kind.aliases().stream().anyMatch(a -> normalize(a).equals(wanted))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
    }

    /**
     * The kind that saves models of type {@code savedType} (a manifest's {@code modelType}).
     *
     * @throws ModelFormatException if no registered kind reads it
     */
    public static ModelKind<?> bySavedType(String savedType) throws ModelFormatException {
        for (ModelKind<?> kind : KINDS) {
            if (kind.savedTypes().contains(savedType)) {
                return kind;
            }
        }
        throw new ModelFormatException("unknown model type '" + ModelIO.printable(savedType) + "'; this ChemDL4J reads "
                + KINDS.stream().flatMap(k -> k.savedTypes().stream()).toList());
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
