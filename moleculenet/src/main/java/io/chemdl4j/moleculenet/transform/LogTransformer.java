package io.chemdl4j.moleculenet.transform;

import io.chemdl4j.moleculenet.Dataset;

/**
 * Replaces every label by {@code log(1 + y)} (DeepChem's {@code LogTransformer(transform_y=True)}),
 * for positive, skewed quantities such as concentrations; undone with {@code exp(p) - 1}. Nothing
 * is fitted.
 */
public record LogTransformer() implements Transformer {
    @Override
    public String name() {
        return "log";
    }

    /**
     * @throws IllegalArgumentException naming the molecule whose measured label is at or below -1
     */
    @Override
    public Dataset transform(Dataset dataset) {
        float[] y = dataset.flatLabels();
        int tasks = dataset.taskCount();
        for (int i = 0; i < y.length; i++) {
            if (dataset.weight(i / tasks, i % tasks) != 0 && !(y[i] > -1f)) {
                throw new IllegalArgumentException("log transform of label " + y[i] + " (molecule '"
                        + dataset.id(i / tasks) + "', task '" + dataset.tasks().get(i % tasks) + "'): labels must exceed -1");
            }
            y[i] = y[i] > -1f ? (float) Math.log1p(y[i]) : 0f;
        }
        return dataset.withLabels(y);
    }

    @Override
    public boolean transformsLabels() {
        return true;
    }

    @Override
    public double[][] untransformPredictions(double[][] predictions) {
        return Columns.map(predictions, (t, p) -> Math.expm1(p));
    }
}
