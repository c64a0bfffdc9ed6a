/**
 * The MoleculeNet catalog and its loaders (DeepChem's {@code load_*}): locate, check, featurize, split,
 * transform.
 */
package io.chemdl4j.moleculenet.catalog;
