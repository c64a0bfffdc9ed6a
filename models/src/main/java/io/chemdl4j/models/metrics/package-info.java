/**
 * Scores of predictions against labels (ROC-AUC, PRC-AUC, RMSE, MAE, R², Pearson r²) per task, only
 * labels with nonzero weight counting; ROC curves; predictions next to their labels.
 */
package io.chemdl4j.models.metrics;
