package io.chemdl4j.moleculenet.transform;

import io.chemdl4j.moleculenet.Dataset;

/**
 * Reweights a binary classification dataset so that, within each task, positives and negatives
 * carry equal total weight: a label of class {@code c} is multiplied by
 * {@code N / (2 * count(c))}, where {@code N} counts the task's measured (nonzero-weight) labels, as
 * DeepChem's {@code BalancingTransformer} does. Missing labels keep weight 0. Labels are unchanged.
 *
 * @param positiveWeights per task, the factor for labels equal to 1
 * @param negativeWeights per task, the factor for labels equal to 0
 */
public record BalancingTransformer(double[] positiveWeights, double[] negativeWeights) implements Transformer {

    public BalancingTransformer {
        if (positiveWeights.length != negativeWeights.length) {
            throw new IllegalArgumentException("one positive and one negative weight per task");
        }
        positiveWeights = positiveWeights.clone();
        negativeWeights = negativeWeights.clone();
    }

    /**
     * Fits the class weights on {@code train}.
     *
     * @throws IllegalArgumentException if a measured label is neither 0 nor 1
     */
    public static BalancingTransformer fit(Dataset train) {
        int tasks = train.taskCount();
        double[] pos = new double[tasks];
        double[] neg = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            long positives = 0;
            long negatives = 0;
            for (int i = 0; i < train.size(); i++) {
                if (train.weight(i, t) == 0) {
                    continue;
                }
                float label = train.label(i, t);
                if (label == 1f) {
                    positives++;
                } else if (label == 0f) {
                    negatives++;
                } else {
                    throw new IllegalArgumentException("balancing needs 0/1 labels; task '" + train.tasks().get(t)
                            + "' has label " + label + " for molecule " + train.id(i));
                }
            }
            long total = positives + negatives;
            pos[t] = positives == 0 ? 0 : total / (2.0 * positives);
            neg[t] = negatives == 0 ? 0 : total / (2.0 * negatives);
        }
        return new BalancingTransformer(pos, neg);
    }

    @Override
    public String name() {
        return "balancing";
    }

    @Override
    public Dataset transform(Dataset dataset) {
        checkTasks(dataset);
        float[] y = dataset.flatLabels();
        float[] w = dataset.flatWeights();
        int tasks = dataset.taskCount();
        for (int i = 0; i < w.length; i++) {
            int t = i % tasks;
            w[i] = (float) (w[i] * (y[i] == 1f ? positiveWeights[t] : negativeWeights[t]));
        }
        return dataset.withWeights(w);
    }

    private void checkTasks(Dataset dataset) {
        if (dataset.taskCount() != positiveWeights.length) {
            throw new IllegalArgumentException("transformer fitted on " + positiveWeights.length
                    + " tasks, dataset has " + dataset.taskCount());
        }
    }

    @Override
    public double[] positiveWeights() {
        return positiveWeights.clone();
    }

    @Override
    public double[] negativeWeights() {
        return negativeWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BalancingTransformer b && java.util.Arrays.equals(positiveWeights, b.positiveWeights)
                && java.util.Arrays.equals(negativeWeights, b.negativeWeights);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(positiveWeights) + java.util.Arrays.hashCode(negativeWeights);
    }

    @Override
    public String toString() {
        return "BalancingTransformer[positive=" + java.util.Arrays.toString(positiveWeights)
                + ", negative=" + java.util.Arrays.toString(negativeWeights) + "]";
    }
}
