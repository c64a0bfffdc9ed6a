package io.chemdl4j.spark.cli;

/**
 * Prints the options Spark's launcher gives every JVM it starts ({@code org.apache.spark.launcher.JavaModuleOptions}),
 * for the {@code spark/chemdl-spark} script, which starts the JVM itself.
 */
public final class JvmOptions {
    private JvmOptions() {
    }

    /** Prints them on one line. */
    public static void main(String[] args) {
        System.out.println(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions());
    }
}
