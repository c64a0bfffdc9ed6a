package io.chemdl4j.models.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PreparedData;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * Grid or random search over a {@link HyperparameterSpace}: the data is loaded, split and transformed
 * once; each trial trains the base configuration with one point of the space on the training split
 * and is scored on the validation split only, by the dataset's metric. The trials are ranked, and the
 * best trial's model (trained on the training split, as every trial is) is returned with its scores on
 * all three splits: the test split is scored once, after the choice, and never takes part in it.
 */
public final class HyperparameterSearch {
    private HyperparameterSearch() {
    }

    /** How trials are chosen from the space. */
    public enum Strategy {
        /** Every point, in order, up to the trial limit. */
        GRID,
        /** Distinct points drawn with the base configuration's seed. */
        RANDOM
    }

    /**
     * One trial.
     *
     * @param point      the hyperparameters it set
     * @param config     the full configuration it trained
     * @param trainScore the dataset's metric on the training split
     * @param validScore the dataset's metric on the validation split: what trials are ranked by
     * @param epochs     epochs trained (after early stopping, if the base configuration asks for it)
     */
    public record Trial(HyperparameterSpace.Point point, ExperimentConfig config, double trainScore, double validScore,
                        int epochs) {
    }

    /**
     * The outcome.
     *
     * @param metric     the metric trials are ranked by
     * @param ranked     trials, best validation score first
     * @param best       the best trial's model, on the data it was trained on
     * @param bestScores the best model's metric on {@code train}, {@code valid} and {@code test}
     * @param saver      saves the best model with the featurizer and transformers of its data
     */
    public record Result(Metric metric, List<Trial> ranked, PropertyModel<?> best, Map<String, Double> bestScores,
                         ExperimentResult.Saver saver) {
        public Result {
            ranked = List.copyOf(ranked);
            bestScores = Map.copyOf(bestScores);
        }

        /** The trial ranked first. */
        public Trial bestTrial() {
            return ranked.get(0);
        }
    }

    /**
     * Runs at most {@code trials} trials of {@code space} around {@code base}.
     *
     * @throws IllegalArgumentException for a model kind without hyperparameters to search (random forest)
     */
    public static Result run(ExperimentConfig base, HyperparameterSpace space, Strategy strategy, int trials,
                             StreamingFeaturizer.ProgressListener progress) {
        HyperparameterSpace.defaults(base.model()); // refuses a kind that has no search space
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be positive, got " + trials);
        }
        List<HyperparameterSpace.Point> points = strategy == Strategy.GRID
                ? space.grid().subList(0, Math.min(trials, space.grid().size()))
                : space.sample(trials, base.seed());
        return search(base.model(), base, points, progress);
    }

    private static <D extends LabelledData<D>> Result search(ModelKind<D> kind, ExperimentConfig base,
                                                          List<HyperparameterSpace.Point> points,
                                                          StreamingFeaturizer.ProgressListener progress) {
        PreparedData<D> data = Experiment.prepare(kind, base, progress);
        Metric metric = Experiment.metricsFor(base.source()).get(0);
        List<Metric> metrics = List.of(metric);
        List<Trial> trials = new ArrayList<>();
        List<PropertyModel<D>> models = new ArrayList<>();
        for (HyperparameterSpace.Point point : points) {
            ExperimentConfig config = apply(base, point);
            Experiment.Trained<D> run = Experiment.train(kind, config, data);
            double train = run.model().evaluate(data.train(), metrics, data.transformers()).mean(metric);
            double valid = run.model().evaluate(data.valid(), metrics, data.transformers()).mean(metric);
            trials.add(new Trial(point, config, train, valid, run.epochs().size()));
            models.add(run.model());
        }
        Comparator<Integer> byValid = Comparator.comparingDouble(i -> trials.get(i).validScore());
        if (metric.higherIsBetter()) {
            byValid = byValid.reversed();
        }
        List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, trials.size()).boxed().toList());
        order.sort(byValid); // stable: ties keep the order in which the trials ran
        List<Trial> ranked = order.stream().map(trials::get).toList();
        PropertyModel<D> best = models.get(order.get(0));
        Map<String, Double> scores = new java.util.LinkedHashMap<>();
        scores.put("train", ranked.get(0).trainScore());
        scores.put("valid", ranked.get(0).validScore());
        scores.put("test", best.evaluate(data.test(), metrics, data.transformers()).mean(metric));
        return new Result(metric, ranked, best, scores,
                dir -> kind.save(best, dir, data.featurizer(), data.transformers()));
    }

    /** {@code base} with the values {@code point} sets, in the configuration of its model kind. */
    static ExperimentConfig apply(ExperimentConfig base, HyperparameterSpace.Point point) {
        ExperimentConfig c = point.epochs() != null ? base.withEpochs(point.epochs()) : base;
        return c.withHyperparameters(point.hyperparameters());
    }
}
