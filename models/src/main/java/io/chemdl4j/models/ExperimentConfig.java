package io.chemdl4j.models;

import java.nio.file.Path;
import java.util.Objects;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.moleculenet.MolNetDataset;
import io.chemdl4j.moleculenet.SplitFractions;
import io.chemdl4j.moleculenet.SplitterType;

/**
 * One train-and-evaluate run on a catalog dataset: the DeepChem tutorial loop
 * ({@code load_*} → model → {@code fit} → {@code evaluate}) as a value.
 *
 * @param dataset       catalog dataset
 * @param model         architecture
 * @param splitter      how to split
 * @param fractions     train/valid/test fractions
 * @param seed          seed of the split and of the model (weights, batch order, dropout)
 * @param epochs        training epochs
 * @param featurizer    fingerprint options
 * @param modelConfig   network hyperparameters (its seed is replaced by {@code seed})
 * @param dataDirectory where dataset files are looked for first, or {@code null} for {@code $CHEMDL_DATA_DIR}
 */
public record ExperimentConfig(MolNetDataset dataset, ModelKind model, SplitterType splitter,
                               SplitFractions fractions, long seed, int epochs, EcfpFeaturizer.Options featurizer,
                               MultitaskConfig modelConfig, Path dataDirectory) {
    public ExperimentConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(fractions, "fractions");
        Objects.requireNonNull(featurizer, "featurizer");
        Objects.requireNonNull(modelConfig, "modelConfig");
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be non-negative, got " + epochs);
        }
        modelConfig = modelConfig.withSeed(seed);
    }

    /**
     * The defaults for {@code dataset}: DeepChem's tutorial setup (ECFP4 folded to 1024, random
     * 80/10/10 split, one hidden layer of 1000, dropout 0.5, Adam 0.001, balancing weights for
     * classification, normalized labels for regression) with two choices made on validation scores:
     * fingerprint counts instead of bits (Tox21 validation ROC-AUC 0.800/0.784/0.816 against
     * 0.776/0.776/0.793 for seeds 0-2; Delaney validation RMSE about 0.93 against 1.43), and
     * {@link #defaultEpochs} epochs.
     */
    public static ExperimentConfig defaults(MolNetDataset dataset, long seed) {
        return new ExperimentConfig(dataset, ModelKind.MULTITASK, SplitterType.RANDOM, SplitFractions.defaults(), seed,
                defaultEpochs(dataset), EcfpFeaturizer.Options.defaults().withCounts(true), MultitaskConfig.defaults(),
                null);
    }

    /**
     * Epochs that train a default multitask network well on {@code dataset}: 10 for Tox21 (the
     * tutorial's), 50 for the small Delaney set (about 900 training molecules: 10 epochs are only 90
     * gradient steps).
     */
    public static int defaultEpochs(MolNetDataset dataset) {
        return dataset == MolNetDataset.DELANEY ? 50 : 10;
    }

    public ExperimentConfig withEpochs(int n) {
        return new ExperimentConfig(dataset, model, splitter, fractions, seed, n, featurizer, modelConfig, dataDirectory);
    }

    public ExperimentConfig withSeed(long s) {
        return new ExperimentConfig(dataset, model, splitter, fractions, s, epochs, featurizer, modelConfig, dataDirectory);
    }
}
