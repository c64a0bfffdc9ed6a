package io.chemdl4j.models.graphconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.featurize.io.PassThrough;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.models.predict.StreamingPredictor;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A saved graph convolution loads back to the same model (predictions, Monte-Carlo dropout, history,
 * configuration) and predicts from SMILES and streamed files as the trained model does.
 */
class SavedGraphConvTest {
    private static final String[] SMILES = {"CCO", "c1ccccc1C(=O)O", "CC(C)(C)N", "C[N+](C)(C)C", "O",
        "OC1CCCCC1", "Clc1ccc(Br)cc1"};

    @TempDir
    Path dir;

    private static GraphDataset regression() {
        float[][] y = new float[SMILES.length][1];
        for (int i = 0; i < SMILES.length; i++) {
            y[i][0] = -2 + 0.7f * i;
        }
        return GraphConvModelTest.graphs(SMILES, y, null);
    }

    private static GraphConvModel trained(GraphDataset raw, List<Transformer> transformers) {
        GraphConvModel model = new GraphConvModel(TaskType.REGRESSION, raw.tasks(), GraphFeaturizer.ATOM_FEATURES,
                GraphConvModelTest.small().withDropout(0.3));
        model.fit(raw.transform(transformers), 3);
        return model;
    }

    @Test
    void saveAndLoadChangeNothing() throws Exception {
        GraphDataset raw = regression();
        List<Transformer> transformers = List.of(NormalizationTransformer.fit(raw.labels()));
        GraphConvModel model = trained(raw, transformers);
        model.save(dir.resolve("m"), new GraphFeaturizer().spec(), transformers);
        SavedModel saved = ModelIO.load(dir.resolve("m"));
        GraphConvModel loaded = (GraphConvModel) saved.model();

        assertEquals(ModelIO.ARRAYS_FORMAT_VERSION, saved.formatVersion());
        assertEquals(model.typeId(), loaded.typeId());
        assertEquals(model.config(), loaded.config());
        assertEquals(model.history(), loaded.history());
        assertEquals(model.parameterCount(), loaded.parameterCount());
        double[][] expected = model.predict(raw, transformers);
        assertArrayEquals(expected, loaded.predict(raw, transformers));
        Uncertainty before = model.predictWithDropout(raw, 5, 11, transformers);
        Uncertainty after = loaded.predictWithDropout(raw, 5, 11, transformers);
        assertArrayEquals(before.mean(), after.mean());
        assertArrayEquals(before.std(), after.std());
        assertTrue(after.std()[1][0] > 0, "dropout is on after loading");

        // From SMILES: the training molecules give the trained model's numbers; a broken one is reported.
        List<String> input = new java.util.ArrayList<>(List.of(SMILES));
        input.add(2, "C1CC");
        SavedModel.Predictions p = saved.predictSmiles("input", input);
        assertNull(p.values()[2]);
        assertEquals(1, p.errors().size());
        assertEquals(2, p.errors().get(0).row());
        for (int i = 0, k = 0; i < input.size(); i++) {
            if (i != 2) {
                assertArrayEquals(expected[k++], p.values()[i], 1e-6, input.get(i));
            }
        }
    }

    @Test
    void streamingPredictionWritesWhatPredictSmilesGives() throws Exception {
        GraphDataset raw = regression();
        List<Transformer> transformers = List.of(NormalizationTransformer.fit(raw.labels()));
        trained(raw, transformers).save(dir.resolve("m"), new GraphFeaturizer().spec(), transformers);
        SavedModel saved = ModelIO.load(dir.resolve("m"));
        Path smi = dir.resolve("in.smi");
        Files.write(smi, List.of("CCO", "C1CC", "OC1CCCCC1", "Clc1ccc(Br)cc1"));
        StreamingPredictor.Summary summary = new StreamingPredictor(saved,
                StreamingPredictor.Options.defaults().withUncertainty(4, 1).withThreads(2))
                .run(smi, dir.resolve("out.csv"), dir.resolve("errors.csv"), null);
        assertEquals(new StreamingPredictor.Summary(4, 3, 1), summary);
        List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
        assertEquals("row,smiles,name,t0,t0_mean,t0_std", lines.get(0), "the .smi name column is kept");
        SavedModel.Predictions p = saved.predictSmiles("x", List.of("CCO", "OC1CCCCC1", "Clc1ccc(Br)cc1"));
        // The plain prediction is written as it is without --uncertainty; the Monte-Carlo mean beside it differs,
        // but not by more than dropout moves it.
        for (int i = 0; i < 3; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            assertEquals("", f[2], "no names in the file");
            assertEquals((float) p.values()[i][0], Float.parseFloat(f[3]), lines.get(i + 1));
            assertEquals(p.values()[i][0], Double.parseDouble(f[4]), 1.0, lines.get(i + 1));
            assertNotEquals(Float.parseFloat(f[3]), Float.parseFloat(f[4]), lines.get(i + 1));
            assertTrue(Double.parseDouble(f[5]) > 0, lines.get(i + 1));
        }
        assertTrue(Files.readString(dir.resolve("errors.csv")).contains("C1CC"));

        new StreamingPredictor(saved, StreamingPredictor.Options.defaults().withKeep(PassThrough.none()))
                .run(smi, dir.resolve("plain.csv"), null, null);
        List<String> plain = Files.readAllLines(dir.resolve("plain.csv"));
        assertEquals("row,smiles,t0", plain.get(0));
        for (int i = 0; i < 3; i++) {
            String[] f = plain.get(i + 1).split(",");
            assertEquals((float) p.values()[i][0], Float.parseFloat(f[2]), plain.get(i + 1));
        }
    }

    @Test
    void graphsStreamInChunksOf256WithTheNumbersOfAnyLargerChunk() throws Exception {
        GraphDataset raw = regression();
        trained(raw, List.of()).save(dir.resolve("m"), new GraphFeaturizer().spec(), List.of());
        SavedModel saved = ModelIO.load(dir.resolve("m"));
        assertEquals(256, saved.inputs().chunkSize());
        assertEquals(256, StreamingPredictor.chunkSize(saved.inputs(), StreamingPredictor.Options.defaults().chunkSize()));
        assertEquals(100, StreamingPredictor.chunkSize(saved.inputs(), 100));
        List<String> smiles = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            smiles.add("C".repeat(1 + i % 17) + (i % 3 == 0 ? "O" : i % 3 == 1 ? "N" : "Cl"));
        }
        Path smi = dir.resolve("many.smi");
        Files.write(smi, smiles);
        new StreamingPredictor(saved, StreamingPredictor.Options.defaults()).run(smi, dir.resolve("own.csv"), null, null);
        new StreamingPredictor(saved, new StreamingPredictor.Options("smiles", 0, 0, 2, 1024, null, null, null, null,
                null)).run(smi, dir.resolve("large.csv"), null, null);
        List<String> own = Files.readAllLines(dir.resolve("own.csv"));
        assertEquals(601, own.size());
        assertEquals(own, Files.readAllLines(dir.resolve("large.csv")), "the same batches of 64, the same numbers");
    }

    @Test
    void featureRowsAndMismatchedWeightsAreRefused() throws Exception {
        GraphDataset raw = regression();
        trained(raw, List.of()).save(dir.resolve("m"), new GraphFeaturizer().spec(), List.of());
        SavedModel saved = ModelIO.load(dir.resolve("m"));
        assertTrue(assertThrows(IllegalStateException.class, () -> saved.predictFeatures(new float[1][75]))
                .getMessage().contains("molecular graphs"));

        Path manifest = dir.resolve("m").resolve(ModelIO.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"denseSize\" : 7", "\"denseSize\" : 9"));
        String message = assertThrows(ModelFormatException.class, () -> ModelIO.load(dir.resolve("m"))).getMessage();
        assertTrue(message.contains("dense_W") && message.contains("shape"), message);

        Files.delete(dir.resolve("m").resolve(GraphConvModel.PARAMETERS));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(dir.resolve("m"))).getMessage()
                .contains(GraphConvModel.PARAMETERS + " is missing"));
    }

    @Test
    void theInputsOfAGraphModelAreGraphs() throws Exception {
        GraphDataset raw = regression();
        trained(raw, List.of()).save(dir.resolve("m"), new GraphFeaturizer().spec(), List.of());
        SavedModel.Inputs<?> inputs = ModelIO.load(dir.resolve("m")).inputs();
        assertTrue(inputs.featurizer().featurize("CCO") instanceof MolecularGraph);
    }
}
