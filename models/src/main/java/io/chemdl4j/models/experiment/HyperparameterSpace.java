package io.chemdl4j.models.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.chemdl4j.models.Hyperparameters;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKinds;

/**
 * The values a hyperparameter search may try, per hyperparameter. An empty list keeps the base
 * configuration's value. Layer sizes are the hidden layers of a multitask network or the graph
 * convolutions of a GraphConv model.
 */
public record HyperparameterSpace(List<List<Integer>> layerSizes, List<Double> dropout, List<Double> learningRate,
                                  List<Double> weightDecay, List<Integer> batchSize, List<Integer> epochs) {
    public HyperparameterSpace {
        layerSizes = layerSizes.stream().map(List::copyOf).toList();
        dropout = List.copyOf(dropout);
        learningRate = List.copyOf(learningRate);
        weightDecay = List.copyOf(weightDecay);
        batchSize = List.copyOf(batchSize);
        epochs = List.copyOf(epochs);
    }

    /**
     * {@code kind}'s own space ({@link ModelKind#searchSpace()}).
     *
     * @throws IllegalArgumentException if the kind has none, naming the kinds that have one
     */
    public static HyperparameterSpace defaults(ModelKind<?> kind) {
        return kind.searchSpace().orElseThrow(() -> new IllegalArgumentException("the " + kind.name()
                + " model has no hyperparameters to search; search "
                + String.join(", ", ModelKinds.all().stream().filter(k -> k.searchSpace().isPresent())
                        .map(ModelKind::name).toList())));
    }

    /** One point of the space; {@code null} fields keep the base configuration's value. */
    public record Point(List<Integer> layerSizes, Double dropout, Double learningRate, Double weightDecay,
                        Integer batchSize, Integer epochs) {
        /** The model hyperparameters this point sets (all but the epochs). */
        public Hyperparameters hyperparameters() {
            return new Hyperparameters(layerSizes, dropout, learningRate, weightDecay, batchSize, null);
        }

        /** {@code name=value} for the values this point sets. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            if (layerSizes != null) {
                parts.add("layers=" + layerSizes);
            }
            if (dropout != null) {
                parts.add("dropout=" + dropout);
            }
            if (learningRate != null) {
                parts.add("lr=" + learningRate);
            }
            if (weightDecay != null) {
                parts.add("weight_decay=" + weightDecay);
            }
            if (batchSize != null) {
                parts.add("batch=" + batchSize);
            }
            if (epochs != null) {
                parts.add("epochs=" + epochs);
            }
            return String.join(" ", parts);
        }
    }

    /** Every combination, in a fixed order (the last hyperparameter varies fastest). */
    public List<Point> grid() {
        List<Point> points = new ArrayList<>();
        for (List<Integer> l : orNull(layerSizes)) {
            for (Double d : orNull(dropout)) {
                for (Double lr : orNull(learningRate)) {
                    for (Double wd : orNull(weightDecay)) {
                        for (Integer b : orNull(batchSize)) {
                            for (Integer e : orNull(epochs)) {
                                points.add(new Point(l, d, lr, wd, b, e));
                            }
                        }
                    }
                }
            }
        }
        return points;
    }

    /** {@code n} distinct points drawn with {@code seed} (all of them, shuffled, if the grid is smaller). */
    public List<Point> sample(int n, long seed) {
        List<Point> all = new ArrayList<>(grid());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            java.util.Collections.swap(all, i, random.nextInt(i + 1));
        }
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    private static <T> List<T> orNull(List<T> values) {
        if (values.isEmpty()) {
            List<T> single = new ArrayList<>();
            single.add(null);
            return single;
        }
        return values;
    }
}
