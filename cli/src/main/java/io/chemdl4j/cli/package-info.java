/**
 * The {@code chemdl} command line (picocli): one class per verb, each parsing its options into the
 * library's configuration objects and calling the library; option mixins shared by the training verbs; and what the
 * command line sets up for its own JVM before a verb runs (logging, {@code HeapSizing}).
 */
package io.chemdl4j.cli;
