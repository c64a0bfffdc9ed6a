/**
 * The {@code chemdl-spark} command ({@link io.chemdl4j.spark.cli.ChemDlSpark}): parses options and runs the Spark
 * jobs, on this machine ({@code local[*]}) or under {@code spark-submit}.
 */
package io.chemdl4j.spark.cli;
