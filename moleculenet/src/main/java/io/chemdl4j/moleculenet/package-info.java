/**
 * Labelled molecules: {@code LabelledData}, the one seam every dataset type shares (feature rows in
 * {@code Dataset}, molecular graphs in {@code GraphDataset}), and the split of any of them. Loaders, the
 * featurization cache, splitters, transformers and the MoleculeNet catalog live in the subpackages. No
 * deep-learning framework.
 */
package io.chemdl4j.moleculenet;
