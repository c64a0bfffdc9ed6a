/**
 * Featurized data on disk: the disk dataset (NumPy shards with checksums, larger than the heap; feature rows or
 * molecular graphs), NumPy files, the feature kinds that say how a featurizer's output is collected and stored,
 * and the featurization cache keyed by file hash and featurizer.
 */
package io.chemdl4j.moleculenet.store;
