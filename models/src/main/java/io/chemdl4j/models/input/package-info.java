/**
 * The inputs models read ({@link io.chemdl4j.models.ModelInput}): fingerprint and descriptor rows, and
 * molecular graphs. Each loads labelled data for training and evaluation and turns molecules into a saved
 * model's inputs for prediction.
 */
package io.chemdl4j.models.input;
