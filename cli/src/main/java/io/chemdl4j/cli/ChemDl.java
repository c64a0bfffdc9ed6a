package io.chemdl4j.cli;

import java.io.PrintWriter;

import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ToolkitVersion;
import io.chemdl4j.moleculenet.InvalidDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code chemdl} command. Command classes only parse options into configuration objects and
 * call the library.
 */
@Command(name = "chemdl", mixinStandardHelpOptions = true, versionProvider = ChemDl.Version.class,
        description = "Deep learning for molecular property prediction on the JVM.",
        subcommands = {ExamplesCommand.class, DatasetsCommand.class, FeaturizeCommand.class, TrainCommand.class,
                CalibrateCommand.class, EvaluateCommand.class, PredictCommand.class, HyperoptCommand.class,
                BenchmarkCommand.class, QuickstartCommand.class, CommandLine.HelpCommand.class})
public final class ChemDl implements Runnable {
    /** Exit code for bad input (files, options, data). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for failures. */
    public static final int EXIT_FAILURE = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code chemdl} with {@code args} and exits with its code: 0 done, 2 bad input, 1 any other failure. */
    public static void main(String[] args) {
        CdkLogging.install();
        HeapSizing.keepGrownHeapInBackground();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ChemDl()).setCaseInsensitiveEnumValuesAllowed(true);
        // A usage error is one line naming the option and what is wrong, not the whole usage text.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            PrintWriter err = where.getErr();
            String message = e.getMessage();
            if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option && e.getCause() != null
                    && e.getCause().getMessage() != null) {
                message = "invalid value for " + option.longestName() + ": " + e.getCause().getMessage();
            }
            err.println(where.getCommandSpec().qualifiedName() + ": " + message.replaceAll("\\s*\\R\\s*", " ")
                    + " (see '" + where.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean badInput = e instanceof InvalidDataException || e instanceof IllegalArgumentException
                    || e instanceof ModelFormatException || e instanceof java.nio.file.NoSuchFileException
                    || e instanceof io.chemdl4j.featurize.io.InputFileException;
            // One line: what went wrong, where, and what to do; --verbose adds the stack trace.
            err.println("chemdl " + commandLine.getCommandName() + ": " + (badInput ? "" : "failed: ")
                    + message(e).replaceAll("\\s*\\R\\s*", " "));
            if (isVerbose(parseResult)) {
                e.printStackTrace(err);
            }
            err.flush();
            return badInput ? EXIT_BAD_INPUT : EXIT_FAILURE;
        });
        return cl;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Reports the toolkit version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chemdl " + ToolkitVersion.get()};
        }
    }
}
