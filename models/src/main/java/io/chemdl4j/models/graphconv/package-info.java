/**
 * The graph convolution kind ({@code graphconv}): DeepChem's {@code GraphConvModel} on molecular graphs,
 * registered with {@link io.chemdl4j.models.ModelKinds}.
 */
package io.chemdl4j.models.graphconv;
