/**
 * Labelled molecules: datasets in memory and on disk, loaders, the featurization cache, splitters,
 * transformers and the MoleculeNet catalog (with Tox21 and Delaney shipped as resources). No deep-learning
 * framework.
 */
package io.chemdl4j.moleculenet;
