package io.chemdl4j.models.training;

/**
 * One training epoch as it happened.
 *
 * @param epoch   1-based epoch number over the model's whole life
 * @param loss    mean weighted training loss per molecule over the epoch's batches
 * @param seconds wall-clock seconds the epoch took
 */
public record EpochRecord(int epoch, double loss, double seconds) {
}
