/**
 * Why a model predicts what it does: each atom's contribution to a prediction (for fingerprint models, through the
 * fingerprint bits its environments set; for graph models, by gradient × input), written as numbers and drawn as a similarity map on a 2D depiction.
 */
package io.chemdl4j.models.explain;
