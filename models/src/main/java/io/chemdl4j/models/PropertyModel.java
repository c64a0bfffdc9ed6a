package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.models.metrics.EvaluationResult;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * What every model of the toolkit offers once trained, whatever its inputs: predictions per molecule
 * and task, with or without the label transformers undone, and scores against labelled data. Ensembles,
 * hyperparameter search and the command line work with any model through this interface.
 *
 * @param <D> the data the model reads: fingerprint rows ({@link io.chemdl4j.moleculenet.Dataset}) or
 *            molecular graphs ({@link io.chemdl4j.moleculenet.GraphDataset})
 */
public interface PropertyModel<D extends LabelledData<D>> {
    /** Task names, the columns of its predictions. */
    List<String> tasks();

    /** The labels it was trained on: binary classes, classes 0..K-1 or values. */
    TaskType taskType();

    /**
     * K of a multiclass model (its predictions hold K class probabilities per task); 0 for binary
     * classifiers and regressors.
     */
    default int classes() {
        return 0;
    }

    /**
     * Predictions {@code [molecule][task]} in the label space the model was trained on: probabilities
     * of class 1 for classification, (transformed) values for regression; for a multiclass model
     * {@code [molecule][task × K + class]}, the class probabilities of each task in turn.
     */
    double[][] predict(D data);

    /** Predictions with {@code transformers} undone: original units. */
    default double[][] predict(D data, List<Transformer> transformers) {
        return Transformer.untransformAll(predict(data), transformers);
    }

    /**
     * Scores on {@code data}: labels and predictions are both brought back to original units by
     * undoing {@code transformers}; only labels with nonzero weight count.
     */
    default EvaluationResult evaluate(D data, List<Metric> metrics, List<Transformer> transformers) {
        if (!data.tasks().equals(tasks())) {
            throw new IllegalArgumentException("model tasks " + tasks() + " differ from dataset tasks " + data.tasks());
        }
        return EvaluationResult.score(tasks(), data.labelData(), predict(data, transformers), metrics, transformers);
    }

    /** Predictions on {@code data} next to its labels, both in original units ({@code transformers} undone). */
    default SplitPredictions predictions(String split, D data, List<Transformer> transformers) {
        if (!data.tasks().equals(tasks())) {
            throw new IllegalArgumentException("model tasks " + tasks() + " differ from dataset tasks " + data.tasks());
        }
        return SplitPredictions.of(split, tasks(), data.labelData(), predict(data, transformers), transformers);
    }
}
