/**
 * Featurized data on disk: the disk dataset (NumPy shards with checksums, larger than the heap), NumPy
 * files, and the featurization cache keyed by file hash and featurizer.
 */
package io.chemdl4j.moleculenet.store;
