/**
 * Training epoch by epoch with validation-driven early stopping that keeps the best weights, atomic
 * checkpoints, per-epoch curves and learning-rate schedules.
 */
package io.chemdl4j.models.training;
