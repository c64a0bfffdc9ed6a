package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.transform.FeatureClippingTransformer;
import io.chemdl4j.moleculenet.transform.FeatureNormalizationTransformer;
import io.chemdl4j.moleculenet.transform.LogTransformer;
import io.chemdl4j.moleculenet.transform.MinMaxTransformer;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

class MultitaskModelsTest {

    @Nested
    class Classifier extends ModelContract {
        @Override
        MultitaskModel create(MultitaskConfig config) {
            return new MultitaskClassifier(ModelTestData.TASKS, 12, config);
        }

        @Override
        Dataset data(long seed) {
            return ModelTestData.classification(400, 12, seed);
        }

        @Override
        Metric metric() {
            return Metric.ROC_AUC;
        }

        @Override
        double bar() {
            return 0.95;
        }
    }

    @Nested
    class Regressor extends ModelContract {
        @Override
        MultitaskModel create(MultitaskConfig config) {
            return new MultitaskRegressor(ModelTestData.TASKS, 12, config);
        }

        @Override
        Dataset data(long seed) {
            return ModelTestData.regression(400, 12, seed);
        }

        @Override
        Metric metric() {
            return Metric.RMSE;
        }

        @Override
        double bar() {
            return 0.35; // labels spread over 0..3.5; predicting the mean gives ~0.7
        }
    }

    @Nested
    class Multiclass extends ModelContract {
        @Override
        MultitaskModel create(MultitaskConfig config) {
            return new MultitaskMulticlass(ModelTestData.TASKS, 12, config, 4);
        }

        @Override
        Dataset data(long seed) {
            return ModelTestData.multiclass(400, 12, seed);
        }

        @Override
        Metric metric() {
            return Metric.ACCURACY;
        }

        @Override
        double bar() {
            return 0.9; // the most frequent class (0 set of 3) alone is right about half the time
        }
    }

    @TempDir
    Path dir;

    /** CCO, CCCCO, benzene, acetic acid, CCN, CCCl, OCCO, hexane: labels 10..17 of {@code task}. */
    private static Dataset eightMolecules(EcfpFeaturizer featurizer, String task) throws Exception {
        List<String> smiles = List.of("CCO", "CCCCO", "c1ccccc1", "CC(=O)O", "CCN", "CCCl", "OCCO", "CCCCCC");
        float[][] x = new float[smiles.size()][];
        float[][] y = new float[smiles.size()][1];
        for (int i = 0; i < x.length; i++) {
            x[i] = featurizer.featurize(smiles.get(i));
            y[i][0] = 10 + i;
        }
        return Dataset.of(x, y, null, smiles.toArray(new String[0]), List.of(task));
    }

    @Test
    void savedModelPredictsFromSmilesInOriginalUnitsAndReportsBadRows() throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(64));
        Dataset raw = eightMolecules(featurizer, "logS");
        NormalizationTransformer norm = NormalizationTransformer.fit(raw);
        List<Transformer> transformers = List.of(norm);
        MultitaskRegressor model = new MultitaskRegressor(List.of("logS"), 64,
                MultitaskConfig.defaults().withLayerSizes(List.of(8)).withDropout(0).withSeed(1));
        model.fit(Transformer.transformAll(raw, transformers), 3);
        model.save(dir.resolve("m"), featurizer.spec(), transformers);

        SavedModel loaded = ModelIO.load(dir.resolve("m"));
        assertEquals(featurizer.spec(), loaded.featurizer());
        SavedModel.Predictions p = loaded.predictSmiles("input", List.of("CCO", "C1CC", "CCCCO"));
        assertNull(p.values()[1]);
        assertEquals(1, p.errors().size());
        assertEquals(1, p.errors().get(0).row());
        double[][] direct = model.predict(raw.select(new int[] {0, 1}), transformers);
        assertEquals(direct[0][0], p.values()[0][0], 1e-9);
        assertEquals(direct[1][0], p.values()[2][0], 1e-9);
        assertTrue(p.values()[0][0] > 5, "prediction not in original units: " + p.values()[0][0]);
    }

    @Test
    void featureAndLabelTransformersAreSavedAndAppliedToNewMolecules() throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(64).withCounts(true));
        Dataset raw = eightMolecules(featurizer, "conc");
        List<Transformer> transformers = List.of(FeatureNormalizationTransformer.fit(raw), new FeatureClippingTransformer(3),
                new LogTransformer());
        Dataset logged = Transformer.transformAll(raw, transformers);
        transformers = List.of(transformers.get(0), transformers.get(1), transformers.get(2), MinMaxTransformer.fit(logged));
        MultitaskRegressor model = new MultitaskRegressor(List.of("conc"), 64,
                MultitaskConfig.defaults().withLayerSizes(List.of(8)).withDropout(0).withSeed(1));
        model.fit(Transformer.transformAll(raw, transformers), 3);
        model.save(dir.resolve("t"), featurizer.spec(), transformers);

        SavedModel loaded = ModelIO.load(dir.resolve("t"));
        assertEquals(transformers, loaded.transformers());
        SavedModel.Predictions p = loaded.predictSmiles("input", List.of("CCO", "c1ccccc1"));
        double[][] direct = model.predict(Transformer.transformAll(raw.select(new int[] {0, 2}), transformers), transformers);
        assertEquals(direct[0][0], p.values()[0][0], 1e-9);
        assertEquals(direct[1][0], p.values()[1][0], 1e-9);
        assertTrue(p.values()[0][0] > 1, "log and min-max undone: " + p.values()[0][0]);
    }

    @Test
    void loadExplainsWhatIsWrong() throws Exception {
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(dir.resolve("none")))
                .getMessage().contains("no such model directory"));
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(dir.resolve("empty")))
                .getMessage().contains("not a ChemDL4J model directory"));
        Path future = dir.resolve("future");
        Files.createDirectories(future);
        Files.writeString(future.resolve(ModelIO.MANIFEST),
                "{\"format\":\"chemdl4j-model\",\"formatVersion\":99,\"toolkitVersion\":\"9.0\"}");
        String message = assertThrows(ModelFormatException.class, () -> ModelIO.load(future)).getMessage();
        assertTrue(message.contains("version 99") && message.contains("Upgrade"), message);
        Path garbage = dir.resolve("garbage");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve(ModelIO.MANIFEST), "\u0000\u0001binary");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(garbage)).getMessage()
                .contains("not a valid model manifest"));
    }

    /**
     * Crafted model directories are refused in one line that names the field or file and never repeats the
     * file's contents: a manifest that is a link to another file, a 20 MB manifest, text that is not JSON, a
     * field of the wrong type, an unknown model type made of control characters.
     */
    @Test
    void craftedManifestsAreRefusedWithoutEchoingThem() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "password=hunter2");
        Path linked = dir.resolve("linked");
        Files.createDirectories(linked);
        Files.createSymbolicLink(linked.resolve(ModelIO.MANIFEST), secret);
        assertRefused(linked, "is a symbolic link");
        Path huge = dir.resolve("huge");
        Files.createDirectories(huge);
        Files.write(huge.resolve(ModelIO.MANIFEST), new byte[20 << 20]);
        assertRefused(huge, "is larger than");
        Path notJson = dir.resolve("not-json");
        Files.createDirectories(notJson);
        Files.writeString(notJson.resolve(ModelIO.MANIFEST), "password=hunter2");
        assertRefused(notJson, "not JSON (line 1");
        Path wrongType = dir.resolve("wrong-type");
        Files.createDirectories(wrongType);
        Files.writeString(wrongType.resolve(ModelIO.MANIFEST),
                "{\"format\":\"chemdl4j-model\",\"formatVersion\":4,\n\"tasks\":{\"hunter2\":1}}");
        assertRefused(wrongType, "field 'tasks' has a value of the wrong type or form (line 2");
        Path control = dir.resolve("control");
        Files.createDirectories(control);
        Files.writeString(control.resolve(ModelIO.MANIFEST), "{\"format\":\"chemdl4j-model\",\"formatVersion\":4,"
                + "\"modelType\":\"\\u001b[2Jhunter2\",\"tasks\":[\"t\"]}");
        String message = assertThrows(ModelFormatException.class, () -> ModelIO.load(control)).getMessage();
        assertTrue(message.contains("unknown model type '?[2Jhunter2'"), message);
        Path linkedWeights = dir.resolve("linked-weights");
        Files.createDirectories(linkedWeights);
        Path golden = Path.of(getClass().getResource("/golden/v4-dmpnn-regressor/" + ModelIO.MANIFEST).toURI());
        Files.copy(golden, linkedWeights.resolve(ModelIO.MANIFEST));
        Files.createSymbolicLink(linkedWeights.resolve("parameters.zip"), secret);
        assertRefused(linkedWeights, "parameters.zip is a symbolic link");
    }

    private static void assertRefused(Path model, String reason) {
        String message = assertThrows(ModelFormatException.class, () -> ModelIO.load(model)).getMessage();
        assertTrue(message.contains(reason), reason + " not in: " + message);
        assertTrue(!message.contains("hunter2") && !message.contains("\n"), "one line, nothing of the file: " + message);
    }
}
