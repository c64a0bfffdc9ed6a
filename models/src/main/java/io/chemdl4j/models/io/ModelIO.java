package io.chemdl4j.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKinds;
import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.models.reliability.ReliabilityIO;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.FeatureClippingTransformer;
import io.chemdl4j.moleculenet.transform.FeatureNormalizationTransformer;
import io.chemdl4j.moleculenet.transform.LogTransformer;
import io.chemdl4j.moleculenet.transform.MinMaxTransformer;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Saves and loads models as a directory: {@value #MANIFEST} (format version, model type, tasks,
 * featurizer, the kind's configuration, transformers, training history) and the files the model's
 * {@link ModelKind} writes beside it: {@value #NETWORK} (the DL4J network) for a multitask network,
 * {@code parameters.zip} (one ND4J array per named parameter and batch-normalization statistic) for a
 * graph convolution, {@code forests.zip} for a random forest. Directories are written atomically.
 * {@link #load} finds the kind by the manifest's {@code modelType} in {@link ModelKinds}. Files of every
 * earlier format version keep loading; committed golden models in the tests prove it.
 *
 * <p>Format versions: 1, multitask networks (DL4J's network file); 2 adds graph convolutions (ND4J arrays);
 * 3 adds random forests; 4 writes every weight array in ChemDL4J's own checked format ({@link ArrayCodec}),
 * multitask networks included (DL4J's JSON configuration beside them). Every version keeps loading.
 */
public final class ModelIO {
    /** Name of the manifest inside a model directory. */
    public static final String MANIFEST = "chemdl-model.json";
    /** Name of the network file inside a model directory. */
    public static final String NETWORK = "network.zip";
    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "chemdl4j-model";
    /** Newest format version this toolkit reads and writes. */
    public static final int FORMAT_VERSION = 7;
    /** Format version of multitask networks (unchanged since version 1). */
    public static final int MULTITASK_FORMAT_VERSION = 1;
    /** Format version that introduced graph convolutions. */
    public static final int GRAPHCONV_FORMAT_VERSION = 2;
    /** Format version that introduced random forests. */
    public static final int FOREST_FORMAT_VERSION = 3;
    /** Format version whose weight arrays are in ChemDL4J's own checked format ({@link ArrayCodec}). */
    public static final int ARRAYS_FORMAT_VERSION = 4;
    /** Format version of ensembles: a manifest naming its members, each a model directory of its own. */
    public static final int ENSEMBLE_FORMAT_VERSION = 5;
    /**
     * Format version of multiclass models: the manifest's {@code classes} gives K, and each kind saves them
     * under a model type of its own; other models are still written in their earlier versions.
     */
    public static final int MULTICLASS_FORMAT_VERSION = 6;
    /**
     * Format version of random forests saved as arrays in ChemDL4J's checked format (int32 node indices, float32
     * thresholds and leaf values) instead of XGBoost's UBJSON; other models are still written in their earlier
     * versions.
     */
    public static final int FOREST_ARRAYS_FORMAT_VERSION = 7;
    /** The {@code modelType} of an ensemble's manifest. */
    public static final String ENSEMBLE_TYPE = "ensemble";
    /** Most members an ensemble file may declare. */
    public static final int MAX_ENSEMBLE_MEMBERS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ModelIO() {
    }

    /**
     * The manifest of a saved model. A kind's configuration is kept as JSON, each kind reading its own:
     * {@code config} (multitask networks since format 1, and every later kind) or {@code graphConfig}
     * (graph convolutions, format 2).
     */
    record Manifest(String format, int formatVersion, String toolkitVersion, String savedAt, String modelType,
                    List<String> tasks, int featureCount, FeaturizerJson featurizer, JsonNode config,
                    JsonNode graphConfig, List<TransformerJson> transformers, List<EpochRecord> history,
                    Integer members, Integer classes) {
    }

    /**
     * What a {@link ModelKind} writes into a model directory's manifest.
     *
     * @param modelType     the manifest's {@code modelType}: one of the kind's {@link ModelKind#savedTypes()}
     * @param formatVersion the format version the files follow
     * @param tasks         task names
     * @param featureCount  input features (per molecule, or per atom for graphs)
     * @param configField   {@code config}, or {@code graphConfig} for graph convolutions (format 2)
     * @param config        the configuration, written as JSON
     * @param history       the epochs trained
     * @param classes       K of a multiclass model (written as the manifest's {@code classes}), else 0
     */
    public record Contents(String modelType, int formatVersion, List<String> tasks, int featureCount,
                           String configField, ModelConfig config, List<EpochRecord> history, int classes) {
        public Contents {
            if (!configField.equals("config") && !configField.equals("graphConfig")) {
                throw new IllegalArgumentException("a configuration goes into 'config' or 'graphConfig', not "
                        + configField);
            }
            if (classes != 0 && formatVersion < MULTICLASS_FORMAT_VERSION) {
                throw new IllegalArgumentException("multiclass models are written in format version "
                        + MULTICLASS_FORMAT_VERSION + " or later");
            }
        }

        /** The contents of a binary classifier or regressor. */
        public Contents(String modelType, int formatVersion, List<String> tasks, int featureCount,
                        String configField, ModelConfig config, List<EpochRecord> history) {
            this(modelType, formatVersion, tasks, featureCount, configField, config, history, 0);
        }

        /**
         * The format version a kind whose other models are written in {@code version} writes a model of
         * {@code classes} (0: not multiclass) in.
         */
        public static int formatVersion(int version, int classes) {
            return classes > 0 ? Math.max(version, MULTICLASS_FORMAT_VERSION) : version;
        }
    }

    /** Writes a kind's weight files into the directory being built. */
    @FunctionalInterface
    public interface WeightWriter {
        /** Writes the weight files into {@code directory}, the model directory being built. */
        void write(Path directory) throws IOException;
    }

    /**
     * A saved model directory as its {@link ModelKind} reads it back: the manifest's fields and the files.
     *
     * @param directory     the model directory
     * @param modelType     the manifest's model type
     * @param formatVersion the format version the files follow
     * @param tasks         task names
     * @param featureCount  input features (per molecule, or per atom for graphs)
     * @param history       the epochs trained
     * @param classes       the manifest's {@code classes}: K of a multiclass model, else 0
     */
    public record SavedFiles(Path directory, String modelType, int formatVersion, List<String> tasks,
                             int featureCount, List<EpochRecord> history, JsonNode config, JsonNode graphConfig,
                             int classes) {
        /**
         * The configuration in the manifest's {@code field} ({@code config} or {@code graphConfig}).
         *
         * @throws ModelFormatException if it is absent or not a {@code type}
         */
        public <C> C config(String field, Class<C> type) throws ModelFormatException {
            JsonNode node = field.equals("graphConfig") ? graphConfig : config;
            if (node == null || node.isNull()) {
                throw new ModelFormatException(directory + ": the manifest of a " + modelType + " model has no "
                        + field);
            }
            try {
                return JSON.treeToValue(node, type);
            } catch (IOException | RuntimeException e) {
                throw new ModelFormatException(directory.resolve(MANIFEST) + ": field '" + field + "' is not a valid "
                        + type.getSimpleName() + ": " + describe(e), e);
            }
        }

        /**
         * The file {@code name} of the directory.
         *
         * @throws ModelFormatException if it is missing
         */
        public Path file(String name) throws ModelFormatException {
            Path file = directory.resolve(name);
            refuseLink(directory, name);
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelFormatException(directory + ": " + name + " is missing");
            }
            return file;
        }

        /**
         * The entries of the zip file {@code name}, each read with a size cap: for kinds whose files hold
         * other data than arrays. An entry whose name {@code allowed} refuses, a repeated name, an entry
         * larger than {@code maxBytes} or more than {@link #MAX_ENTRIES} entries is refused by name.
         *
         * @throws ModelFormatException if the file is missing, unreadable or refused
         */
        public Map<String, byte[]> entries(String name, java.util.function.Predicate<String> allowed, int maxBytes)
                throws ModelFormatException {
            Path file = file(name);
            Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String entryName = printable(entry.getName());
                    if (!allowed.test(entry.getName()) || entries.containsKey(entryName)
                            || entries.size() >= MAX_ENTRIES) {
                        throw new ModelFormatException(file + ": unexpected entry '" + entryName + "'");
                    }
                    byte[] bytes = zip.readNBytes(maxBytes + 1);
                    if (bytes.length > maxBytes) {
                        throw new ModelFormatException(file + ": entry '" + entryName + "' is larger than "
                                + maxBytes + " bytes");
                    }
                    entries.put(entryName, bytes);
                }
            } catch (ModelFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new ModelFormatException(file + " cannot be read: " + e.getMessage(), e);
            }
            return entries;
        }

        /**
         * The task type of a kind that saves classifiers, regressors and multiclass models under these
         * types; a multiclass model must give its {@code classes} (2..{@link TaskType#MAX_CLASSES}), the others
         * none.
         *
         * @throws ModelFormatException if the model type is none of them, or {@code classes} does not fit it
         */
        public TaskType taskType(String classifierType, String regressorType, String multiclassType)
                throws ModelFormatException {
            boolean multiclass = modelType.equals(multiclassType);
            if (multiclass != (classes != 0)) {
                throw new ModelFormatException(directory + ": " + (multiclass
                        ? "field 'classes' is missing from a " + multiclassType + " model"
                        : "field 'classes' is given for a model that is not multiclass"));
            }
            if (multiclass) {
                if (classes < 2 || classes > TaskType.MAX_CLASSES) {
                    throw new ModelFormatException(directory + ": field 'classes' is " + classes + "; a multiclass "
                            + "model has 2 to " + TaskType.MAX_CLASSES);
                }
                return TaskType.MULTICLASS;
            }
            if (modelType.equals(classifierType)) {
                return TaskType.CLASSIFICATION;
            }
            if (modelType.equals(regressorType)) {
                return TaskType.REGRESSION;
            }
            throw new ModelFormatException(directory + ": model type '" + printable(modelType) + "' is none of "
                    + classifierType + ", " + regressorType + " and " + multiclassType);
        }

        /**
         * The arrays of the zip file {@code name}, written by {@link #writeArrays} in ChemDL4J's own format (format
         * version {@value #ARRAYS_FORMAT_VERSION} and later), onto the Java heap without starting ND4J. Every entry's
         * header is checked (its shape is returned for all); the entries that {@code wanted} accepts are checked whole,
         * keeping nothing, and only then read (a damaged or crafted file is refused before anything is allocated); the
         * others are not decompressed (a prediction does not read the optimizer's state, two thirds of a fingerprint
         * network's file).
         *
         * @throws ModelFormatException if the file is missing or cannot be read, or the model's format version is
         *                              older
         */
        public HeapArrays heapArrays(String name, java.util.function.Predicate<String> wanted)
                throws ModelFormatException {
            Path file = file(name);
            if (formatVersion < ARRAYS_FORMAT_VERSION) {
                throw new ModelFormatException(file + ": format version " + formatVersion + " holds ND4J's arrays, "
                        + "which only ND4J reads");
            }
            Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
            Map<String, ArrayCodec.Floats> values = new java.util.LinkedHashMap<>();
            try {
                readArrays(file, (entry, in) -> {
                    shapes.put(entry, wanted.test(entry) ? ArrayCodec.checkShape(entry, in) : ArrayCodec.shape(entry, in));
                    return HeapArrays.elements(shapes.get(entry));
                });
                readArrays(file, (entry, in) -> {
                    if (!shapes.containsKey(entry)) {
                        throw new IOException("entry '" + entry + "' was not there when the file was checked");
                    }
                    if (!wanted.test(entry)) {
                        return 0;
                    }
                    ArrayCodec.Floats array = ArrayCodec.readFloats(entry, in, shapes.get(entry));
                    values.put(entry, array);
                    return array.values().length;
                });
            } catch (IOException | RuntimeException e) {
                throw new ModelFormatException(file + " cannot be read: " + e.getMessage(), e);
            }
            return new HeapArrays(shapes, values);
        }

        /**
         * The named arrays of the zip file {@code name}, written by {@link #writeArrays}.
         *
         * @throws ModelFormatException if the file is missing or cannot be read
         */
        public Map<String, INDArray> arrays(String name) throws ModelFormatException {
            Path file = file(name);
            try {
                return readArrays(file, formatVersion < ARRAYS_FORMAT_VERSION);
            } catch (IOException | RuntimeException e) {
                throw new ModelFormatException(file + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Arrays of a weights file read onto the Java heap ({@link SavedFiles#heapArrays}).
     *
     * @param shapes every entry's shape, in the file's order
     * @param values the entries asked for
     */
    public record HeapArrays(Map<String, long[]> shapes, Map<String, ArrayCodec.Floats> values) {
        /** The element count of an array of {@code shape}. */
        public static long elements(long[] shape) {
            return java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        }
    }

    record FeaturizerJson(String name, Map<String, String> parameters) {
    }

    /** A transformer as JSON: {@code type} and the fields of that type (absent fields are null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransformerJson(String type, double[] means, double[] stds, double[] positiveWeights,
                           double[] negativeWeights, double[] mins, double[] maxs, Double max) {
        static TransformerJson of(Transformer t) {
            // Java 17: no pattern switch yet; the transformer interface is sealed, so this list is complete.
            if (t instanceof NormalizationTransformer n) {
                return new TransformerJson(n.name(), n.means(), n.stds(), null, null, null, null, null);
            } else if (t instanceof BalancingTransformer b) {
                return new TransformerJson(b.name(), null, null, b.positiveWeights(), b.negativeWeights(), null, null, null);
            } else if (t instanceof FeatureNormalizationTransformer f) {
                return new TransformerJson(f.name(), f.means(), f.stds(), null, null, null, null, null);
            } else if (t instanceof FeatureClippingTransformer c) {
                return new TransformerJson(c.name(), null, null, null, null, null, null, c.max());
            } else if (t instanceof MinMaxTransformer m) {
                return new TransformerJson(m.name(), null, null, null, null, m.mins(), m.maxs(), null);
            }
            return new TransformerJson(t.name(), null, null, null, null, null, null, null);
        }

        Transformer toTransformer() throws ModelFormatException {
            try {
                return switch (type) {
                    case "normalization" -> new NormalizationTransformer(means, stds);
                    case "balancing" -> new BalancingTransformer(positiveWeights, negativeWeights);
                    case "feature-normalization" -> new FeatureNormalizationTransformer(means, stds);
                    case "feature-clipping" -> new FeatureClippingTransformer(max);
                    case "minmax" -> new MinMaxTransformer(mins, maxs);
                    case "log" -> new LogTransformer();
                    default -> throw new ModelFormatException("unknown transformer type '" + printable(type) + "'");
                };
            } catch (NullPointerException | IllegalArgumentException e) {
                throw new ModelFormatException("transformer '" + printable(type) + "' has missing or invalid fields: "
                        + e.getMessage());
            }
        }
    }

    /**
     * Writes a model directory atomically: the manifest ({@code contents}, the featurizer, the
     * transformers, this toolkit's version and the time) and the files {@code weights} writes.
     */
    public static void write(Path directory, Contents contents, FeaturizerSpec featurizer,
                             List<Transformer> transformers, WeightWriter weights) throws IOException {
        JsonNode config = JSON.valueToTree(contents.config());
        boolean graph = contents.configField().equals("graphConfig");
        Manifest manifest = new Manifest(FORMAT, contents.formatVersion(), ToolkitVersion.get(), Instant.now().toString(),
                contents.modelType(), contents.tasks(), contents.featureCount(), json(featurizer),
                graph ? null : config, graph ? config : null, json(transformers), contents.history(), null,
                contents.classes() == 0 ? null : contents.classes());
        AtomicFiles.writeDirectory(directory, dir -> {
            weights.write(dir);
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        });
    }

    /**
     * Writes an ensemble's directory atomically: each member saved by {@code members} into {@code member-0},
     * {@code member-1}, … (a model directory of its own, as its kind saves it), and a manifest of type
     * {@value #ENSEMBLE_TYPE} with the members' count, tasks, featurizer and transformers.
     */
    public static void writeEnsemble(Path directory, int memberCount, List<String> tasks, FeaturizerSpec featurizer,
                                     List<Transformer> transformers, MemberWriter members) throws IOException {
        if (memberCount < 1 || memberCount > MAX_ENSEMBLE_MEMBERS) {
            throw new IllegalArgumentException("an ensemble has 1 to " + MAX_ENSEMBLE_MEMBERS + " members, not "
                    + memberCount);
        }
        Manifest manifest = new Manifest(FORMAT, ENSEMBLE_FORMAT_VERSION, ToolkitVersion.get(), Instant.now().toString(),
                ENSEMBLE_TYPE, tasks, 0, json(featurizer), null, null, json(transformers), List.of(), memberCount, null);
        AtomicFiles.writeDirectory(directory, dir -> {
            for (int i = 0; i < memberCount; i++) {
                members.write(i, dir.resolve(memberName(i)));
            }
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        });
    }

    /** Saves member {@code index} of an ensemble into {@code directory}. */
    @FunctionalInterface
    public interface MemberWriter {
        /** Saves member {@code index} into {@code directory}, its own model directory. */
        void write(int index, Path directory) throws IOException;
    }

    /** The directory of an ensemble's member {@code index}, inside the ensemble's. */
    public static String memberName(int index) {
        return "member-" + index;
    }

    /**
     * Writes {@code arrays} to the zip file {@code file}, one entry per name in {@link ArrayCodec}'s checked
     * format (read back by {@link SavedFiles#arrays}).
     */
    public static void writeArrays(Path file, Map<String, INDArray> arrays) throws IOException {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            writeArrays(out, arrays);
        }
    }

    /** As {@link #writeArrays(Path, Map)}, to a stream (left open; the zip is finished). */
    public static void writeArrays(java.io.OutputStream out, Map<String, INDArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, INDArray> array : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(array.getKey()));
            zip.write(ArrayCodec.encode(array.getValue()));
            zip.closeEntry();
        }
        zip.finish();
    }

    private static FeaturizerJson json(FeaturizerSpec featurizer) {
        return featurizer == null ? null : new FeaturizerJson(featurizer.name(), featurizer.parameters());
    }

    private static List<TransformerJson> json(List<Transformer> transformers) {
        List<TransformerJson> out = new ArrayList<>();
        for (Transformer t : transformers) {
            out.add(TransformerJson.of(t));
        }
        return out;
    }

    /** Largest manifest read: a manifest holds names, a configuration and one record per epoch. */
    private static final int MAX_MANIFEST_BYTES = 16 << 20;

    /**
     * Refuses a symbolic link as file {@code name} of a model directory: a model's files are its own, and a link
     * could make loading read any file the user can (and echo what it finds in an error).
     */
    private static void refuseLink(Path directory, String name) throws ModelFormatException {
        if (Files.isSymbolicLink(directory.resolve(name))) {
            throw new ModelFormatException(directory + ": " + name + " is a symbolic link; a model's files must be its own");
        }
    }

    /**
     * What is wrong with a manifest, in one line that names the field and the place but never repeats the file's
     * contents (Jackson's own messages quote the text they could not read).
     */
    static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : mapping.getPath()) {
                if (r.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    field.append('[').append(r.getIndex()).append(']');
                }
            }
            return "field '" + printable(field.toString()) + "' has a value of the wrong type or form" + location(mapping);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException json) {
            return "not JSON" + location(json);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return "a value of the wrong type or form" + location(json);
        }
        return e.getClass().getSimpleName();
    }

    /**
     * {@code text} from a file, fit to quote in an error: anything but printable ASCII replaced by {@code ?}, and
     * at most 80 characters.
     */
    public static String printable(String text) {
        return RowError.printable(text, 80);
    }

    private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Largest entry of ND4J's own format (format versions 2 and 3) read back. */
    private static final int MAX_LEGACY_ENTRY_BYTES = 256 << 20;
    /** Most elements read from one arrays file altogether. */
    private static final long MAX_TOTAL_ELEMENTS = 4 * ArrayCodec.MAX_ELEMENTS;
    /** Most entries in one arrays file. */
    private static final int MAX_ENTRIES = 100_000;

    /**
     * The arrays of {@code file}, written by {@link #writeArrays}: each entry in ChemDL4J's checked format
     * ({@link ArrayCodec}), checked before anything is allocated; an entry in any other form is refused by name.
     */
    public static Map<String, INDArray> readArrays(Path file) throws IOException {
        return readArrays(file, false);
    }

    /**
     * The arrays of {@code file}, each entry checked before anything is allocated: in ChemDL4J's checked
     * format ({@link ArrayCodec}), or, with {@code nd4jEntries} (files of format versions 2 and 3), also ND4J's own,
     * read with a size cap.
     */
    public static Map<String, INDArray> readArrays(Path file, boolean nd4jEntries) throws IOException {
        if (!nd4jEntries) {
            // The whole file is checked before the first array is made: ND4J takes seconds to start, and a damaged
            // or crafted file is refused without it.
            readArrays(file, (name, zip) -> ArrayCodec.check(name, zip));
        }
        Nd4jRuntime.ensureConfigured();
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        readArrays(file, (name, zip) -> {
            INDArray array = nd4jEntries ? read(name, zip) : ArrayCodec.read(name, zip);
            arrays.put(name, array);
            return array.length();
        });
        return arrays;
    }

    /** Reads what it needs of one array entry (the rest is not decompressed); returns the elements it counts. */
    @FunctionalInterface
    private interface EntryReader {
        long read(String name, InputStream entry) throws IOException;
    }

    /**
     * Hands {@code reader} each entry of {@code file}, refusing repeated names and more entries or elements than the
     * caps. The file is read by random access, so that an entry the reader leaves unread is skipped rather than
     * inflated to pass it (a prediction leaves a multitask network's optimizer state, two thirds of its file).
     */
    private static void readArrays(Path file, EntryReader reader) throws IOException {
        java.util.Set<String> names = new java.util.HashSet<>();
        long total = 0;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new IOException("more than " + MAX_ENTRIES + " entries");
            }
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = printable(entry.getName());
                if (!names.add(name)) {
                    throw new IOException("unexpected entry '" + name + "' (repeated)");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    total += reader.read(name, in);
                }
                if (total > MAX_TOTAL_ELEMENTS) {
                    throw new IOException("more than " + MAX_TOTAL_ELEMENTS + " elements of arrays");
                }
            }
        }
    }

    /**
     * One array entry: ChemDL4J's checked format, or ND4J's own (format versions 1 to 3), which
     * {@link LegacyArrayReader} checks and decodes itself; neither hands native code an unchecked length.
     */
    public static INDArray read(String name, java.io.InputStream entry) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(entry);
        in.mark(8);
        boolean checked = ArrayCodec.isEncoded(in.readNBytes(4));
        in.reset();
        if (checked) {
            return ArrayCodec.read(name, in);
        }
        return LegacyArrayReader.read(name, in, MAX_LEGACY_ENTRY_BYTES);
    }

    /**
     * Loads a model directory written by a kind's save ({@link io.chemdl4j.models.ModelKind#save}).
     *
     * @throws ModelFormatException if the directory is not a model of a version this toolkit reads
     */
    public static SavedModel load(Path directory) throws IOException {
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory + ": no such model directory");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelFormatException(directory + " is not a ChemDL4J model directory (no " + MANIFEST + ")");
        }
        refuseLink(directory, MANIFEST);
        Manifest m;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new ModelFormatException(manifestFile + " is larger than " + MAX_MANIFEST_BYTES
                        + " bytes; a model manifest is not");
            }
            m = JSON.readValue(bytes, Manifest.class);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(manifestFile + " is not a valid model manifest: " + describe(e), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new ModelFormatException(manifestFile + ": format '" + printable(m.format()) + "' is not " + FORMAT);
        }
        if (m.formatVersion() < 1 || m.formatVersion() > FORMAT_VERSION) {
            throw new ModelFormatException(directory + ": model format version " + m.formatVersion()
                    + " (written by ChemDL4J " + printable(m.toolkitVersion()) + ") is not supported; this ChemDL4J ("
                    + ToolkitVersion.get() + ") reads versions 1 to " + FORMAT_VERSION
                    + (m.formatVersion() > FORMAT_VERSION ? ". Upgrade ChemDL4J to load it." : "."));
        }
        if (m.modelType() == null) {
            throw new ModelFormatException(manifestFile + ": field 'modelType' is missing");
        }
        if (m.tasks() == null || m.tasks().isEmpty()) {
            throw new ModelFormatException(manifestFile + ": field 'tasks' is missing or empty");
        }
        if (ENSEMBLE_TYPE.equals(m.modelType())) {
            return loadEnsemble(directory, m);
        }
        ModelKind<?> kind;
        try {
            kind = ModelKinds.bySavedType(m.modelType());
        } catch (ModelFormatException e) {
            throw new ModelFormatException(directory + ": " + e.getMessage(), e);
        }
        List<EpochRecord> history = m.history() == null ? List.of() : m.history();
        // what is plain JSON first: ND4J starts (seconds) when the kind reads its arrays
        List<Transformer> transformers = transformers(m);
        io.chemdl4j.models.reliability.Reliability reliability = reliability(directory, m);
        PropertyModel<?> model = kind.load(new SavedFiles(directory, m.modelType(), m.formatVersion(), m.tasks(),
                m.featureCount(), history, m.config(), m.graphConfig(), m.classes() == null ? 0 : m.classes()));
        return new SavedModel(kind, model, featurizer(m), transformers, m.formatVersion(), m.toolkitVersion(),
                reliability);
    }

    /** The model's calibration ({@link ReliabilityIO#FILE}), or {@code null} if it has none. */
    private static io.chemdl4j.models.reliability.Reliability reliability(Path directory, Manifest m) throws IOException {
        io.chemdl4j.models.reliability.Reliability r = ReliabilityIO.read(directory).orElse(null);
        if (r != null && !r.tasks().equals(m.tasks())) {
            throw new ModelFormatException(directory.resolve(ReliabilityIO.FILE) + ": its tasks " + r.tasks()
                    + " are not the model's " + m.tasks());
        }
        return r;
    }

    private static List<Transformer> transformers(Manifest m) throws ModelFormatException {
        List<Transformer> transformers = new ArrayList<>();
        for (TransformerJson t : m.transformers() == null ? List.<TransformerJson>of() : m.transformers()) {
            transformers.add(t.toTransformer());
        }
        return transformers;
    }

    private static FeaturizerSpec featurizer(Manifest m) {
        return m.featurizer() == null ? null : new FeaturizerSpec(m.featurizer().name(), m.featurizer().parameters());
    }

    /**
     * An ensemble: each member loaded from its own directory and checked to be of one kind, with the ensemble's
     * tasks, featurizer and transformers (what the members' predictions are averaged over); a member that is itself
     * an ensemble, or a link, is refused.
     */
    private static SavedModel loadEnsemble(Path directory, Manifest m) throws IOException {
        if (m.formatVersion() < ENSEMBLE_FORMAT_VERSION) {
            throw new ModelFormatException(directory + ": an ensemble needs format version " + ENSEMBLE_FORMAT_VERSION
                    + " or later, not " + m.formatVersion());
        }
        Integer count = m.members();
        if (count == null || count < 1 || count > MAX_ENSEMBLE_MEMBERS) {
            throw new ModelFormatException(directory.resolve(MANIFEST) + ": field 'members' must be 1 to "
                    + MAX_ENSEMBLE_MEMBERS + ", not " + count);
        }
        FeaturizerSpec featurizer = featurizer(m);
        List<Transformer> transformers = transformers(m);
        List<PropertyModel<?>> members = new ArrayList<>();
        ModelKind<?> kind = null;
        for (int i = 0; i < count; i++) {
            String name = memberName(i);
            refuseLink(directory, name);
            Path memberDir = directory.resolve(name);
            if (Files.isRegularFile(memberDir.resolve(MANIFEST)) && ENSEMBLE_TYPE.equals(peekType(memberDir))) {
                throw new ModelFormatException(memberDir + ": an ensemble's member is a single model, not an ensemble");
            }
            SavedModel member = load(memberDir);
            if (kind != null && member.kind() != kind) {
                throw new ModelFormatException(memberDir + ": a " + member.kind().name() + " model in an ensemble of "
                        + kind.name() + " models");
            }
            if (!member.model().tasks().equals(m.tasks()) || !java.util.Objects.equals(member.featurizer(), featurizer)
                    || !member.transformers().equals(transformers)) {
                throw new ModelFormatException(memberDir + ": its tasks, featurizer or transformers differ from the "
                        + "ensemble's");
            }
            kind = member.kind();
            members.add(member.model());
        }
        return new SavedModel(kind, ensemble(members), featurizer, transformers, m.formatVersion(), m.toolkitVersion(),
                reliability(directory, m));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PropertyModel<?> ensemble(List<PropertyModel<?>> members) {
        return new io.chemdl4j.models.Ensemble(members); // members of one kind read one kind of data
    }

    /** The {@code modelType} a manifest names, or {@code null} if it cannot be read (loading then says why). */
    private static String peekType(Path directory) {
        try (InputStream in = Files.newInputStream(directory.resolve(MANIFEST))) {
            JsonNode node = JSON.readTree(in.readNBytes(MAX_MANIFEST_BYTES));
            return node.path("modelType").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
