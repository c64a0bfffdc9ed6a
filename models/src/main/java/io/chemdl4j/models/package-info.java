/**
 * Models and what they share: the model seam ({@link io.chemdl4j.models.ModelKind}, found by
 * {@link io.chemdl4j.models.ModelKinds}; each kind in a sub-package), training with early stopping,
 * metrics, experiments, hyperparameter search, benchmarks, model files ({@link io.chemdl4j.models.io.ModelIO}),
 * evaluation and streaming prediction of saved models, uncertainty, and plots.
 */
package io.chemdl4j.models;
