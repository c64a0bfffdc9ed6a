package io.chemdl4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Where a streaming verb ({@code featurize}, {@code predict}) writes, and whether it continues an interrupted run
 * (a picocli mixin): the output is staged and committed as it grows ({@code ResumableOutput}).
 */
final class StagedOutputOptions {
    @Option(names = "--output", required = true, description = "Output CSV: committed as it grows, in a hidden "
            + ".<name>.resume directory beside it, and moved into place whole when the run completes.")
    Path output;

    @Option(names = "--resume", description = "Continue an interrupted run (killed, or its machine lost) of the same "
            + "command from its last commit (about once a second): the output comes out as an uninterrupted run's. "
            + "Refused if the input or the settings (for predict, also the model) changed. Without it, a run starts "
            + "over.")
    boolean resume;
}
