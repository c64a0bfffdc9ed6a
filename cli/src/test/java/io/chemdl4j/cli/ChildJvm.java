package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's {@code main} run in a JVM of its own, as a user's {@code java} command runs {@code chemdl}: this JVM's
 * class path and garbage collector (the build chooses the tests' collector), the given JVM options and arguments, and
 * no JVM options taken from the environment (the JVM would print a "Picked up …" line that is not the program's, and
 * the options could change what the test measures).
 */
final class ChildJvm {
    /** The environment variables from which the {@code java} launcher or the JVM take options. */
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private ChildJvm() {
    }

    /**
     * A process builder, not started, for {@code java <jvmOptions> -cp <this JVM's class path> <main> <args>}; the
     * caller sets its directory, redirections and further environment.
     */
    static ProcessBuilder of(List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.matches("-XX:\\+Use\\w+GC")).forEach(command::add);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        OPTION_VARIABLES.forEach(builder.environment()::remove);
        return builder;
    }
}
