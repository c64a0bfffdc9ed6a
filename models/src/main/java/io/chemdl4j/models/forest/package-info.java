/**
 * The random forest kind ({@code random_forest}): XGBoost random forests per task on fingerprint rows,
 * the baseline every network must beat, registered with {@link io.chemdl4j.models.ModelKinds}.
 */
package io.chemdl4j.models.forest;
