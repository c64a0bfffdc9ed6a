package io.chemdl4j.models.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Reads and writes a model's {@link Reliability} as {@value #FILE} in its model directory: JSON, versioned on its
 * own ({@value #FORMAT} version {@value #FORMAT_VERSION}) so that a model without one loads as before. Reading
 * checks every field (lengths against the tasks, scores ascending, bits inside the fingerprint) and the file's size
 * before anything else; a damaged file is one clear error naming the file and the field.
 */
public final class ReliabilityIO {
    /** The file's name inside a model directory. */
    public static final String FILE = "reliability.json";
    /** The {@code format} field. */
    public static final String FORMAT = "chemdl4j-reliability";
    /** The version this toolkit writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /**
     * Largest file read (about a million training molecules' fingerprints): what it parses into stays within a small
     * heap, so a crafted file is refused rather than exhausting memory.
     */
    static final long MAX_BYTES = 256L << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private ReliabilityIO() {
    }

    record File(String format, int formatVersion, String taskType, List<String> tasks, SpreadJson spread,
                List<IntervalsJson> intervals, List<Double> spreadScales, List<CalibrationJson> probabilities,
                DomainJson domain, Reliability.Provenance provenance) {
    }

    record SpreadJson(String kind, int samples) {
    }

    record IntervalsJson(boolean normalized, double[] scores) {
    }

    record CalibrationJson(String method, Double slope, Double intercept, double[] x, double[] y) {
    }

    record DomainJson(FeaturizerJson fingerprint, int neighbours, double quantile, double threshold, int length,
                      List<int[]> training) {
    }

    record FeaturizerJson(String name, Map<String, String> parameters) {
    }

    /** Writes {@code reliability} into {@code modelDirectory} atomically, replacing any earlier one. */
    public static void write(Path modelDirectory, Reliability reliability) throws IOException {
        List<IntervalsJson> intervals = reliability.intervals().stream()
                .map(c -> new IntervalsJson(c.normalized(), c.scores())).toList();
        List<CalibrationJson> probabilities = new ArrayList<>();
        for (ProbabilityCalibration c : reliability.probabilities()) {
            if (c instanceof PlattScaling p) {
                probabilities.add(new CalibrationJson("platt", p.slope(), p.intercept(), null, null));
            } else if (c instanceof IsotonicCalibration i) {
                probabilities.add(new CalibrationJson("isotonic", null, null, i.x(), i.y()));
            }
        }
        ApplicabilityDomain d = reliability.domain();
        File file = new File(FORMAT, FORMAT_VERSION, reliability.taskType().name().toLowerCase(Locale.ROOT),
                reliability.tasks(), new SpreadJson(reliability.spread().kind().name().toLowerCase(Locale.ROOT),
                reliability.spread().samples()), intervals, reliability.spreadScales(), probabilities,
                new DomainJson(new FeaturizerJson(d.fingerprint().name(), d.fingerprint().parameters()), d.neighbours(),
                        d.quantile(), d.threshold(), d.index().length(), d.index().fingerprints()),
                reliability.provenance());
        AtomicFiles.write(modelDirectory.resolve(FILE), out -> JSON.writeValue(out, file));
    }

    /**
     * The reliability saved in {@code modelDirectory}, or empty if it has none.
     *
     * @throws ModelFormatException if the file is there but not a valid reliability file of a version this reads
     */
    public static Optional<Reliability> read(Path modelDirectory) throws IOException {
        Path path = modelDirectory.resolve(FILE);
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(path) || !Files.isRegularFile(path)) {
            throw new ModelFormatException(path + " is not a regular file; a model's files must be its own");
        }
        if (Files.size(path) > MAX_BYTES) {
            throw new ModelFormatException(path + " is larger than " + MAX_BYTES + " bytes; a reliability file is not");
        }
        File f;
        try (InputStream in = Files.newInputStream(path)) {
            f = JSON.readValue(in, File.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(path + " is not a valid reliability file: " + describe(e), e);
        }
        try {
            return Optional.of(toReliability(f));
        } catch (ModelFormatException | IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                field.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            return "field " + field.substring(field.charAt(0) == '.' ? 1 : 0) + " is missing or of the wrong type";
        }
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "it is not JSON of the expected shape"
                : String.valueOf(e.getMessage());
    }

    private static Reliability toReliability(File f) throws ModelFormatException {
        if (!FORMAT.equals(f.format())) {
            throw new ModelFormatException("format is not " + FORMAT);
        }
        if (f.formatVersion() < 1 || f.formatVersion() > FORMAT_VERSION) {
            throw new ModelFormatException("reliability format version " + f.formatVersion() + " is not supported; this "
                    + "ChemDL4J reads version 1 to " + FORMAT_VERSION);
        }
        TaskType taskType = switch (String.valueOf(f.taskType())) {
            case "regression" -> TaskType.REGRESSION;
            case "classification" -> TaskType.CLASSIFICATION;
            default -> throw new IllegalArgumentException("taskType must be regression or classification");
        };
        Reliability.Spread spread = new Reliability.Spread(switch (String.valueOf(f.spread() == null ? null
                : f.spread().kind())) {
            case "none" -> Reliability.Spread.Kind.NONE;
            case "ensemble" -> Reliability.Spread.Kind.ENSEMBLE;
            case "predicted" -> Reliability.Spread.Kind.PREDICTED;
            case "dropout" -> Reliability.Spread.Kind.DROPOUT;
            default -> throw new IllegalArgumentException("spread.kind must be none, ensemble, predicted or dropout");
        }, f.spread().samples());
        List<ConformalIntervals> intervals = new ArrayList<>();
        for (IntervalsJson i : nonNull(f.intervals())) {
            intervals.add(new ConformalIntervals(i.scores(), i.normalized()));
        }
        List<ProbabilityCalibration> probabilities = new ArrayList<>();
        for (CalibrationJson c : nonNull(f.probabilities())) {
            probabilities.add(switch (String.valueOf(c.method())) {
                case "platt" -> new PlattScaling(c.slope(), c.intercept());
                case "isotonic" -> new IsotonicCalibration(c.x(), c.y());
                default -> throw new IllegalArgumentException("probabilities[].method must be platt or isotonic");
            });
        }
        DomainJson d = f.domain();
        if (d == null || d.fingerprint() == null || d.training() == null) {
            throw new IllegalArgumentException("domain, its fingerprint and its training molecules are required");
        }
        ApplicabilityDomain domain = new ApplicabilityDomain(new FeaturizerSpec(d.fingerprint().name(),
                d.fingerprint().parameters() == null ? Map.of() : d.fingerprint().parameters()), d.neighbours(),
                d.quantile(), d.threshold(), DomainIndex.of(d.training(), d.length()));
        return new Reliability(taskType, nonNull(f.tasks()), spread, intervals, nonNull(f.spreadScales()), probabilities,
                domain, f.provenance());
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
