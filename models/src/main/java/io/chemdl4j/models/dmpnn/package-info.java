/**
 * Chemprop's directed message-passing neural network (D-MPNN; Yang et al., J. Chem. Inf. Model. 2019, 59, 3370):
 * its configuration, the kind that registers it, the model, the network composed of the shared layers, and the
 * batching of chemprop's molecular graphs.
 */
package io.chemdl4j.models.dmpnn;
