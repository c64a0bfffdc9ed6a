/**
 * Molecules to plain arrays, with CDK: SMILES parsing, the featurizers (ECFP/FCFP, RDKit-compatible
 * Morgan, MACCS, descriptors, molecular graphs), their specs and registry ({@code Featurizers}), batch
 * featurization on every core with row errors. No deep-learning framework.
 */
package io.chemdl4j.featurize;
