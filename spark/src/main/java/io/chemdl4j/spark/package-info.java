/**
 * ChemDL4J on Apache Spark: {@link io.chemdl4j.spark.ScreeningJob} runs a saved model over a molecule library of any
 * size, {@link io.chemdl4j.spark.FeaturizationJob} featurizes one to Parquet; {@link io.chemdl4j.spark.MoleculeSource}
 * reads the libraries. Each partition is featurized and predicted in chunks by the same code as {@code chemdl predict}.
 */
package io.chemdl4j.spark;
