/**
 * Reading labelled molecules: data sources (catalog entry or file with its columns), files found in the data
 * directory, the cache or the toolkit's own copies, CSV/TSV/SDF/.smi loaders reporting every bad row.
 */
package io.chemdl4j.moleculenet.load;
