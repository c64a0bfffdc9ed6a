package io.chemdl4j.models.multitask;

import java.util.List;
import java.util.Optional;

import io.chemdl4j.models.FitRequest;
import io.chemdl4j.models.Fitted;
import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.experiment.HyperparameterSpace;
import io.chemdl4j.models.input.FeatureRowInput;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;

/**
 * The fully connected multitask network on feature rows, with DeepChem's defaults
 * ({@link MultitaskConfig#defaults()}). Stateless.
 */
public final class MultitaskKind implements ModelKind<Dataset> {
    /** The name on the command line. */
    public static final String NAME = "multitask";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fully connected multitask network on fingerprint or descriptor rows (DeepChem's MultitaskClassifier)";
    }

    @Override
    public ModelInput<Dataset> input() {
        return FeatureRowInput.INSTANCE;
    }

    @Override
    public MultitaskConfig defaults(TaskType type) {
        return MultitaskConfig.defaults();
    }

    /** Around DeepChem's defaults: 2 × 2 × 3 × 2 = 24 points. */
    @Override
    public Optional<HyperparameterSpace> searchSpace() {
        return Optional.of(new HyperparameterSpace(List.of(List.of(1000), List.of(1000, 500)), List.of(0.0, 0.25),
                List.of(3e-4, 1e-3, 3e-3), List.of(0.0, 1e-5), List.of(), List.of()));
    }

    @Override
    public int defaultEpochs(int trainSize, ModelConfig config) {
        return Experiment.defaultEpochs(trainSize, ((MultitaskConfig) config).batchSize());
    }

    @Override
    public Fitted<Dataset> fit(FitRequest<Dataset> request) {
        MultitaskConfig config = request.config(MultitaskConfig.class);
        Dataset train = request.train();
        return request.trainEpochs(MultitaskModel.create(request.taskType(), request.classes(), train.tasks(),
                train.featureCount(), config, null, List.of()));
    }

    @Override
    public List<String> savedTypes() {
        return List.of(MultitaskClassifier.TYPE_ID, MultitaskRegressor.TYPE_ID, MultitaskMulticlass.TYPE_ID);
    }

    @Override
    public PropertyModel<Dataset> load(ModelIO.SavedFiles files) throws ModelFormatException {
        return MultitaskModel.load(files);
    }

    @Override
    public Optional<PublishedScore> published(MolNetDataset dataset) {
        return switch (dataset) {
            case TOX21 -> Optional.of(new PublishedScore(0.803, 0.012));
            case DELANEY -> Optional.of(new PublishedScore(1.12, 0.15));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return NAME;
    }
}
