package io.chemdl4j.models.multitask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.ModelTestData;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.Dataset;

/**
 * The contract every model meets: it learns, it does not change its input, the same seed gives
 * the same numbers, prediction is thread-safe, bad input is rejected with a reason, and saving and
 * loading changes nothing.
 */
public abstract class ModelContract {
    public static final MultitaskConfig SMALL = MultitaskConfig.defaults().withLayerSizes(List.of(32)).withBatchSize(32)
            .withLearningRate(0.01).withSeed(11);

    @TempDir
    Path dir;

    abstract MultitaskModel create(MultitaskConfig config);

    abstract Dataset data(long seed);

    /** The metric and the bar a briefly trained model must clear on held-out data. */
    abstract Metric metric();

    abstract double bar();

    @Test
    void learnsHeldOutData() {
        MultitaskModel model = create(SMALL);
        List<EpochRecord> epochs = model.fit(data(1), 15);
        assertEquals(15, epochs.size());
        assertTrue(epochs.get(14).loss() < epochs.get(0).loss(), "loss did not fall: " + epochs);
        double score = model.evaluate(data(2), List.of(metric()), List.of()).mean(metric());
        assertTrue(metric().higherIsBetter() ? score >= bar() : score <= bar(), metric() + " = " + score);
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        Dataset train = data(1);
        MultitaskModel a = create(SMALL);
        MultitaskModel b = create(SMALL);
        MultitaskModel c = create(SMALL.withSeed(12));
        a.fit(train, 2);
        b.fit(train, 2);
        c.fit(train, 2);
        Dataset test = data(2);
        assertArrayEquals(a.predict(test), b.predict(test));
        assertTrue(!java.util.Arrays.deepEquals(a.predict(test), c.predict(test)));
    }

    @Test
    void doesNotChangeItsInputAndPredictsStably() {
        Dataset train = data(1);
        Dataset copy = train.select(java.util.stream.IntStream.range(0, train.size()).toArray());
        MultitaskModel model = create(SMALL);
        model.fit(train, 1);
        assertEquals(copy, train);
        assertArrayEquals(model.predict(train), model.predict(train));
    }

    @Test
    void predictsConcurrently() throws Exception {
        MultitaskModel model = create(SMALL);
        Dataset test = data(2);
        model.fit(data(1), 1);
        double[][] expected = model.predict(test);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> model.predict(test)));
            }
            for (Future<double[][]> f : futures) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsDataOfAnotherShape() {
        MultitaskModel model = create(SMALL);
        Dataset wrong = Dataset.of(new float[2][5], new float[2][3], null, new String[] {"a", "b"}, ModelTestData.TASKS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(wrong)).getMessage()
                .contains("features"));
        Dataset otherTasks = Dataset.of(new float[2][12], new float[2][1], null, new String[] {"a", "b"}, List.of("x"));
        assertThrows(IllegalArgumentException.class, () -> model.fit(otherTasks, 1));
    }

    @Test
    void saveAndLoadChangeNothing() throws Exception {
        MultitaskModel model = create(SMALL);
        model.fit(data(1), 2);
        Path saved = dir.resolve("model");
        model.save(saved, null, List.of());
        SavedModel loaded = ModelIO.load(saved);
        Dataset test = data(2);
        assertArrayEquals(model.predict(test), ((MultitaskModel) loaded.model()).predict(test));
        assertEquals(model.history(), ((MultitaskModel) loaded.model()).history());
        assertEquals(model.config(), ((MultitaskModel) loaded.model()).config());
        assertEquals(model.typeId(), ((MultitaskModel) loaded.model()).typeId());
        assertEquals(model.classes(), loaded.model().classes());
        // the loss is part of the network's configuration: the loaded model trains on as the saved one would
        assertEquals(model.lossAndGradient(test).loss(), ((MultitaskModel) loaded.model()).lossAndGradient(test).loss(),
                1e-6);
        // saving over an existing model replaces it whole and leaves no temporary files
        model.fit(data(1), 1);
        model.save(saved, null, List.of());
        assertArrayEquals(model.predict(test), ((MultitaskModel) ModelIO.load(saved).model()).predict(test));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(saved), listing.toList());
        }
    }
}
