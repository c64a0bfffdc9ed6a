/**
 * Fingerprint featurizers: CDK's ECFP/FCFP, RDKit-identical Morgan fingerprints, MACCS keys; each a fixed-length
 * vector of bits or counts per molecule.
 */
package io.chemdl4j.featurize.fingerprint;
