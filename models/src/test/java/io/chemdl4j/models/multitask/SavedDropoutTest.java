package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.Dataset;

/** A saved model keeps its dropout: Monte-Carlo dropout after loading gives the spread it gave before. */
class SavedDropoutTest {
    @TempDir
    Path dir;

    @Test
    void monteCarloDropoutIsTheSameAfterSavingAndLoading() throws Exception {
        Dataset train = ModelTestData.classification(300, 24, 1);
        MultitaskClassifier model = new MultitaskClassifier(ModelTestData.TASKS, 24,
                MultitaskConfig.defaults().withLayerSizes(List.of(32)).withDropout(0.5).withSeed(3));
        model.fit(train, 2);
        Uncertainty before = model.predictWithDropout(train, 8, 7, List.of());
        model.save(dir.resolve("model"), null, List.of());
        SavedModel loaded = ModelIO.load(dir.resolve("model"));
        float[][] x = new float[train.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = train.featureRow(i);
        }
        Uncertainty after = loaded.predictFeaturesWithDropout(x, 8, 7);
        double spread = 0;
        for (double[] row : after.std()) {
            for (double v : row) {
                spread += v;
            }
        }
        assertTrue(spread / (x.length * 3) > 0.01, "dropout is on after loading: mean std " + spread / (x.length * 3));
        for (int i = 0; i < x.length; i += 50) {
            assertArrayEquals(before.std()[i], after.std()[i], 1e-5);
            assertArrayEquals(before.mean()[i], after.mean()[i], 1e-5);
        }
    }
}
