package io.chemdl4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The build starts its test JVMs with every option Spark's launcher gives the JVMs it starts
 * ({@code spark.jvm.options} in the module's pom against {@code JavaModuleOptions}), so the pom's copy cannot fall behind
 * Spark's on an upgrade.
 */
class SparkJvmOptionsTest {
    @Test
    void testJvmHasSparksModuleOptions() {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()) {
            assertTrue(running.contains(option), option + " is missing from spark.jvm.options in spark/pom.xml");
        }
    }
}
