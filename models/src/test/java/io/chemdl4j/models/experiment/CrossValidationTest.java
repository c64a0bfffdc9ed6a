package io.chemdl4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;

/**
 * k-fold cross-validation tests every molecule exactly once, validates on another fold than it tests, and sums the
 * folds up as their mean and sample standard deviation; the same seed gives the same folds.
 */
class CrossValidationTest {

    @Test
    void everyMoleculeIsTestedOnceAndTheSummaryIsTheFoldsMeanAndSd() throws Exception {
        ExperimentConfig base = ExperimentConfig.defaults(MolNetDataset.DELANEY, 4).withEpochs(2);
        CrossValidation.Result result = CrossValidation.run(base, 4, null);
        assertEquals(4, result.folds().size());
        List<Double> tested = new ArrayList<>();
        int testSize = 0;
        for (ExperimentResult fold : result.folds()) {
            List<Integer> sizes = fold.splitSizes();
            assertEquals(1128, sizes.get(0) + sizes.get(1) + sizes.get(2));
            assertTrue(Math.abs(sizes.get(1) - 282) <= 1 && Math.abs(sizes.get(2) - 282) <= 1, sizes.toString());
            testSize += sizes.get(2);
            SplitPredictions test = fold.predictions().stream().filter(p -> p.split().equals("test")).findFirst()
                    .orElseThrow();
            for (double[] label : test.labels()) {
                tested.add(label[0]);
            }
        }
        assertEquals(1128, testSize, "the test folds partition the data");
        List<Double> all = new ArrayList<>(tested);
        all.sort(null);
        List<Double> labels = new ArrayList<>();
        for (ExperimentResult fold : List.of(result.folds().get(0))) {
            for (SplitPredictions p : fold.predictions()) {
                for (double[] label : p.labels()) {
                    labels.add(label[0]);
                }
            }
        }
        labels.sort(null);
        // The same labels, each once (to float precision: each fold undoes its own training split's scaling).
        assertEquals(labels.size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(labels.get(i), all.get(i), 1e-4, "the test folds hold the dataset's molecules, each once");
        }

        double[] rmse = result.folds().stream().mapToDouble(f -> f.scores().get("test").get("rmse")).toArray();
        double mean = (rmse[0] + rmse[1] + rmse[2] + rmse[3]) / 4;
        double ss = 0;
        for (double v : rmse) {
            ss += (v - mean) * (v - mean);
        }
        Map<String, double[]> test = result.summary().get("test");
        assertEquals(mean, test.get("rmse")[0], 1e-12);
        assertEquals(Math.sqrt(ss / 3), test.get("rmse")[1], 1e-12);

        CrossValidation.Result again = CrossValidation.run(base, 4, null);
        assertEquals(result.folds().get(2).scores(), again.folds().get(2).scores(), "same seed, same folds");
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(base, 1, null));
    }
}
