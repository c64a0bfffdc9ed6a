package io.chemdl4j.moleculenet;

/** Train, validation and test parts of one dataset. */
public record DatasetSplit(Dataset train, Dataset valid, Dataset test) {
}
