package io.chemdl4j.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
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

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.chemdl4j.featurize.AtomicFiles;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.moleculenet.BalancingTransformer;
import io.chemdl4j.moleculenet.FeatureClippingTransformer;
import io.chemdl4j.moleculenet.FeatureNormalizationTransformer;
import io.chemdl4j.moleculenet.LogTransformer;
import io.chemdl4j.moleculenet.MinMaxTransformer;
import io.chemdl4j.moleculenet.NormalizationTransformer;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.Transformer;

/**
 * Saves and loads models as a directory: {@value #MANIFEST} (format version, model type, tasks,
 * featurizer, configuration, transformers, training history) and the weights: {@value #NETWORK} (the
 * DL4J network) for a multitask network, {@value #PARAMETERS} (one ND4J array per named parameter
 * and batch-normalization statistic) for a graph convolution. Directories are written atomically.
 * Files of every earlier format version keep loading; committed golden models in the tests prove it.
 *
 * <p>Format versions: 1, multitask networks; 2 adds graph convolutions. Multitask networks are still
 * written as version 1, so earlier toolkits read them.
 */
public final class ModelIO {
    /** Name of the manifest inside a model directory. */
    public static final String MANIFEST = "chemdl-model.json";
    /** Name of the network file inside a model directory. */
    public static final String NETWORK = "network.zip";
    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "chemdl4j-model";
    /** Name of the graph-convolution weights inside a model directory. */
    public static final String PARAMETERS = "parameters.zip";
    /** Newest format version this toolkit reads and writes. */
    public static final int FORMAT_VERSION = 2;
    /** Format version of multitask networks (unchanged since version 1). */
    static final int MULTITASK_FORMAT_VERSION = 1;
    /** Format version that introduced graph convolutions. */
    static final int GRAPHCONV_FORMAT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ModelIO() {
    }

    /** The manifest of a saved model. */
    record Manifest(String format, int formatVersion, String toolkitVersion, String savedAt, String modelType,
                    List<String> tasks, int featureCount, FeaturizerJson featurizer, MultitaskConfig config,
                    GraphConvConfig graphConfig, List<TransformerJson> transformers, List<EpochRecord> history) {
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
                    default -> throw new ModelFormatException("unknown transformer type '" + type + "'");
                };
            } catch (NullPointerException | IllegalArgumentException e) {
                throw new ModelFormatException("transformer '" + type + "' has missing or invalid fields: " + e.getMessage());
            }
        }
    }

    static void save(MultitaskModel model, Path directory, FeaturizerSpec featurizer, List<Transformer> transformers)
            throws IOException {
        Manifest manifest = new Manifest(FORMAT, MULTITASK_FORMAT_VERSION, ToolkitVersion.get(),
                Instant.now().toString(), model.typeId(), model.tasks(), model.featureCount(), json(featurizer),
                model.config(), null, json(transformers), model.history());
        AtomicFiles.writeDirectory(directory, dir -> {
            ModelSerializer.writeModel(model.network(), dir.resolve(NETWORK).toFile(), true);
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        });
    }

    static void save(GraphConvModel model, Path directory, FeaturizerSpec featurizer, List<Transformer> transformers)
            throws IOException {
        Manifest manifest = new Manifest(FORMAT, GRAPHCONV_FORMAT_VERSION, ToolkitVersion.get(),
                Instant.now().toString(), model.typeId(), model.tasks(), model.atomFeatures(), json(featurizer),
                null, model.config(), json(transformers), model.history());
        AtomicFiles.writeDirectory(directory, dir -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS)))) {
                DataOutputStream out = new DataOutputStream(zip);
                for (Map.Entry<String, INDArray> array : model.state().entrySet()) {
                    zip.putNextEntry(new ZipEntry(array.getKey()));
                    Nd4j.write(array.getValue(), out);
                    out.flush();
                    zip.closeEntry();
                }
            }
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        });
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

    private static Map<String, INDArray> readParameters(Path file) throws IOException {
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            DataInputStream in = new DataInputStream(zip);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                arrays.put(entry.getName(), Nd4j.read(in));
            }
        }
        return arrays;
    }

    /**
     * Loads a model directory written by {@link MultitaskModel#save}.
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
        Manifest m;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            m = JSON.readValue(in, Manifest.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(manifestFile + " is not a valid model manifest: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new ModelFormatException(manifestFile + ": format '" + m.format() + "' is not " + FORMAT);
        }
        if (m.formatVersion() < 1 || m.formatVersion() > FORMAT_VERSION) {
            throw new ModelFormatException(directory + ": model format version " + m.formatVersion()
                    + " (written by ChemDL4J " + m.toolkitVersion() + ") is not supported; this ChemDL4J ("
                    + ToolkitVersion.get() + ") reads versions 1 to " + FORMAT_VERSION
                    + (m.formatVersion() > FORMAT_VERSION ? ". Upgrade ChemDL4J to load it." : "."));
        }
        Nd4jRuntime.ensureConfigured();
        List<EpochRecord> history = m.history() == null ? List.of() : m.history();
        PropertyModel<?> model = switch (m.modelType()) {
            case MultitaskClassifier.TYPE_ID, MultitaskRegressor.TYPE_ID -> loadMultitask(directory, m, history);
            case GraphConvModel.CLASSIFIER_TYPE_ID, GraphConvModel.REGRESSOR_TYPE_ID ->
                    loadGraphConv(directory, m, history);
            default -> throw new ModelFormatException(directory + ": unknown model type '" + m.modelType() + "'");
        };
        List<Transformer> transformers = new ArrayList<>();
        for (TransformerJson t : m.transformers() == null ? List.<TransformerJson>of() : m.transformers()) {
            transformers.add(t.toTransformer());
        }
        FeaturizerSpec featurizer = m.featurizer() == null ? null
                : new FeaturizerSpec(m.featurizer().name(), m.featurizer().parameters());
        return new SavedModel(model, featurizer, transformers, m.formatVersion(), m.toolkitVersion());
    }

    private static MultitaskModel loadMultitask(Path directory, Manifest m, List<EpochRecord> history)
            throws ModelFormatException {
        Path networkFile = directory.resolve(NETWORK);
        if (!Files.isRegularFile(networkFile)) {
            throw new ModelFormatException(directory + ": " + NETWORK + " is missing");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(networkFile + " cannot be read: " + e.getMessage(), e);
        }
        return m.modelType().equals(MultitaskClassifier.TYPE_ID)
                ? new MultitaskClassifier(m.tasks(), m.featureCount(), m.config(), network, history)
                : new MultitaskRegressor(m.tasks(), m.featureCount(), m.config(), network, history);
    }

    private static GraphConvModel loadGraphConv(Path directory, Manifest m, List<EpochRecord> history)
            throws ModelFormatException {
        Path parameters = directory.resolve(PARAMETERS);
        if (!Files.isRegularFile(parameters)) {
            throw new ModelFormatException(directory + ": " + PARAMETERS + " is missing");
        }
        if (m.graphConfig() == null) {
            throw new ModelFormatException(directory + ": the manifest of a graph convolution has no graphConfig");
        }
        TaskType type = m.modelType().equals(GraphConvModel.CLASSIFIER_TYPE_ID)
                ? TaskType.CLASSIFICATION : TaskType.REGRESSION;
        try {
            return GraphConvModel.restore(type, m.tasks(), m.featureCount(), m.graphConfig(),
                    readParameters(parameters), history);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(parameters + " cannot be read: " + e.getMessage(), e);
        }
    }
}
