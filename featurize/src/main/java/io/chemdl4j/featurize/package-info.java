/**
 * Molecules to plain arrays, with CDK: SMILES parsing and its limits, the featurizer interfaces, their specs and
 * registry ({@code Featurizers}), and batch featurization on every core with row errors. The featurizers
 * themselves live by what they make: {@code fingerprint}, {@code descriptor}, {@code graph}. No deep-learning
 * framework.
 */
package io.chemdl4j.featurize;
