/**
 * Charts as PNG files: ROC curves, parity plots and training curves.
 */
package io.chemdl4j.models.plot;
