package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.featurize.SparseFeatures;

/**
 * A model of feature rows that also predicts from rows held by their nonzero entries
 * ({@link io.chemdl4j.featurize.VectorFeaturizer#sparse()}): a fingerprint's row is mostly zeros, and a network whose
 * first layer adds up the weights of the set bits needs no dense row, nor its copy. {@code chemdl predict} streams
 * such rows into such a model ({@link io.chemdl4j.models.input.FeatureRowInput}).
 */
public interface SparseRowPredictor {
    /**
     * The same predictions as the model gives for the dense rows of {@code rows} (its {@code predict} of a dataset
     * of them): {@code [molecule][value]}, in the label space it was trained on.
     *
     * @throws IllegalArgumentException if a row's length is not the model's feature count
     */
    double[][] predictSparse(List<SparseFeatures> rows);
}
