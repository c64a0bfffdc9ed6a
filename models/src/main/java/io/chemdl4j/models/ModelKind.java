package io.chemdl4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.models.experiment.HyperparameterSpace;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A kind of model (multitask network, graph convolution, random forest, …): the one seam through which
 * experiments, hyperparameter search, benchmarks, evaluation, prediction, model files and the command
 * line reach a model. A kind lives in a package of its own and is registered by one line in
 * {@code META-INF/services/io.chemdl4j.models.ModelKind}; {@link ModelKinds} finds it by name.
 * Implementations are stateless and thread-safe.
 *
 * @param <D> the data its models read: fingerprint rows ({@link io.chemdl4j.moleculenet.Dataset}) or
 *            molecular graphs ({@link io.chemdl4j.moleculenet.GraphDataset})
 */
public interface ModelKind<D extends LabelledData<D>> {
    /** The name on the command line and in reports, lower case, e.g. {@code "multitask"}. */
    String name();

    /** Other names accepted on the command line (e.g. {@code "random-forest"}). */
    default List<String> aliases() {
        return List.of();
    }

    /** One sentence for {@code --help}: what the model is and what it reads. */
    String description();

    /** How molecules become this kind's inputs, and how its data are loaded, split and transformed. */
    ModelInput<D> input();

    /** The configuration trained when none is given, for {@code type} (seed 0). */
    ModelConfig defaults(TaskType type);

    /** The space a hyperparameter search explores around {@link #defaults}; empty where the kind has none. */
    Optional<HyperparameterSpace> searchSpace();

    /** Epochs when none are given, for a training split of {@code trainSize} molecules; 0 for a kind not trained by epochs. */
    int defaultEpochs(int trainSize, ModelConfig config);

    /**
     * Trains one model of this kind as {@code request} says (its configuration already carries the
     * member's seed).
     *
     * @throws IllegalArgumentException if {@code request}'s configuration is not this kind's
     */
    Fitted<D> fit(FitRequest<D> request);

    /** The model types this kind writes into {@link ModelIO#MANIFEST} and reads back. */
    List<String> savedTypes();

    /**
     * Saves {@code model}, one of this kind's, to {@code directory} (replaced atomically) with the featurizer
     * and transformers that predicting from SMILES needs: the model saves itself ({@link SavableModel}).
     *
     * @throws IllegalArgumentException if {@code model} cannot be saved (an ensemble, a foreign model)
     */
    default void save(PropertyModel<D> model, Path directory, FeaturizerSpec featurizer,
                      List<Transformer> transformers) throws IOException {
        if (!(model instanceof SavableModel savable)) {
            throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " cannot be saved as a "
                    + name() + " model");
        }
        savable.save(directory, featurizer, transformers);
    }

    /**
     * Reads back a model of one of {@link #savedTypes()}.
     *
     * @throws ModelFormatException naming the file and field that are wrong
     */
    PropertyModel<D> load(ModelIO.SavedFiles files) throws ModelFormatException;

    /** MoleculeNet's published test figure for this kind on {@code dataset}, where one exists. */
    default Optional<PublishedScore> published(MolNetDataset dataset) {
        return Optional.empty();
    }

    /**
     * A test-split score published in MoleculeNet (Wu et al., Chem. Sci. 2018, 9, 513): mean ± standard
     * deviation over its random splits, in the dataset's recommended metric.
     */
    record PublishedScore(double testMean, double testSd) {
    }
}
