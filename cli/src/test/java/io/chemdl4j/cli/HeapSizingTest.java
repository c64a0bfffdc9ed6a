package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The command line's JVM keeps the heap it has grown (see {@link HeapSizing}), unless its own command line chose how
 * much free heap to keep. Each case runs in a JVM of its own, as {@code chemdl} does, so that the test JVM's setting
 * is neither read nor changed.
 */
class HeapSizingTest {
    @Test
    void keepsFreeHeapWhenTheJvmWasNotToldOtherwise() throws Exception {
        assertEquals("100", probe());
    }

    @Test
    void leavesAnExplicitSettingAsItIs() throws Exception {
        assertEquals("50", probe("-XX:MaxHeapFreeRatio=50"));
    }

    /** What {@link Probe} prints in a new JVM started with {@code options}. */
    private static String probe(String... options) throws IOException, InterruptedException {
        Process process = ChildJvm.of(List.of(options), Probe.class, List.of()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    /** Applies the command line's heap sizing as {@link ChemDl#main} does, then prints the option's value. */
    static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            HeapSizing.keepGrownHeapInBackground().join();
            System.out.println(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption(HeapSizing.MAX_HEAP_FREE_RATIO).getValue());
        }
    }
}
