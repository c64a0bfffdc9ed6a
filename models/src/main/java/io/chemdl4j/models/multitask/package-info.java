/**
 * The multitask network kind ({@code multitask}): DeepChem's fully connected {@code MultitaskClassifier}
 * and {@code MultitaskRegressor} on fingerprint or descriptor rows, registered with {@link io.chemdl4j.models.ModelKinds}.
 */
package io.chemdl4j.models.multitask;
