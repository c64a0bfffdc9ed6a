/**
 * Saved models at work: predicting from SMILES (in memory or streamed over files of any size on every
 * core, with Monte-Carlo dropout) and scoring a saved model on labelled molecules.
 */
package io.chemdl4j.models.predict;
