package io.chemdl4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

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
import io.chemdl4j.moleculenet.Transformer;

/**
 * Saves and loads models as a directory: {@value #MANIFEST} (format version, model type, tasks,
 * featurizer, configuration, transformers, training history) and {@value #NETWORK} (the DL4J
 * network). Directories are written atomically. Files of every earlier format version keep loading;
 * a committed golden model in the tests proves it.
 */
public final class ModelIO {
    /** Name of the manifest inside a model directory. */
    public static final String MANIFEST = "chemdl-model.json";
    /** Name of the network file inside a model directory. */
    public static final String NETWORK = "network.zip";
    /** Value of the manifest's {@code format} field. */
    public static final String FORMAT = "chemdl4j-model";
    /** Format version written by this toolkit. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ModelIO() {
    }

    /** The manifest of a saved model. */
    record Manifest(String format, int formatVersion, String toolkitVersion, String savedAt, String modelType,
                    List<String> tasks, int featureCount, FeaturizerJson featurizer, MultitaskConfig config,
                    List<TransformerJson> transformers, List<EpochRecord> history) {
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
        List<TransformerJson> tj = new ArrayList<>();
        for (Transformer t : transformers) {
            tj.add(TransformerJson.of(t));
        }
        Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, ToolkitVersion.get(), Instant.now().toString(),
                model.typeId(), model.tasks(), model.featureCount(),
                featurizer == null ? null : new FeaturizerJson(featurizer.name(), featurizer.parameters()),
                model.config(), tj, model.history());
        AtomicFiles.writeDirectory(directory, dir -> {
            ModelSerializer.writeModel(model.network(), dir.resolve(NETWORK).toFile(), true);
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        });
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
        Path networkFile = directory.resolve(NETWORK);
        if (!Files.isRegularFile(networkFile)) {
            throw new ModelFormatException(directory + ": " + NETWORK + " is missing");
        }
        Nd4jRuntime.ensureConfigured();
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(networkFile + " cannot be read: " + e.getMessage(), e);
        }
        List<EpochRecord> history = m.history() == null ? List.of() : m.history();
        MultitaskModel model = switch (m.modelType()) {
            case MultitaskClassifier.TYPE_ID ->
                    new MultitaskClassifier(m.tasks(), m.featureCount(), m.config(), network, history);
            case MultitaskRegressor.TYPE_ID ->
                    new MultitaskRegressor(m.tasks(), m.featureCount(), m.config(), network, history);
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
}
