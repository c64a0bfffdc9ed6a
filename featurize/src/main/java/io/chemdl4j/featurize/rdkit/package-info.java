/**
 * RDKit's chemistry where ChemDL4J must match RDKit bit for bit: aromaticity and ring perception, Morgan
 * environments, and the RDKit-named descriptors, checked against native RDKit's output; and the base of the
 * featurizers that perceive molecules as RDKit does.
 */
package io.chemdl4j.featurize.rdkit;
