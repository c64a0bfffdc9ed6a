package io.chemdl4j.models.graphconv;

import io.chemdl4j.models.layers.Layer;

/** A layer over a batch's atoms that needs the batch's graph: bound to the batch before each pass. */
interface GraphLayer extends Layer {
    /** The batch the next forward and backward pass run on. */
    void bind(GraphLayout batch);
}
