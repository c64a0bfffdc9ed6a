package io.chemdl4j.models.graphconv;

import io.chemdl4j.models.layers.Layer;

/** A layer over a batch's atoms that needs the batch's graph: bound to the batch before each pass. */
abstract class GraphLayer implements Layer {
    /** The batch of the current pass. */
    GraphLayout batch;

    /** The batch the next forward and backward pass run on. */
    final void bind(GraphLayout batch) {
        this.batch = batch;
    }

    /**
     * {@code buffer} when it holds at least {@code length} values, else a new array: a layer's index buffers are
     * reused batch after batch (each layer object belongs to one network, used by one thread at a time).
     */
    static int[] reuse(int[] buffer, int length) {
        return buffer != null && buffer.length >= length ? buffer : new int[Math.max(length, length * 5 / 4)];
    }
}
