/**
 * Undoable transformers of labels, weights and features (balancing, normalization, min-max, log, feature
 * normalization and clipping), fitted on a training split and saved with models.
 */
package io.chemdl4j.moleculenet.transform;
