package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Model files written by earlier versions keep loading and predicting the same numbers. */
class GoldenModelTest {

    @Test
    void formatVersion1ClassifierStillLoadsAndPredictsTheSame() throws Exception {
        Path dir = Path.of(getClass().getResource("/golden/v1-multitask-classifier/" + ModelIO.MANIFEST).toURI())
                .getParent();
        SavedModel loaded = ModelIO.load(dir);
        assertEquals(1, loaded.formatVersion());
        assertEquals(List.of("a", "b"), ((MultitaskModel) loaded.model()).tasks());
        assertEquals(5, ((MultitaskModel) loaded.model()).history().size());
        List<String> expected = Files.readAllLines(dir.resolve(GoldenModel.EXPECTED));
        SavedModel.Predictions p = loaded.predictSmiles("golden", GoldenModel.SMILES);
        assertTrue(p.errors().isEmpty());
        for (int i = 0; i < expected.size(); i++) {
            String[] f = expected.get(i).split(",");
            assertEquals(GoldenModel.SMILES.get(i), f[0]);
            assertEquals(Double.parseDouble(f[1]), p.values()[i][0], 1e-6, f[0]);
            assertEquals(Double.parseDouble(f[2]), p.values()[i][1], 1e-6, f[0]);
        }
    }

    @Test
    void formatVersion2GraphConvolutionStillLoadsAndPredictsTheSame() throws Exception {
        Path dir = Path.of(getClass().getResource("/golden/v2-graphconv-regressor/" + ModelIO.MANIFEST).toURI())
                .getParent();
        SavedModel loaded = ModelIO.load(dir);
        assertEquals(2, loaded.formatVersion());
        GraphConvModel model = (GraphConvModel) loaded.model();
        assertEquals(List.of("solubility"), model.tasks());
        assertEquals(5, model.history().size());
        assertEquals(0.1, model.config().dropout());
        List<String> expected = Files.readAllLines(dir.resolve(GoldenModel.EXPECTED));
        SavedModel.Predictions p = loaded.predictSmiles("golden", GoldenModel.SMILES);
        assertTrue(p.errors().isEmpty());
        for (int i = 0; i < expected.size(); i++) {
            String[] f = expected.get(i).split(",");
            assertEquals(GoldenModel.SMILES.get(i), f[0]);
            assertEquals(Double.parseDouble(f[1]), p.values()[i][0], 1e-6, f[0]);
        }
    }
}
