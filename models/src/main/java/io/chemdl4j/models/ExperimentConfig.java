package io.chemdl4j.models;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.moleculenet.DataSource;
import io.chemdl4j.moleculenet.MolNetDataset;
import io.chemdl4j.moleculenet.SplitFractions;
import io.chemdl4j.moleculenet.SplitterType;

/**
 * One train-and-evaluate run on a catalog dataset or the user's own file: the DeepChem tutorial
 * loop ({@code load_*} → model → {@code fit} → {@code evaluate}) as a value.
 *
 * @param source        catalog dataset or file with its columns and task type
 * @param model         architecture
 * @param splitter      how to split
 * @param fractions     train/valid/test fractions
 * @param seed          seed of the split and of the model (weights, batch order, dropout)
 * @param epochs        training epochs (the most, with early stopping); empty for
 *                      {@link Experiment#defaultEpochs(int, int) the default}, which depends on the size of the
 *                      training split and is doubled with early stopping
 * @param featurizer    fingerprint options
 * @param modelConfig   multitask network hyperparameters (its seed is replaced by {@code seed})
 * @param graphConfig   graph convolution hyperparameters, for {@link ModelKind#GRAPHCONV} (its seed is replaced by {@code seed})
 * @param forestConfig  random forest hyperparameters, for {@link ModelKind#RANDOM_FOREST} (its seed is replaced by {@code seed})
 * @param patience      early stopping: epochs without a better validation score before training stops and
 *                      the best epoch's weights are restored; 0 for none (all epochs, last weights)
 * @param ensembleSize  models trained with seeds {@code seed, seed+1, …} whose mean prediction is scored; 1 for one model
 * @param dataDirectory where catalog files are looked for first, or {@code null} for {@code $CHEMDL_DATA_DIR}
 */
public record ExperimentConfig(DataSource source, ModelKind model, SplitterType splitter,
                               SplitFractions fractions, long seed, OptionalInt epochs,
                               EcfpFeaturizer.Options featurizer, MultitaskConfig modelConfig, GraphConvConfig graphConfig,
                               RandomForestConfig forestConfig, int patience, int ensembleSize,
                               Path dataDirectory) {
    public ExperimentConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(fractions, "fractions");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(featurizer, "featurizer");
        Objects.requireNonNull(modelConfig, "modelConfig");
        Objects.requireNonNull(graphConfig, "graphConfig");
        Objects.requireNonNull(forestConfig, "forestConfig");
        if (epochs.isPresent() && epochs.getAsInt() < 0) {
            throw new IllegalArgumentException("epochs must be non-negative, got " + epochs.getAsInt());
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be non-negative, got " + patience);
        }
        if (ensembleSize < 1) {
            throw new IllegalArgumentException("ensemble size must be positive, got " + ensembleSize);
        }
        modelConfig = modelConfig.withSeed(seed);
        graphConfig = graphConfig.withSeed(seed);
        forestConfig = forestConfig.withSeed(seed);
    }

    /**
     * The defaults for {@code dataset}: DeepChem's tutorial setup (ECFP4 folded to 1024, random
     * 80/10/10 split, one hidden layer of 1000, dropout 0.5, Adam 0.001, balancing weights for
     * classification, normalized labels for regression) with two choices made on validation scores:
     * fingerprint counts instead of bits (Tox21 validation ROC-AUC 0.800/0.784/0.816 against
     * 0.776/0.776/0.793 for seeds 0-2; Delaney validation RMSE about 0.93 against 1.43), and the
     * {@linkplain Experiment#defaultEpochs(int, int) default epochs} (10 for Tox21, 50 for Delaney).
     */
    public static ExperimentConfig defaults(MolNetDataset dataset, long seed) {
        return defaults(DataSource.of(dataset), seed);
    }

    /** As {@link #defaults(MolNetDataset, long)}, for any source. */
    public static ExperimentConfig defaults(DataSource source, long seed) {
        return new ExperimentConfig(source, ModelKind.MULTITASK, SplitterType.RANDOM, SplitFractions.defaults(), seed,
                OptionalInt.empty(), EcfpFeaturizer.Options.defaults().withCounts(true), MultitaskConfig.defaults(),
                graphDefaults(source.taskType()), RandomForestConfig.defaults(), 0, 1, null);
    }

    /**
     * GraphConv hyperparameters: DeepChem's for classification; for regression, chosen on Delaney's
     * validation RMSE (random split, early stopping with patience 25): without batch normalization,
     * which held the training loss at 0.2 (normalized) and the validation RMSE at 1.1-1.3, with wider
     * layers (128, 128; dense 256) and the learning rate decayed by 0.98 per epoch (validation RMSE
     * 0.65 for seed 0, against 0.81 at DeepChem's widths and 1.15 with batch normalization).
     */
    public static GraphConvConfig graphDefaults(io.chemdl4j.moleculenet.TaskType type) {
        GraphConvConfig deepchem = GraphConvConfig.defaults();
        return type == io.chemdl4j.moleculenet.TaskType.CLASSIFICATION ? deepchem
                : deepchem.withBatchNormalize(false).withConvLayers(java.util.List.of(128, 128)).withDenseSize(256)
                        .withSchedule(LearningRateSchedule.exponential(0.98));
    }

    public ExperimentConfig withEpochs(int n) {
        return new ExperimentConfig(source, model, splitter, fractions, seed, OptionalInt.of(n), featurizer,
                modelConfig, graphConfig, forestConfig, patience, ensembleSize, dataDirectory);
    }

    public ExperimentConfig withSeed(long s) {
        return new ExperimentConfig(source, model, splitter, fractions, s, epochs, featurizer, modelConfig,
                graphConfig, forestConfig, patience, ensembleSize, dataDirectory);
    }

    /** With early stopping after {@code p} epochs without improvement (0: none). */
    public ExperimentConfig withPatience(int p) {
        return new ExperimentConfig(source, model, splitter, fractions, seed, epochs, featurizer, modelConfig,
                graphConfig, forestConfig, p, ensembleSize, dataDirectory);
    }

    public ExperimentConfig withEnsembleSize(int n) {
        return new ExperimentConfig(source, model, splitter, fractions, seed, epochs, featurizer, modelConfig,
                graphConfig, forestConfig, patience, n, dataDirectory);
    }

    public ExperimentConfig withGraphConfig(GraphConvConfig c) {
        return new ExperimentConfig(source, model, splitter, fractions, seed, epochs, featurizer, modelConfig,
                c, forestConfig, patience, ensembleSize, dataDirectory);
    }

    public ExperimentConfig withModelConfig(MultitaskConfig c) {
        return new ExperimentConfig(source, model, splitter, fractions, seed, epochs, featurizer, c,
                graphConfig, forestConfig, patience, ensembleSize, dataDirectory);
    }

    public ExperimentConfig withModel(ModelKind kind) {
        return new ExperimentConfig(source, kind, splitter, fractions, seed, epochs, featurizer, modelConfig,
                graphConfig, forestConfig, patience, ensembleSize, dataDirectory);
    }

    public ExperimentConfig withSplitter(SplitterType s) {
        return new ExperimentConfig(source, model, s, fractions, seed, epochs, featurizer, modelConfig,
                graphConfig, forestConfig, patience, ensembleSize, dataDirectory);
    }

    /** With dataset files looked for first in {@code dir} (null: the defaults). */
    public ExperimentConfig withDataDirectory(java.nio.file.Path dir) {
        return new ExperimentConfig(source, model, splitter, fractions, seed, epochs, featurizer, modelConfig,
                graphConfig, forestConfig, patience, ensembleSize, dir);
    }
}
