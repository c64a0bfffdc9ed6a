package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chemdl4j.models.graphconv.GraphConvModel;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.multitask.MultitaskModel;
import io.chemdl4j.models.predict.SavedModel;

/** Model files written by earlier versions keep loading and predicting the same numbers. */
class GoldenModelTest {

    @Test
    void formatVersion1ClassifierStillLoadsAndPredictsTheSame() throws Exception {
        SavedModel loaded = loadAndCheckPredictions("v1-multitask-classifier");
        assertEquals(1, loaded.formatVersion());
        MultitaskModel model = (MultitaskModel) loaded.model();
        assertEquals(List.of("a", "b"), model.tasks());
        assertEquals(5, model.history().size());
    }

    @Test
    void formatVersion2GraphConvolutionStillLoadsAndPredictsTheSame() throws Exception {
        SavedModel loaded = loadAndCheckPredictions("v2-graphconv-regressor");
        assertEquals(2, loaded.formatVersion());
        GraphConvModel model = (GraphConvModel) loaded.model();
        assertEquals(List.of("solubility"), model.tasks());
        assertEquals(5, model.history().size());
        assertEquals(0.1, model.config().dropout());
    }

    @Test
    void formatVersion3RandomForestStillLoadsAndPredictsTheSame() throws Exception {
        SavedModel loaded = loadAndCheckPredictions("v3-random-forest-classifier");
        assertEquals(3, loaded.formatVersion());
        assertEquals(List.of("a", "b"), loaded.model().tasks());
    }

    @Test
    void formatVersion7RandomForestStillLoadsAndPredictsTheSame() throws Exception {
        SavedModel loaded = loadAndCheckPredictions("v7-random-forest-classifier");
        assertEquals(7, loaded.formatVersion());
        assertEquals(List.of("a", "b"), loaded.model().tasks());
    }

    @Test
    void formatVersion4NetworksStillLoadAndPredictTheSame() throws Exception {
        SavedModel multitask = loadAndCheckPredictions("v4-multitask-classifier");
        assertEquals(4, multitask.formatVersion());
        assertEquals(5, ((MultitaskModel) multitask.model()).history().size());
        SavedModel graphs = loadAndCheckPredictions("v4-graphconv-regressor");
        assertEquals(4, graphs.formatVersion());
        assertEquals(0.1, ((GraphConvModel) graphs.model()).config().dropout());
        SavedModel dmpnn = loadAndCheckPredictions("v4-dmpnn-regressor");
        assertEquals(4, dmpnn.formatVersion());
        assertEquals("descriptors", dmpnn.featurizer().parameters().get("extraFeatures"));
        assertEquals(5, ((io.chemdl4j.models.dmpnn.DmpnnModel) dmpnn.model()).history().size());
    }

    @Test
    void formatVersion5EnsembleStillLoadsAndPredictsItsMembersMean() throws Exception {
        SavedModel loaded = loadAndCheckPredictions("v5-ensemble-classifier");
        assertEquals(5, loaded.formatVersion());
        Ensemble<?> ensemble = (Ensemble<?>) loaded.model();
        assertEquals(2, ensemble.members().size());
        assertEquals(List.of("a", "b"), ensemble.tasks());
        Path dir = Path.of(getClass().getResource("/golden/v5-ensemble-classifier/" + ModelIO.MANIFEST).toURI())
                .getParent();
        SavedModel first = ModelIO.load(dir.resolve(ModelIO.memberName(0)));
        SavedModel second = ModelIO.load(dir.resolve(ModelIO.memberName(1)));
        double[][] a = first.predictSmiles("m0", GoldenModel.SMILES).values();
        double[][] b = second.predictSmiles("m1", GoldenModel.SMILES).values();
        double[][] mean = loaded.predictSmiles("e", GoldenModel.SMILES).values();
        for (int i = 0; i < mean.length; i++) {
            for (int t = 0; t < 2; t++) {
                assertEquals((a[i][t] + b[i][t]) / 2, mean[i][t], 1e-12, GoldenModel.SMILES.get(i));
            }
        }
    }

    @Test
    void formatVersion6MulticlassStillLoadsAndPredictsTheSame() throws Exception {
        SavedModel loaded = loadAndCheckPredictions("v6-multitask-multiclass");
        assertEquals(6, loaded.formatVersion());
        assertEquals(io.chemdl4j.moleculenet.TaskType.MULTICLASS, loaded.model().taskType());
        assertEquals(3, loaded.model().classes());
        assertEquals(List.of("a", "b"), loaded.model().tasks());
    }

    /**
     * A network file with an entry ChemDL4J never writes ({@code preprocessor.bin}, which DL4J would read
     * with Java object deserialization) is refused by name before DL4J opens it.
     */
    @Test
    void aNetworkFileWithAnEntryThatWouldBeJavaDeserializedIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/v1-multitask-classifier/" + ModelIO.MANIFEST).toURI())
                .getParent();
        Path copy = Files.createDirectories(tmp.resolve("m"));
        Files.copy(golden.resolve(ModelIO.MANIFEST), copy.resolve(ModelIO.MANIFEST));
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(golden.resolve(ModelIO.NETWORK)));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(copy.resolve(ModelIO.NETWORK)))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new java.util.zip.ZipEntry("preprocessor.bin"));
            out.write(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}); // a Java serialization stream header
            out.closeEntry();
        }
        String message = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class,
                () -> ModelIO.load(copy)).getMessage();
        assertTrue(message.contains("unexpected entry 'preprocessor.bin'"), message);
    }

    /** Loads golden model {@code name} and checks it predicts every task as when it was saved. */
    private SavedModel loadAndCheckPredictions(String name) throws Exception {
        Path dir = Path.of(getClass().getResource("/golden/" + name + "/" + ModelIO.MANIFEST).toURI()).getParent();
        SavedModel loaded = ModelIO.load(dir);
        List<String> expected = Files.readAllLines(dir.resolve(GoldenModel.EXPECTED));
        SavedModel.Predictions p = loaded.predictSmiles("golden", GoldenModel.SMILES);
        assertTrue(p.errors().isEmpty());
        assertEquals(GoldenModel.SMILES.size(), expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] f = expected.get(i).split(",");
            assertEquals(GoldenModel.SMILES.get(i), f[0]);
            assertEquals(f.length - 1, loaded.model().tasks().size() * Math.max(1, loaded.model().classes()), f[0]);
            for (int t = 0; t < f.length - 1; t++) {
                assertEquals(Double.parseDouble(f[t + 1]), p.values()[i][t], 1e-6, f[0]);
            }
        }
        return loaded;
    }
}
