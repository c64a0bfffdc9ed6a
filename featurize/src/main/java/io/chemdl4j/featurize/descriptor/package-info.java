/**
 * Descriptor featurizers: RDKit-named descriptors computed as RDKit computes them, and CDK's own descriptors.
 */
package io.chemdl4j.featurize.descriptor;
