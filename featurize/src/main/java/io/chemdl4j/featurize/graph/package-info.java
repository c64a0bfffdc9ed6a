/**
 * Molecular graphs as immutable arrays (atoms, bonds, their features) for the graph models: DeepChem's
 * ConvMol-style featurizer, chemprop's, and batches of graphs.
 */
package io.chemdl4j.featurize.graph;
