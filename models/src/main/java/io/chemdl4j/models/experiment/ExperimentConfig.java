package io.chemdl4j.models.experiment;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.Hyperparameters;
import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKinds;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;

/**
 * One train-and-evaluate run on a catalog dataset or the user's own file: the DeepChem tutorial
 * loop ({@code load_*} → model → {@code fit} → {@code evaluate}) as a value. Build one from
 * {@link #defaults} and change it with {@link #toBuilder()} or the {@code with} methods.
 *
 * @param source        catalog dataset or file with its columns and task type
 * @param model         the model kind
 * @param modelConfig   the kind's configuration (its seed is replaced by {@code seed})
 * @param splitter      how to split
 * @param fractions     train/valid/test fractions
 * @param seed          seed of the split and of the model (weights, batch order, dropout)
 * @param epochs        training epochs (the most, with early stopping); empty for the kind's
 *                      {@linkplain ModelKind#defaultEpochs default}, which depends on the size of the training
 *                      split and is doubled with early stopping
 * @param featurizer    how molecules become the model's input; {@code null} for its input's default
 *                      ({@link io.chemdl4j.models.ModelInput#defaultFeaturizer()})
 * @param patience      early stopping: epochs without a better validation score before training stops and
 *                      the best epoch's weights are restored; 0 for none (all epochs, last weights)
 * @param ensembleSize  models trained with seeds {@code seed, seed+1, …} whose mean prediction is scored; 1 for one model
 * @param dataDirectory where catalog files are looked for first, or {@code null} for {@code $CHEMDL_DATA_DIR}
 * @param splitFile     a split file giving every molecule its part, in place of the splitter and fractions, or
 *                      {@code null} ({@link io.chemdl4j.moleculenet.split.SplitFile})
 * @param splitsOut     where to write the split used as a split file, or {@code null}
 */
public record ExperimentConfig(DataSource source, ModelKind<?> model, ModelConfig modelConfig, SplitterType splitter,
                               SplitFractions fractions, long seed, OptionalInt epochs, FeaturizerSpec featurizer,
                               int patience, int ensembleSize, Path dataDirectory, Path splitFile, Path splitsOut) {
    /** The kind an experiment trains unless told otherwise: DeepChem's tutorial network. */
    public static final String DEFAULT_MODEL = "multitask";

    public ExperimentConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelConfig, "modelConfig");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(fractions, "fractions");
        Objects.requireNonNull(epochs, "epochs");
        Class<?> expected = model.defaults(source.taskType()).getClass();
        if (!expected.isInstance(modelConfig)) {
            throw new IllegalArgumentException("a " + model.name() + " model is configured by a "
                    + expected.getSimpleName() + ", not a " + modelConfig.getClass().getSimpleName());
        }
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
        ModelKind<?> kind = ModelKinds.byName(DEFAULT_MODEL);
        return new ExperimentConfig(source, kind, kind.defaults(source.taskType()), SplitterType.RANDOM,
                SplitFractions.defaults(), seed, OptionalInt.empty(), null, 0, 1, null, null, null);
    }

    /** The featurizer this run uses: the named one, else its model input's default. */
    public FeaturizerSpec featurizerOrDefault() {
        return featurizer != null ? featurizer : model.input().defaultFeaturizer();
    }

    /** What the model's input loads. */
    public DataRequest dataRequest() {
        return new DataRequest(source, featurizer, splitter, seed, fractions, dataDirectory, splitFile, splitsOut);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** With at most {@code n} training epochs. */
    public ExperimentConfig withEpochs(int n) {
        return toBuilder().epochs(OptionalInt.of(n)).build();
    }

    /** With seed {@code s} for the split and the models. */
    public ExperimentConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /** With early stopping after {@code p} epochs without improvement (0: none). */
    public ExperimentConfig withPatience(int p) {
        return toBuilder().patience(p).build();
    }

    /** With an ensemble of {@code n} models (1: one model). */
    public ExperimentConfig withEnsembleSize(int n) {
        return toBuilder().ensembleSize(n).build();
    }

    /** With the model kind's configuration {@code c}. */
    public ExperimentConfig withModelConfig(ModelConfig c) {
        return toBuilder().modelConfig(c).build();
    }

    /** With the hyperparameters {@code h} sets changed in the model's configuration. */
    public ExperimentConfig withHyperparameters(Hyperparameters h) {
        return withModelConfig(modelConfig.with(h));
    }

    /**
     * With another model kind and that kind's default configuration for this source; the featurizer is
     * kept where the new kind reads the same input, else reset to the new input's default.
     */
    public ExperimentConfig withModel(ModelKind<?> kind) {
        return toBuilder().model(kind).build();
    }

    /** As {@link #withModel(ModelKind)}, by name or alias ({@link ModelKinds#byName}). */
    public ExperimentConfig withModel(String kind) {
        return withModel(ModelKinds.byName(kind));
    }

    /** With featurizer {@code f} (it must make what the kind reads). */
    public ExperimentConfig withFeaturizer(FeaturizerSpec f) {
        return toBuilder().featurizer(f).build();
    }

    /** With splitter {@code s}. */
    public ExperimentConfig withSplitter(SplitterType s) {
        return toBuilder().splitter(s).build();
    }

    /** With dataset files looked for first in {@code dir} (null: the defaults). */
    public ExperimentConfig withDataDirectory(Path dir) {
        return toBuilder().dataDirectory(dir).build();
    }

    /** Builds an {@link ExperimentConfig}; start from {@link ExperimentConfig#toBuilder()}. */
    public static final class Builder {
        private DataSource source;
        private ModelKind<?> model;
        private ModelConfig modelConfig;
        private SplitterType splitter;
        private SplitFractions fractions;
        private long seed;
        private OptionalInt epochs;
        private FeaturizerSpec featurizer;
        private int patience;
        private int ensembleSize;
        private Path dataDirectory;
        private Path splitFile;
        private Path splitsOut;

        private Builder(ExperimentConfig c) {
            source = c.source;
            model = c.model;
            modelConfig = c.modelConfig;
            splitter = c.splitter;
            fractions = c.fractions;
            seed = c.seed;
            epochs = c.epochs;
            featurizer = c.featurizer;
            patience = c.patience;
            ensembleSize = c.ensembleSize;
            dataDirectory = c.dataDirectory;
            splitFile = c.splitFile;
            splitsOut = c.splitsOut;
        }

        /** Another source; a model configuration that depends on the task type is reset to the kind's default. */
        public Builder source(DataSource s) {
            if (s.taskType() != source.taskType()) {
                modelConfig = model.defaults(s.taskType());
            }
            source = s;
            return this;
        }

        /** Another kind, with its default configuration; the featurizer is reset if the input changes. */
        public Builder model(ModelKind<?> kind) {
            if (kind.input() != model.input()) {
                featurizer = null;
            }
            model = kind;
            modelConfig = kind.defaults(source.taskType());
            return this;
        }

        /** The kind's configuration (its seed is replaced by the experiment's). */
        public Builder modelConfig(ModelConfig c) {
            modelConfig = c;
            return this;
        }

        /** The model configuration with the hyperparameters {@code h} sets. */
        public Builder hyperparameters(Hyperparameters h) {
            modelConfig = modelConfig.with(h);
            return this;
        }

        /** How to split (unless a split file is given). */
        public Builder splitter(SplitterType s) {
            splitter = s;
            return this;
        }

        /** Train, validation and test fractions. */
        public Builder fractions(SplitFractions f) {
            fractions = f;
            return this;
        }

        /** Seed of the split and the models. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Training epochs at most; empty for the kind's default. */
        public Builder epochs(OptionalInt e) {
            epochs = e;
            return this;
        }

        /** Featurizer of the kind's input; {@code null} for the kind's default. */
        public Builder featurizer(FeaturizerSpec f) {
            featurizer = f;
            return this;
        }

        /** Epochs without a better validation score before stopping early; 0 for none. */
        public Builder patience(int p) {
            patience = p;
            return this;
        }

        /** Models in the ensemble (1: one model). */
        public Builder ensembleSize(int n) {
            ensembleSize = n;
            return this;
        }

        /** Directory where dataset files are looked for first; {@code null} for the defaults. */
        public Builder dataDirectory(Path dir) {
            dataDirectory = dir;
            return this;
        }

        /** Parts read from this split file instead of made by the splitter ({@code null}: the splitter's). */
        public Builder splitFile(Path file) {
            splitFile = file;
            return this;
        }

        /** The split used also written to this file ({@code null}: not written). */
        public Builder splitsOut(Path file) {
            splitsOut = file;
            return this;
        }

        /** The configuration, checked. */
        public ExperimentConfig build() {
            return new ExperimentConfig(source, model, modelConfig, splitter, fractions, seed, epochs, featurizer,
                    patience, ensembleSize, dataDirectory, splitFile, splitsOut);
        }
    }
}
