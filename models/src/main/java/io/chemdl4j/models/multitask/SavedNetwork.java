package io.chemdl4j.models.multitask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chemdl4j.models.io.ArrayCodec;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;

/**
 * A multitask network as a model directory of format version {@value ModelIO#ARRAYS_FORMAT_VERSION} or later holds
 * it: DL4J's JSON configuration ({@value MultitaskModel#CONFIGURATION}) and the arrays of
 * {@value MultitaskModel#PARAMETERS}, read onto the Java heap in one checked pass, without ND4J or DL4J.
 *
 * <p>When the configuration is the toolkit's plain architecture (dense ReLU layers with biases, then an output layer
 * with biases and the identity activation, float32, every layer updated by Adam), everything a load checks is checked
 * here against the JSON itself (each array's shape, Adam's state length, the input width) and the model predicts
 * from these arrays ({@link #forward}): building DL4J's network, which a prediction does not need, costs half a second
 * at start-up (parsing its configuration, initializing and then overwriting its weights) besides the compilation
 * of that code. The network is built when training or Monte-Carlo dropout needs it ({@link #network}); any other
 * configuration (a network of one's own, {@link MultitaskModel#wrap}) is built at once, as before. Immutable; the
 * arrays are never handed out.
 */
final class SavedNetwork {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAYERS = "org.deeplearning4j.nn.conf.layers.";
    private static final String ACTIVATIONS = "org.nd4j.linalg.activations.impl.";
    private static final String ADAM = "org.nd4j.linalg.learning.config.Adam";

    private final ModelIO.SavedFiles files;
    private final Path configurationFile;
    private final Path parametersFile;
    private final String configuration;
    /**
     * Every array's shape; the values of the weights and biases (of every array for a network that is not the plain
     * architecture: Adam's state, which only training needs, is read again when the network is built).
     */
    private final ModelIO.HeapArrays arrays;
    /** Inputs, then each layer's outputs, of the plain architecture; {@code null} for any other network. */
    private final int[] width;

    private SavedNetwork(ModelIO.SavedFiles files, Path configurationFile, String configuration,
                         ModelIO.HeapArrays arrays, int[] width) {
        this.files = files;
        this.configurationFile = configurationFile;
        this.parametersFile = files.directory().resolve(MultitaskModel.PARAMETERS);
        this.configuration = configuration;
        this.arrays = arrays;
        this.width = width;
    }

    /**
     * Reads the network of a model directory (format version {@value ModelIO#ARRAYS_FORMAT_VERSION} or later): its
     * configuration, then its arrays ({@link ModelIO.SavedFiles#heapArrays}: every entry's header checked, the plain
     * architecture's weights read whole, Adam's state left in the file until {@link #network} builds the network).
     *
     * @throws ModelFormatException if a file is missing, too large or damaged, or, for the plain architecture, an
     *                              array does not fit the configuration or the configuration not the manifest's
     *                              {@code featureCount}
     */
    static SavedNetwork read(ModelIO.SavedFiles files) throws ModelFormatException {
        Path json = files.file(MultitaskModel.CONFIGURATION);
        String configuration;
        try {
            if (Files.size(json) > MultitaskModel.MAX_CONFIGURATION_BYTES) {
                throw new ModelFormatException(json + " is larger than " + MultitaskModel.MAX_CONFIGURATION_BYTES + " bytes");
            }
            configuration = Files.readString(json);
        } catch (IOException e) {
            throw new ModelFormatException(json + " cannot be read: " + e.getMessage(), e);
        }
        int[] width = plainWidths(configuration);
        java.util.Set<String> parameters = new java.util.HashSet<>();
        for (int l = 0; width != null && l + 1 < width.length; l++) {
            parameters.add(l + "_W");
            parameters.add(l + "_b");
        }
        ModelIO.HeapArrays arrays = files.heapArrays(MultitaskModel.PARAMETERS,
                width == null ? name -> true : parameters::contains);
        SavedNetwork saved = new SavedNetwork(files, json, configuration, arrays, width);
        if (width != null) {
            if (width[0] != files.featureCount()) {
                throw new ModelFormatException(json + ": the network reads " + width[0] + " features, the manifest's "
                        + "featureCount is " + files.featureCount());
            }
            saved.checkArrays();
        }
        return saved;
    }

    /** Whether the model predicts from these arrays ({@link #forward}) without DL4J's network. */
    boolean plain() {
        return width != null;
    }

    /** The output layer's width. Only for the {@link #plain} architecture. */
    int outputs() {
        return width[width.length - 1];
    }

    /** Parameters of the network (weights and biases), without building it. Only for the {@link #plain} architecture. */
    long parameterCount() {
        long n = 0;
        for (int l = 0; l + 1 < width.length; l++) {
            n += (long) width[l] * width[l + 1] + width[l + 1];
        }
        return n;
    }

    /** The forward pass over these weights (which neither changes). Only for the {@link #plain} architecture. */
    SparseInputForward forward() {
        int layers = width.length - 1;
        float[][] weights = new float[layers][];
        float[][] biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = arrays.values().get(l + "_W").values();
            biases[l] = arrays.values().get(l + "_b").values();
        }
        HiddenActivation[] activation = new HiddenActivation[layers];
        java.util.Arrays.fill(activation, HiddenActivation.RELU); // the plain architecture's hidden layers
        activation[layers - 1] = HiddenActivation.IDENTITY;
        return new SparseInputForward(width, activation, weights, biases);
    }

    /**
     * DL4J's network of this configuration with these parameters and Adam's state (starts ND4J).
     *
     * @throws ModelFormatException if DL4J refuses the configuration, or an array does not fit it
     */
    MultiLayerNetwork network() throws ModelFormatException {
        MultiLayerNetwork network = MultitaskModel.build(configurationFile, configuration);
        Map<String, ArrayCodec.Floats> left = new LinkedHashMap<>(arrays.values());
        if (arrays.shapes().containsKey(MultitaskModel.UPDATER_STATE) && !left.containsKey(MultitaskModel.UPDATER_STATE)) {
            left.putAll(files.heapArrays(MultitaskModel.PARAMETERS, MultitaskModel.UPDATER_STATE::equals).values());
        }
        for (Map.Entry<String, INDArray> own : network.paramTable().entrySet()) {
            ArrayCodec.Floats saved = left.remove(own.getKey());
            checkPresent(saved == null ? null : saved.shape(), own.getKey(), own.getValue().shape());
            network.setParam(own.getKey(), Nd4j.createFromArray(saved.values()).reshape(saved.shape())
                    .castTo(own.getValue().dataType()));
        }
        ArrayCodec.Floats updater = left.remove(MultitaskModel.UPDATER_STATE);
        if (updater != null) {
            MultitaskModel.setUpdaterState(parametersFile, network, Nd4j.createFromArray(updater.values()));
        }
        refuseOthers(left.keySet());
        return network;
    }

    /** The checks of {@link #network} against the plain architecture's shapes, without building it. */
    private void checkArrays() throws ModelFormatException {
        Map<String, long[]> left = new LinkedHashMap<>(arrays.shapes());
        for (int l = 0; l + 1 < width.length; l++) {
            // DL4J's shapes: weights nIn × nOut, biases a vector of nOut
            checkPresent(left.remove(l + "_W"), l + "_W", new long[] {width[l], width[l + 1]});
            checkPresent(left.remove(l + "_b"), l + "_b", new long[] {width[l + 1]});
        }
        long[] updater = left.remove(MultitaskModel.UPDATER_STATE);
        if (updater != null) {
            // Adam keeps two moments per parameter
            MultitaskModel.checkUpdaterLength(parametersFile, ModelIO.HeapArrays.elements(updater),
                    2 * parameterCount());
        }
        refuseOthers(left.keySet());
    }

    /** Refuses the arrays {@code left} once every one the configuration needs was taken. */
    private void refuseOthers(java.util.Set<String> left) throws ModelFormatException {
        if (!left.isEmpty()) {
            throw new ModelFormatException(parametersFile + ": unexpected arrays " + left);
        }
    }

    private void checkPresent(long[] shape, String name, long[] needed) throws ModelFormatException {
        if (shape == null) {
            throw new ModelFormatException(parametersFile + ": no array '" + name + "'");
        }
        if (!Arrays.equals(shape, needed)) {
            throw new ModelFormatException(parametersFile + ": array '" + name + "' has shape "
                    + Arrays.toString(shape) + ", the configuration needs " + Arrays.toString(needed));
        }
    }

    /**
     * The widths of the toolkit's plain architecture if DL4J's JSON configuration {@code json} is one (see the class
     * comment), else {@code null}: anything else, or anything not understood, leaves the network to DL4J. Only what
     * the forward pass and the load's checks depend on is read; dropout, regularization, learning rates and the loss
     * change training, not predictions.
     */
    static int[] plainWidths(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return null; // DL4J's own parse gives the message
        }
        JsonNode confs = root.path("confs");
        JsonNode preprocessors = root.path("inputPreProcessors");
        if (!confs.isArray() || confs.isEmpty() || !"FLOAT".equals(root.path("dataType").asText())
                || !(preprocessors.isMissingNode() || preprocessors.isNull() || preprocessors.isEmpty())) {
            return null;
        }
        int layers = confs.size();
        int[] width = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            JsonNode conf = confs.get(l);
            JsonNode layer = conf.path("layer");
            boolean last = l == layers - 1;
            String activation = layer.path("activationFn").path("@class").asText();
            boolean plainActivation = last ? (ACTIVATIONS + "ActivationIdentity").equals(activation)
                    : (ACTIVATIONS + "ActivationReLU").equals(activation) && isPlainRelu(layer.path("activationFn"));
            JsonNode biasUpdater = layer.path("biasUpdater");
            if (!(LAYERS + (last ? "OutputLayer" : "DenseLayer")).equals(layer.path("@class").asText())
                    || !plainActivation || !"FLOAT".equals(conf.path("dataType").asText())
                    || !layer.path("hasBias").asBoolean(false) || layer.path("hasLayerNorm").asBoolean(false)
                    || !(layer.path("weightNoise").isNull() || layer.path("weightNoise").isMissingNode())
                    || !ADAM.equals(layer.path("iupdater").path("@class").asText())
                    || !(biasUpdater.isNull() || biasUpdater.isMissingNode()
                    || ADAM.equals(biasUpdater.path("@class").asText()))
                    || !layer.path("nin").canConvertToInt() || !layer.path("nout").canConvertToInt()) {
                return null;
            }
            int nIn = layer.path("nin").asInt();
            int nOut = layer.path("nout").asInt();
            if (nIn < 1 || nOut < 1 || (l > 0 && nIn != width[l])) {
                return null;
            }
            width[l] = nIn;
            width[l + 1] = nOut;
        }
        return width;
    }

    /** A ReLU with DL4J's defaults: no cap, no slope below zero, threshold zero. */
    private static boolean isPlainRelu(JsonNode relu) {
        return relu.path("max").isNull() && isNullOrZero(relu.path("negativeSlope"))
                && isNullOrZero(relu.path("threshold"));
    }

    private static boolean isNullOrZero(JsonNode value) {
        return value.isNull() || (value.isNumber() && value.asDouble() == 0);
    }
}
