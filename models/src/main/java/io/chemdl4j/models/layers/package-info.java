/**
 * Layers of the hand-written networks, each a small object with its own forward and backward pass
 * ({@link io.chemdl4j.models.layers.Layer}): dense, ReLU, batch normalization, dropout, and the weighted
 * per-task output loss. A network is a composition of them (the graph convolution's graph layers live in
 * its own package); every layer's backward pass is checked against finite differences by one generic
 * checker in the tests.
 */
package io.chemdl4j.models.layers;
