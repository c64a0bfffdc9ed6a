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
}
