package io.chemdl4j.moleculenet.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import io.chemdl4j.moleculenet.Dataset;

/**
 * A seeded split that keeps each task's labels balanced across train, validation and test.
 *
 * <p>Classification (every measured label 0 or 1): iterative stratification (Sechidis et al.,
 * 2011) — molecules are taken rarest positive task first, and each goes to the part that still
 * lacks the most positives of that task, within the part's size; molecules without positives fill
 * the remaining room at random. Regression: molecules are sorted by the first task's label and each
 * run of ten is dealt to the parts by the fractions, as DeepChem's {@code SingletaskStratifiedSplitter}
 * does. The same seed gives the same split.
 */
public record StratifiedSplitter(long seed) implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        return isBinary(dataset) ? classification(dataset, fractions) : regression(dataset, fractions);
    }

    static boolean isBinary(Dataset d) {
        for (int i = 0; i < d.size(); i++) {
            for (int t = 0; t < d.taskCount(); t++) {
                float y = d.label(i, t);
                if (d.weight(i, t) != 0 && y != 0f && y != 1f) {
                    return false;
                }
            }
        }
        return true;
    }

    private int[][] classification(Dataset d, SplitFractions fractions) {
        int n = d.size();
        int tasks = d.taskCount();
        double[] share = {fractions.train(), fractions.valid(), fractions.test()};
        int[] capacity = {fractions.trainCutoff(n), fractions.validCutoff(n) - fractions.trainCutoff(n),
            n - fractions.validCutoff(n)};
        int[] positives = new int[tasks];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tasks; t++) {
                if (d.weight(i, t) != 0 && d.label(i, t) == 1f) {
                    positives[t]++;
                }
            }
        }
        double[][] wanted = new double[3][tasks];
        for (int p = 0; p < 3; p++) {
            for (int t = 0; t < tasks; t++) {
                wanted[p][t] = share[p] * positives[t];
            }
        }
        // each molecule's rarest positive task, or -1
        int[] rarest = new int[n];
        for (int i = 0; i < n; i++) {
            rarest[i] = -1;
            for (int t = 0; t < tasks; t++) {
                if (d.weight(i, t) != 0 && d.label(i, t) == 1f
                        && (rarest[i] < 0 || positives[t] < positives[rarest[i]])) {
                    rarest[i] = t;
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Integer[] order = shuffled(n, random);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> rarest[i] < 0 ? Integer.MAX_VALUE : positives[rarest[i]]));
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i : order) {
            int best = -1;
            for (int p = 0; p < 3; p++) {
                if (parts.get(p).size() >= capacity[p]) {
                    continue;
                }
                if (best < 0) {
                    best = p;
                    continue;
                }
                double need = rarest[i] < 0 ? capacity[p] - parts.get(p).size() : wanted[p][rarest[i]];
                double bestNeed = rarest[i] < 0 ? capacity[best] - parts.get(best).size() : wanted[best][rarest[i]];
                if (need > bestNeed || (need == bestNeed && random.nextBoolean())) {
                    best = p;
                }
            }
            parts.get(best).add(i);
            for (int t = 0; t < tasks; t++) {
                if (d.weight(i, t) != 0 && d.label(i, t) == 1f) {
                    wanted[best][t]--;
                }
            }
        }
        return new int[][] {ScaffoldSplitter.toArray(parts.get(0)), ScaffoldSplitter.toArray(parts.get(1)),
            ScaffoldSplitter.toArray(parts.get(2))};
    }

    private int[][] regression(Dataset d, SplitFractions fractions) {
        int n = d.size();
        SplittableRandom random = new SplittableRandom(seed);
        Integer[] order = shuffled(n, random);
        Arrays.sort(order, Comparator.comparingDouble(i -> d.taskCount() == 0 ? 0 : d.label(i, 0)));
        int trainPerTen = (int) Math.round(fractions.train() * 10);
        int validPerTen = (int) Math.round(fractions.valid() * 10);
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int start = 0; start < n; start += 10) {
            int end = Math.min(n, start + 10);
            int[] window = Arrays.stream(order, start, end).mapToInt(Integer::intValue).toArray();
            Permutations.shuffle(window, random);
            for (int k = 0; k < window.length; k++) {
                int part = k < trainPerTen ? 0 : k < trainPerTen + validPerTen ? 1 : 2;
                parts.get(part).add(window[k]);
            }
        }
        return new int[][] {ScaffoldSplitter.toArray(parts.get(0)), ScaffoldSplitter.toArray(parts.get(1)),
            ScaffoldSplitter.toArray(parts.get(2))};
    }

    private static Integer[] shuffled(int n, SplittableRandom random) {
        return Arrays.stream(Permutations.of(n, random)).boxed().toArray(Integer[]::new);
    }
}
