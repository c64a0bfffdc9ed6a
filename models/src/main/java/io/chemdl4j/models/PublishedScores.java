package io.chemdl4j.models;

import java.util.Optional;

import io.chemdl4j.moleculenet.MolNetDataset;

/**
 * Test-split scores published in MoleculeNet (Wu et al., Chem. Sci. 2018, 9, 513: mean ± standard
 * deviation over its random splits, in the dataset's recommended metric) for the models this toolkit
 * has a counterpart of: its multitask network, graph convolution and random forest. MoleculeNet shows
 * train and valid scores only in figures, so only the test figure is kept. Where a pair is absent,
 * MoleculeNet did not publish it.
 */
public enum PublishedScores {
    TOX21_MULTITASK(MolNetDataset.TOX21, ModelKind.MULTITASK, 0.803, 0.012),
    TOX21_GRAPHCONV(MolNetDataset.TOX21, ModelKind.GRAPHCONV, 0.829, 0.006),
    TOX21_RANDOM_FOREST(MolNetDataset.TOX21, ModelKind.RANDOM_FOREST, 0.769, 0.015),
    DELANEY_MULTITASK(MolNetDataset.DELANEY, ModelKind.MULTITASK, 1.12, 0.15),
    DELANEY_GRAPHCONV(MolNetDataset.DELANEY, ModelKind.GRAPHCONV, 0.97, 0.01),
    DELANEY_RANDOM_FOREST(MolNetDataset.DELANEY, ModelKind.RANDOM_FOREST, 1.07, 0.19);

    private final MolNetDataset dataset;
    private final ModelKind model;
    private final double testMean;
    private final double testSd;

    PublishedScores(MolNetDataset dataset, ModelKind model, double testMean, double testSd) {
        this.dataset = dataset;
        this.model = model;
        this.testMean = testMean;
        this.testSd = testSd;
    }

    /** Mean test score, in the dataset's MoleculeNet metric. */
    public double testMean() {
        return testMean;
    }

    /** Standard deviation of the test score over MoleculeNet's three splits. */
    public double testSd() {
        return testSd;
    }

    /** The published figure for {@code model} on {@code dataset}, if MoleculeNet gives one. */
    public static Optional<PublishedScores> of(MolNetDataset dataset, ModelKind model) {
        for (PublishedScores p : values()) {
            if (p.dataset == dataset && p.model == model) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
