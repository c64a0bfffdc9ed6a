package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.featurize.SparseFeatures;
import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

/**
 * A saved network of the toolkit's architecture is loaded without DL4J's network: it predicts from its saved arrays
 * exactly what that network predicts, trains on exactly as it does once built, and a crafted file is refused at load
 * as before; any other network is built by DL4J at load.
 */
class SavedNetworkTest {
    private static final MultitaskConfig SMALL = MultitaskConfig.defaults().withLayerSizes(List.of(32))
            .withBatchSize(50).withSeed(4);

    @TempDir
    Path dir;

    /** A classifier, a two-layer regressor with dropout and weight decay, a multiclass network: each trained. */
    private static List<MultitaskModel> trained() {
        MultitaskClassifier classifier = new MultitaskClassifier(ModelTestData.TASKS, 24, SMALL);
        classifier.fit(ModelTestData.classification(200, 24, 1), 2);
        MultitaskRegressor regressor = new MultitaskRegressor(ModelTestData.TASKS, 24,
                SMALL.withLayerSizes(List.of(16, 8)).withDropout(0.3).withWeightDecay(1e-4));
        regressor.fit(ModelTestData.regression(200, 24, 2), 2);
        MultitaskMulticlass multiclass = new MultitaskMulticlass(ModelTestData.TASKS, 24, SMALL, 4);
        multiclass.fit(ModelTestData.multiclass(200, 24, 3), 2);
        return List.of(classifier, regressor, multiclass);
    }

    private static Dataset data(MultitaskModel model, long seed) {
        return switch (model.taskType()) {
            case CLASSIFICATION -> ModelTestData.classification(120, 24, seed);
            case REGRESSION -> ModelTestData.regression(120, 24, seed);
            case MULTICLASS -> ModelTestData.multiclass(120, 24, seed);
        };
    }

    /** A trained model and the directory it was saved to. */
    private record Saved(MultitaskModel model, Path path) {
    }

    /** {@link #trained} models, each saved. */
    private List<Saved> saved() throws Exception {
        List<Saved> saved = new java.util.ArrayList<>();
        for (MultitaskModel model : trained()) {
            Path path = dir.resolve("model" + saved.size());
            model.save(path, null, List.of());
            saved.add(new Saved(model, path));
        }
        return saved;
    }

    private MultitaskModel load(Path model) throws Exception {
        return (MultitaskModel) ModelIO.load(model).model();
    }

    /** A model loaded with DL4J's network built at once, as every load built it before. */
    private MultitaskModel loadBuilt(Path model) throws Exception {
        MultitaskModel built = load(model);
        built.network();
        return built;
    }

    @Test
    void aLoadedModelPredictsFromItsSavedArraysExactlyWhatItsNetworkPredicts() throws Exception {
        for (Saved saved : saved()) {
            MultitaskModel model = saved.model();
            Dataset data = data(model, 9);
            MultitaskModel unbuilt = load(saved.path());
            MultitaskModel built = loadBuilt(saved.path());
            MultiLayerNetwork network = built.network();
            assertEquals(network.numParams(), unbuilt.parameterCount(), model.typeId());
            assertEquals(model.parameterCount(), unbuilt.parameterCount(), model.typeId());
            double[][] expected = model.predict(data);
            double[][] fromArrays = unbuilt.predict(data);
            double[][] fromNetwork = built.predict(data);
            List<SparseFeatures> rows = new java.util.ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                rows.add(SparseFeatures.of(data.featureRow(i)));
            }
            double[][] sparse = unbuilt.predictSparse(rows);
            for (int i = 0; i < data.size(); i++) {
                assertArrayEquals(expected[i], fromArrays[i], 0, model.typeId() + " row " + i);
                assertArrayEquals(fromNetwork[i], fromArrays[i], 0, model.typeId() + " row " + i);
                assertArrayEquals(fromArrays[i], sparse[i], 0, model.typeId() + " row " + i);
            }
        }
    }

    @Test
    void aLoadedModelBuildsItsNetworkWhenTrainingGoesOnAndTrainsAsOneBuiltAtLoad() throws Exception {
        for (Saved saved : saved()) {
            MultitaskModel model = saved.model();
            Dataset train = data(model, 5);
            MultitaskModel unbuilt = load(saved.path());
            MultitaskModel built = loadBuilt(saved.path());
            unbuilt.fit(train, 1); // builds the network, Adam's saved moments included
            built.fit(train, 1);
            Dataset test = data(model, 6);
            double[][] afterBuild = built.predict(test);
            double[][] afterLazyBuild = unbuilt.predict(test);
            double[][] before = load(saved.path()).predict(test);
            double change = 0;
            for (int i = 0; i < test.size(); i++) {
                assertArrayEquals(afterBuild[i], afterLazyBuild[i], 0, model.typeId() + " row " + i);
                for (int t = 0; t < before[i].length; t++) {
                    change += Math.abs(afterLazyBuild[i][t] - before[i][t]);
                }
            }
            assertTrue(change > 0, model.typeId() + ": the epoch changed the weights");
        }
    }

    @Test
    void theArchitectureReadFromTheConfigurationIsTheOneDl4jBuilds() {
        for (MultitaskModel model : trained()) {
            MultiLayerNetwork network = model.network();
            SparseInputTrainer.Architecture architecture = SparseInputTrainer.architecture(network);
            assertNotNull(architecture, model.typeId());
            assertArrayEquals(architecture.width(), SavedNetwork.plainWidths(network.getLayerWiseConfigurations().toJson()),
                    model.typeId());
        }
        // a network of one's own with tanh layers predicts through DL4J
        MultiLayerNetwork own = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(24).nOut(8).activation(Activation.TANH).build())
                .layer(MultitaskModel.outputLayer(TaskType.CLASSIFICATION, 3).nIn(8).build()).build());
        own.init();
        assertNull(SavedNetwork.plainWidths(own.getLayerWiseConfigurations().toJson()));
        assertNull(SavedNetwork.plainWidths("{not json"));
        assertNull(SavedNetwork.plainWidths("{\"confs\": []}"));
    }

    @Test
    void craftedArraysAndConfigurationsAreRefusedAtLoadNamingWhatIsWrong() throws Exception {
        MultitaskClassifier model = new MultitaskClassifier(ModelTestData.TASKS, 24, SMALL);
        model.fit(ModelTestData.classification(100, 24, 1), 1);
        Path original = dir.resolve("original");
        model.save(original, null, List.of());
        assertRefused(original, "a weight matrix of another shape", arrays -> arrays.put("0_W", Nd4j.zeros(24, 31)),
                "array '0_W' has shape [24, 31], the configuration needs [24, 32]");
        assertRefused(original, "a missing bias", arrays -> arrays.remove("1_b"), "no array '1_b'");
        assertRefused(original, "an array more", arrays -> arrays.put("2_W", Nd4j.zeros(2, 2)), "unexpected arrays [2_W]");
        assertRefused(original, "Adam's state of another length",
                arrays -> arrays.put(MultitaskModel.UPDATER_STATE, Nd4j.zeros(1, 10)),
                "the updater's state has 10 values, the configuration needs " + 2 * model.parameterCount());
        Path moreTasks = copy(original, "tasks");
        Path manifest = moreTasks.resolve(ModelIO.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"t2\" ]", "\"t2\", \"t3\" ]"));
        ModelFormatException outputs = assertThrows(ModelFormatException.class, () -> load(moreTasks));
        assertTrue(outputs.getMessage().contains("the network has 6 outputs, 4 classification tasks need 8"),
                outputs.getMessage());
        Path features = copy(original, "features");
        manifest = features.resolve(ModelIO.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"featureCount\" : 24", "\"featureCount\" : 25"));
        ModelFormatException width = assertThrows(ModelFormatException.class, () -> load(features));
        assertTrue(width.getMessage().contains("the network reads 24 features, the manifest's featureCount is 25"),
                width.getMessage());
    }

    private void assertRefused(Path original, String what, Consumer<Map<String, INDArray>> craft, String message)
            throws Exception {
        Path crafted = copy(original, what.replace(' ', '-'));
        Path parameters = crafted.resolve(MultitaskModel.PARAMETERS);
        Map<String, INDArray> arrays = new LinkedHashMap<>(ModelIO.readArrays(parameters));
        craft.accept(arrays);
        ModelIO.writeArrays(parameters, arrays);
        ModelFormatException refused = assertThrows(ModelFormatException.class, () -> load(crafted), what);
        assertTrue(refused.getMessage().contains(message), what + ": " + refused.getMessage());
    }

    private Path copy(Path model, String name) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(model)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
