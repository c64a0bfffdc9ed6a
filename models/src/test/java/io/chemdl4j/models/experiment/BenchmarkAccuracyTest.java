package io.chemdl4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;

/**
 * Accuracy floors on the real MoleculeNet files (from {@code $CHEMDL_DATA_DIR}). Published reference:
 * DeepChem's book gives Tox21 test ROC-AUC 0.79 (train 0.96) for this network; DeepChem's own
 * PyTorch model reaches 0.758 on seed 0 on this machine class. Floors only, never times.
 */
@Tag("slow")
class BenchmarkAccuracyTest {

    @Test
    void tox21MultitaskClassifierClearsTheFloorInFiveEpochs() {
        // measured: train 0.949, valid 0.801, test 0.791 (seed 0, 5 epochs)
        ExperimentResult r = Experiment.run(ExperimentConfig.defaults(MolNetDataset.TOX21, 0).withEpochs(5));
        double train = r.scores().get("train").get("roc_auc");
        double test = r.scores().get("test").get("roc_auc");
        assertTrue(train >= 0.90, "train ROC-AUC " + train);
        assertTrue(test >= 0.77, "test ROC-AUC " + test);
        assertEquals(12, r.details().get("test").perTask().get(Metric.ROC_AUC).length);
    }

    @Test
    void tox21GraphConvClearsTheFloorInFifteenEpochs() {
        // measured: valid 0.838, test 0.818 (seed 0, 15 epochs, the last epoch's weights) on the machines of 2026-11;
        // on an AMD EPYC (2026-12-02), whose BLAS kernels add in another order, seeds 0/1/2 gave valid
        // 0.814/0.798/0.835 and test 0.815/0.823/0.831. MoleculeNet's GraphConv: 0.829 ± 0.006. One seed's scores move
        // by ±0.02 with the order of float additions (801 validation molecules), so the floors leave that room.
        ExperimentResult r = Experiment.run(ExperimentConfig.defaults(MolNetDataset.TOX21, 0)
                .withModel("graphconv").withEpochs(15));
        double valid = r.scores().get("valid").get("roc_auc");
        double test = r.scores().get("test").get("roc_auc");
        assertTrue(valid >= 0.80, "valid ROC-AUC " + valid);
        assertTrue(test >= 0.80, "test ROC-AUC " + test);
    }

    @Test
    void tox21RandomForestClearsTheFloor() {
        // measured: see below; scikit-learn's forest of 100 trees: 0.78-0.84 over seeds 0-2
        ExperimentResult r = Experiment.run(ExperimentConfig.defaults(MolNetDataset.TOX21, 0)
                .withModel("random_forest"));
        System.out.println("tox21 random forest: " + r.scores());
        double test = r.scores().get("test").get("roc_auc");
        assertTrue(test >= 0.80, "test ROC-AUC " + test);
    }

    @Test
    void delaneyMultitaskRegressorPredictsSolubilityWithinTheBar() {
        // measured: test RMSE 0.95 log mol/L (seed 0, 50 epochs); the bar is 1.4
        ExperimentResult r = Experiment.run(ExperimentConfig.defaults(MolNetDataset.DELANEY, 0));
        double rmse = r.scores().get("test").get("rmse");
        double r2 = r.scores().get("test").get("r2");
        assertTrue(rmse <= 1.2, "test RMSE " + rmse);
        assertTrue(r2 >= 0.6, "test R2 " + r2);
        // scores are in log mol/L, not in normalized units: train error is far below the spread of ~2
        assertTrue(r.scores().get("train").get("rmse") < 1.0);
    }

    @Test
    void delaneyDmpnnBeatsChempropsMeanWithItsDefaults() {
        // measured: test RMSE 0.616 (seed 0, 50 epochs); chemprop v1.7.1 here: 0.716 mean over seeds 0-2
        ExperimentResult r = Experiment.run(ExperimentConfig.defaults(MolNetDataset.DELANEY, 0).withModel("dmpnn"));
        double rmse = r.scores().get("test").get("rmse");
        assertTrue(rmse <= 0.70, "test RMSE " + rmse);
    }
}
