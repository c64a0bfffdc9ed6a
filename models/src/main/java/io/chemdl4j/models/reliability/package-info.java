/**
 * How far a prediction can be trusted: calibration fitted on a held-out split (split-conformal intervals and
 * spread scaling for regressors, Platt scaling and isotonic regression for classifiers), the applicability domain
 * (Tanimoto similarity to the nearest training molecules through a popcount-bounded index), uncertainty metrics,
 * and the {@code reliability.json} file that saves all of it beside a model.
 */
package io.chemdl4j.models.reliability;
