/**
 * The {@code chemdl} command line (picocli): one class per verb, each parsing its options into the
 * library's configuration objects and calling the library; option mixins shared by the training verbs.
 */
package io.chemdl4j.cli;
