package io.chemdl4j.cli;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import org.slf4j.LoggerFactory;

/**
 * How the command line's own JVM sizes its heap. A streaming verb allocates quickly and evenly (parsing and
 * fingerprinting: gigabytes a second of short-lived objects) for as long as its input lasts. G1 by default gives
 * back heap that is free at the end of a concurrent cycle, then grows it again in steps as young collections come
 * often, so the resident memory of a long job rose late and unpredictably (up to 16% between its first 100,000
 * and its 1,000,000th molecule, measured). Keeping the heap once grown makes it flat over the input's length; the
 * heap's bounds ({@code -Xmx}, {@code -Xms}) stay the user's.
 *
 * <p>Only for the command line, which owns its JVM: the library never changes a JVM-wide setting.
 */
final class HeapSizing {
    /** The HotSpot option that bounds the free share of the heap kept after a collection. */
    static final String MAX_HEAP_FREE_RATIO = "MaxHeapFreeRatio";

    private HeapSizing() {
    }

    /**
     * {@link #keepGrownHeap} on a thread of its own: reaching HotSpot's management interface loads classes for about
     * 25 ms, which the command's start need not wait for (the first collection that could shrink the heap comes
     * seconds later). Returns the thread, started.
     */
    static Thread keepGrownHeapInBackground() {
        Thread thread = new Thread(HeapSizing::keepGrownHeap, "chemdl-heap-sizing");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Tells HotSpot to keep free heap after collections ({@code MaxHeapFreeRatio=100}), unless the JVM was given
     * that option (on its command line or in an environment variable such as {@code JAVA_TOOL_OPTIONS}). On a JVM
     * without that manageable option (not HotSpot), the JVM's own sizing stays, which costs memory flatness only,
     * never a result.
     */
    static void keepGrownHeap() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot != null && hotspot.getVMOption(MAX_HEAP_FREE_RATIO).getOrigin() == VMOption.Origin.DEFAULT) {
                hotspot.setVMOption(MAX_HEAP_FREE_RATIO, "100");
            }
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(HeapSizing.class).debug("heap sizing left to the JVM: {}", e.toString());
        }
    }
}
