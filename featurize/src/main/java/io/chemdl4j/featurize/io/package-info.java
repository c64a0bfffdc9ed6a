/**
 * Molecule files in and feature files out: CSV/TSV, {@code .smi} and SDF readers (gzip too), streaming
 * featurization in constant memory, feature writers and the {@code featurize} job; and what every module's files
 * share: atomic writes ({@code AtomicFiles}), row errors ({@code RowError}) and a task's failure thrown again on the
 * thread that waited for it ({@code TaskFailures}).
 */
package io.chemdl4j.featurize.io;
