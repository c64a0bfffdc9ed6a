package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * JavaCPP's resident-memory check is off once the toolkit starts ND4J or OpenBLAS, unless the user set its limit.
 * Each case runs in a JVM of its own: JavaCPP reads the property once, when it first loads, and this test JVM's
 * other tests may have loaded it already.
 */
class Nd4jRuntimeTest {

    @Test
    void startingNd4jTurnsOffJavaCppsResidentMemoryCheck() throws Exception {
        assertEquals("0 1", limitsIn(List.of(), "nd4j"));
    }

    @Test
    void startingOpenBlasTurnsItOffToo() throws Exception {
        assertEquals("0", limitsIn(List.of(), "openblas").split(" ")[0]);
    }

    @Test
    void aLimitTheUserSetIsKeptInEitherSpelling() throws Exception {
        assertEquals("123456789 1", limitsIn(List.of("-Dorg.bytedeco.javacpp.maxPhysicalBytes=123456789"), "nd4j"));
        assertEquals("123456789 1", limitsIn(List.of("-Dorg.bytedeco.javacpp.maxphysicalbytes=123456789"), "nd4j"));
    }

    /** What {@link Probe} prints in a new JVM with {@code options}: JavaCPP's limit, then ND4J's thread count. */
    private static String limitsIn(List<String> options, String start) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), start));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Starts ND4J ({@code nd4j}) or OpenBLAS alone ({@code openblas}) through the toolkit, then prints the limits. */
    public static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            if (args[0].equals("nd4j")) {
                Nd4jRuntime.ensureConfigured();
                org.nd4j.linalg.factory.Nd4j.create(new float[] {1f, 2f}, new long[] {1, 2}, 'c');
            } else {
                OpenBlas.product(new float[] {1f}, 1, 1, new float[] {2f}, 1);
            }
            System.out.println(Pointer.maxPhysicalBytes() + " " + Nd4jRuntime.threads());
        }
    }
}
