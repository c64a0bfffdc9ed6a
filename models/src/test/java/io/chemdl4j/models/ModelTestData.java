package io.chemdl4j.models;

import java.util.List;
import java.util.SplittableRandom;

import io.chemdl4j.moleculenet.Dataset;

/** Small synthetic datasets whose labels depend on the features, so models can learn them. */
public final class ModelTestData {
    private ModelTestData() {
    }

    public static final List<String> TASKS = List.of("t0", "t1", "t2");

    /** Binary sparse features; task t is on when feature t or t+3 is set; every 4th label of task 2 missing. */
    public static Dataset classification(int n, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][features];
        float[][] y = new float[n][TASKS.size()];
        float[][] w = new float[n][TASKS.size()];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < features; f++) {
                x[i][f] = r.nextDouble() < 0.2 ? 1f : 0f;
            }
            for (int t = 0; t < TASKS.size(); t++) {
                y[i][t] = x[i][t] + x[i][t + 3] > 0 ? 1f : 0f;
                w[i][t] = t == 2 && i % 4 == 0 ? 0f : 1f;
            }
            ids[i] = "m" + i;
        }
        return Dataset.of(x, y, w, ids, TASKS);
    }

    /** Continuous labels: task t = sum of features t..t+2 plus 0.5 t; every 5th label of task 1 missing. */
    public static Dataset regression(int n, int features, long seed) {
        return relabelled(classification(n, features, seed), (x, t) -> x[t] + x[t + 1] + x[t + 2] + 0.5f * t,
                (i, t) -> t == 1 && i % 5 == 0);
    }

    /**
     * Class labels 0..3: task t = the number of features t, t+3 and t+6 set (each set with probability
     * 0.2, so class 3 is rare); every 6th label of task 0 missing.
     */
    public static Dataset multiclass(int n, int features, long seed) {
        return relabelled(classification(n, features, seed), (x, t) -> x[t] + x[t + 3] + x[t + 6],
                (i, t) -> t == 0 && i % 6 == 0);
    }

    /** {@code base}'s feature rows and ids with labels {@code label(row, task)}, missing where {@code missing} says. */
    private static Dataset relabelled(Dataset base, java.util.function.BiFunction<float[], Integer, Float> label,
                                      java.util.function.BiPredicate<Integer, Integer> missing) {
        int n = base.size();
        float[][] y = new float[n][TASKS.size()];
        float[][] w = new float[n][TASKS.size()];
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = base.featureRow(i);
            for (int t = 0; t < TASKS.size(); t++) {
                y[i][t] = label.apply(x[i], t);
                w[i][t] = missing.test(i, t) ? 0f : 1f;
            }
        }
        return Dataset.of(x, y, w, base.ids(), TASKS);
    }
}
