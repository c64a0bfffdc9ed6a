package io.chemdl4j.models.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.ModelEvaluation;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.split.SplitterType;

/**
 * Floors on what calibration promises, on the real datasets (from {@code $CHEMDL_DATA_DIR}), through the library as
 * {@code chemdl train}, {@code calibrate} and {@code evaluate} run it; the figures of {@code bench/reliability.sh}
 * beside each. Floors only, never times.
 */
@Tag("slow")
class ReliabilityAccuracyTest {
    @TempDir
    Path dir;

    private ModelEvaluation.Result trainCalibrateAndTest(ExperimentConfig config, Calibrator.Options options)
            throws Exception {
        Path model = dir.resolve(config.source().name() + "-" + config.splitter() + "-" + config.seed());
        Experiment.run(config).saver().save(model);
        SavedModel saved = ModelIO.load(model);
        DataRequest request = new DataRequest(config.source(), saved.featurizer(), config.splitter(), config.seed(),
                config.fractions(), null);
        Reliability reliability = Calibrator.fit(saved, request, options, null);
        return ModelEvaluation.evaluate(saved.withReliability(reliability), request, ModelEvaluation.Subset.TEST,
                null);
    }

    @Test
    void aqsoldbConformalIntervalsCoverWhatTheyPromise() throws Exception {
        // measured: 90% coverage 0.898 (width 4.20), 80% 0.816 (width 3.11) on 999 test molecules, seed 0
        ReliabilityScores.TaskScores s = trainCalibrateAndTest(ExperimentConfig.defaults(MolNetDataset.AQSOLDB, 0),
                Calibrator.Options.defaults()).reliability().tasks().get(0);
        assertEquals(0.9, s.coverage().get(1), 0.03, "90% coverage");
        assertEquals(0.8, s.coverage().get(0), 0.04, "80% coverage");
        assertTrue(s.width().get(1) > s.width().get(0), "90% intervals are wider than 80% ones");
    }

    @Test
    void tox21CalibrationLowersTheExpectedCalibrationError() throws Exception {
        // measured: mean ECE 0.138 -> 0.022 (Platt), Brier 0.109 -> 0.057, seed 0, 10 epochs
        ReliabilityScores r = trainCalibrateAndTest(ExperimentConfig.defaults(MolNetDataset.TOX21, 0).withEpochs(10),
                Calibrator.Options.defaults()).reliability();
        double before = r.mean(t -> t.before().expectedCalibrationError());
        double after = r.mean(t -> t.after().expectedCalibrationError());
        assertTrue(after < 0.05 && after < before / 2, "ECE " + before + " -> " + after);
        assertTrue(r.mean(ReliabilityScores.TaskScores::brierCalibrated) < r.mean(ReliabilityScores.TaskScores::brier));
    }

    @Test
    void outsideTheDomainOfAScaffoldSplitTheErrorIsLarger() throws Exception {
        // measured: Delaney RMSE outside 2.087 (6 molecules), inside 1.141 (107), seed 0
        ReliabilityScores.DomainScores d = trainCalibrateAndTest(ExperimentConfig.defaults(MolNetDataset.DELANEY, 0)
                .withSplitter(SplitterType.SCAFFOLD), Calibrator.Options.defaults()).reliability().domain();
        assertTrue(d.outside() > 0 && d.inside() > d.outside(), d.toString());
        assertTrue(d.errorOutside() > 1.3 * d.errorInside(), d.toString());
    }
}
