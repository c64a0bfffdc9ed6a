package io.chemdl4j.moleculenet;

/** Train, validation and test parts of one graph dataset. */
public record GraphDatasetSplit(GraphDataset train, GraphDataset valid, GraphDataset test) {
}
