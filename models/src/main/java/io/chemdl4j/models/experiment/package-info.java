/**
 * The train-and-evaluate loop as a value (ExperimentConfig, Experiment), its reports,
 * MoleculeNet-protocol benchmarks over seeds, and hyperparameter search scored on the validation split
 * only.
 */
package io.chemdl4j.models.experiment;
