package io.chemdl4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.Ensemble;
import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.TrainableModel;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.graphconv.GraphConvModel;
import io.chemdl4j.models.graphconv.GraphConvModelTest;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.multitask.ModelContract;
import io.chemdl4j.models.multitask.MultitaskClassifier;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.models.multitask.MultitaskModel;
import io.chemdl4j.models.multitask.MultitaskRegressor;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;

/** Early stopping, checkpoints, curves, learning-rate schedules, Monte-Carlo dropout and ensembles. */
class TrainingTest {
    private static final MultitaskConfig SMALL = ModelContract.SMALL;

    @TempDir
    Path dir;

    @Test
    void earlyStoppingKeepsTheBestEpochsWeightsAndItsCheckpoint() throws IOException {
        Dataset train = ModelTestData.classification(300, 24, 1);
        // a small, noisy validation split so that the score soon stops improving
        Dataset valid = ModelTestData.classification(40, 24, 5);
        MultitaskModel model = new MultitaskClassifier(ModelTestData.TASKS, 24, SMALL.withLearningRate(0.05));
        Path checkpoint = dir.resolve("best.ckpt");
        TrainingCurve curve = Training.fit(model, train, valid,
                TrainingOptions.earlyStopping(60, Metric.ROC_AUC, 3).withCheckpoint(checkpoint), List.of());

        assertEquals(curve.bestEpoch(), curve.keptEpoch());
        assertTrue(curve.stoppedEarly(), "60 epochs at learning rate 0.05 should stop early: " + curve.points().size());
        assertEquals(curve.bestEpoch() + 3, curve.points().size(), "stops exactly `patience` epochs after the best");
        double kept = model.evaluate(valid, List.of(Metric.ROC_AUC), List.of()).mean(Metric.ROC_AUC);
        assertEquals(curve.best().validScore(), kept, 1e-9, "the model holds the best epoch's weights");
        for (TrainingCurve.Point p : curve.points()) {
            assertTrue(Double.isFinite(p.trainLoss()) && Double.isFinite(p.validLoss()) && p.trainScore() > 0.5, p.toString());
        }
        double bestSoFar = curve.points().stream().mapToDouble(TrainingCurve.Point::validScore).max().orElseThrow();
        assertEquals(bestSoFar, curve.best().validScore(), 0.0);

        // the checkpoint holds the same weights; writing it left no temporary files
        MultitaskModel fresh = new MultitaskClassifier(ModelTestData.TASKS, 24, SMALL.withSeed(99));
        Training.restoreCheckpoint(fresh, checkpoint);
        double[][] a = model.predict(valid);
        double[][] b = fresh.predict(valid);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-6);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(checkpoint), files.toList());
        }
        MultitaskModel other = new MultitaskClassifier(ModelTestData.TASKS, 24, SMALL.withLayerSizes(List.of(8)));
        assertThrows(IllegalArgumentException.class, () -> Training.restoreCheckpoint(other, checkpoint));
    }

    @Test
    void withoutEarlyStoppingEveryEpochIsTrainedAndTheLastWeightsStay() {
        Dataset train = ModelTestData.regression(200, 24, 1);
        Dataset valid = ModelTestData.regression(50, 24, 2);
        MultitaskModel model = new MultitaskRegressor(ModelTestData.TASKS, 24, SMALL);
        TrainingCurve curve = Training.fit(model, train, valid, new TrainingOptions(6, Metric.RMSE, 0, null), List.of());
        assertEquals(6, curve.points().size());
        assertEquals(6, curve.keptEpoch());
        double rmse = model.evaluate(valid, List.of(Metric.RMSE), List.of()).mean(Metric.RMSE);
        assertEquals(curve.points().get(5).validScore(), rmse, 1e-9);
        // the recorded validation loss is the mean weighted squared error summed over tasks
        double[][] p = model.predict(valid);
        double sum = 0;
        for (int i = 0; i < valid.size(); i++) {
            for (int t = 0; t < 3; t++) {
                sum += valid.weight(i, t) * Math.pow(p[i][t] - valid.label(i, t), 2);
            }
        }
        assertEquals(sum / valid.size(), curve.points().get(5).validLoss(), 1e-9);
    }

    @Test
    void theCurvesTrainingScoreIsTakenOnAnEvenlySpacedSampleAsLargeAsValidationOrOnTheWholeSplit() {
        Dataset train = ModelTestData.regression(200, 24, 1);
        Dataset valid = ModelTestData.regression(50, 24, 2);
        // rows floor(i * 200 / 50): every fourth molecule, from the first
        int[] everyFourth = java.util.stream.IntStream.range(0, 50).map(i -> 4 * i).toArray();
        Dataset sample = Training.scoredTrainingMolecules(train, valid.size(),
                TrainScoring.SAMPLE_AS_LARGE_AS_VALIDATION);
        assertArrayEquals(train.select(everyFourth).ids(), sample.ids());
        Dataset small = train.select(new int[] {0, 1, 2});
        assertSame(small, Training.scoredTrainingMolecules(small, 5, TrainScoring.SAMPLE_AS_LARGE_AS_VALIDATION),
                "a training split no larger than validation is scored whole");
        assertSame(train, Training.scoredTrainingMolecules(train, 50, TrainScoring.WHOLE_SPLIT));

        List<Metric> rmse = List.of(Metric.RMSE);
        for (TrainScoring scoring : TrainScoring.values()) {
            MultitaskModel model = new MultitaskRegressor(ModelTestData.TASKS, 24, SMALL);
            TrainingCurve curve = Training.fit(model, train, valid,
                    new TrainingOptions(3, Metric.RMSE, 0, null).withTrainScoring(scoring), List.of());
            Dataset scored = scoring == TrainScoring.WHOLE_SPLIT ? train : train.select(everyFourth);
            assertEquals(model.evaluate(scored, rmse, List.of()).mean(Metric.RMSE), curve.points().get(2).trainScore(),
                    1e-12, scoring.name());
        }
    }

    @Test
    void crossEntropyOfHandComputedPredictions() {
        Dataset labels = Dataset.of(new float[][] {{}, {}}, new float[][] {{1, 0}, {0, 1}},
                new float[][] {{1, 2}, {1, 0}}, new String[] {"a", "b"}, List.of("t0", "t1"));
        double[][] p = {{0.8, 0.3}, {0.4, 0.9}};
        double expected = (-Math.log(0.8) - 2 * Math.log(0.7) - Math.log(0.6)) / 2;
        assertEquals(expected, Training.loss(TaskType.CLASSIFICATION, labels, p), 1e-12);
    }

    @Test
    void learningRateSchedules() {
        assertEquals(0.01, LearningRateSchedule.constant().at(0.01, 7), 0);
        assertEquals(0.01 * Math.pow(0.9, 3), LearningRateSchedule.exponential(0.9).at(0.01, 3), 1e-15);
        assertEquals(0.0025, LearningRateSchedule.step(0.5, 2).at(0.01, 5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(1.5));
        // a rate that collapses after the first epoch freezes the weights from the second epoch on
        LearningRateSchedule collapse = LearningRateSchedule.step(1e-9, 1);
        Dataset train = ModelTestData.classification(200, 24, 1);
        assertFrozenAfterFirstEpoch(new MultitaskClassifier(ModelTestData.TASKS, 24, SMALL.withSchedule(collapse)), train);
        assertFrozenAfterFirstEpoch(new GraphConvModel(TaskType.CLASSIFICATION, List.of("t0", "t1"),
                io.chemdl4j.featurize.graph.GraphFeaturizer.ATOM_FEATURES, GraphConvModelTest.small().withSchedule(collapse)
                        .withBatchSize(3)), GraphConvModelTest.tiny());
    }

    private static <D extends io.chemdl4j.moleculenet.LabelledData<D>> void assertFrozenAfterFirstEpoch(
            TrainableModel<D> model, D train) {
        Map<String, INDArray> start = copy(model.state());
        model.fit(train, 1);
        Map<String, INDArray> afterFirst = copy(model.state());
        model.fit(train, 2);
        double moved = 0;
        double frozen = 0;
        for (String name : start.keySet()) {
            if (name.contains("moving")) {
                continue; // batch-norm statistics follow the data, not the learning rate
            }
            moved = Math.max(moved, afterFirst.get(name).sub(start.get(name)).amaxNumber().doubleValue());
            frozen = Math.max(frozen, model.state().get(name).sub(afterFirst.get(name)).amaxNumber().doubleValue());
        }
        assertTrue(moved > 1e-4, "first epoch moved the weights by " + moved);
        assertTrue(frozen < 1e-6, "later epochs moved them by " + frozen);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> c = new java.util.LinkedHashMap<>();
        state.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    @Test
    void monteCarloDropoutSpreadsPredictionsReproducibly() {
        Dataset train = ModelTestData.regression(200, 24, 1);
        Dataset test = ModelTestData.regression(30, 24, 2);
        MultitaskModel model = new MultitaskRegressor(ModelTestData.TASKS, 24, SMALL.withDropout(0.3).withLayerSizes(List.of(32, 32)));
        model.fit(train, 5);
        Uncertainty a = model.predictWithDropout(test, 20, 1, List.of());
        Uncertainty b = model.predictWithDropout(test, 20, 1, List.of());
        assertEquals(20, a.samples());
        assertTrue(a.std()[0][0] > 0, "dropout samples differ");
        assertArrayEquals(a.mean()[3], b.mean()[3], 0.0);
        // the plain prediction is unchanged by sampling
        double[][] before = model.predict(test);
        model.predictWithDropout(test, 3, 2, List.of());
        assertArrayEquals(before[0], model.predict(test)[0], 0.0);
        MultitaskModel noDropout = new MultitaskRegressor(ModelTestData.TASKS, 24, SMALL.withDropout(0));
        assertThrows(IllegalStateException.class, () -> noDropout.predictWithDropout(test, 5, 1, List.of()));

        GraphDataset graphs = GraphConvModelTest.tiny();
        GraphConvModel graphModel = new GraphConvModel(TaskType.CLASSIFICATION, List.of("t0", "t1"),
                io.chemdl4j.featurize.graph.GraphFeaturizer.ATOM_FEATURES, GraphConvModelTest.small().withDropout(0.3));
        graphModel.fit(graphs, 2);
        Uncertainty g = graphModel.predictWithDropout(graphs, 10, 4, List.of());
        assertTrue(g.std()[1][0] > 0);
        assertArrayEquals(g.mean()[1], graphModel.predictWithDropout(graphs, 10, 4, List.of()).mean()[1], 0.0);
    }

    @Test
    void ensembleAveragesMembersAndReportsTheirSpread() {
        Dataset train = ModelTestData.regression(200, 24, 1);
        Dataset test = ModelTestData.regression(20, 24, 2);
        List<MultitaskModel> members = List.of(0L, 1L, 2L).stream().map(seed -> {
            MultitaskModel m = new MultitaskRegressor(ModelTestData.TASKS, 24, SMALL.withSeed(seed));
            m.fit(train, 3);
            return m;
        }).toList();
        Ensemble<Dataset> ensemble = new Ensemble<>(members);
        double[][] mean = ensemble.predict(test);
        Uncertainty u = ensemble.predictWithUncertainty(test, List.of());
        double[] values = members.stream().mapToDouble(m -> m.predict(test)[4][1]).toArray();
        double m = (values[0] + values[1] + values[2]) / 3;
        double sd = Math.sqrt(((values[0] - m) * (values[0] - m) + (values[1] - m) * (values[1] - m)
                + (values[2] - m) * (values[2] - m)) / 2);
        assertEquals(m, mean[4][1], 1e-12);
        assertEquals(m, u.mean()[4][1], 1e-12);
        assertEquals(sd, u.std()[4][1], 1e-12);
        assertTrue(sd > 0);
        assertThrows(IllegalArgumentException.class, () -> new Ensemble<Dataset>(List.of()));
    }
}
