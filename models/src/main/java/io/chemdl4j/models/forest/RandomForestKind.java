package io.chemdl4j.models.forest;

import java.util.List;
import java.util.Optional;

import io.chemdl4j.models.FitRequest;
import io.chemdl4j.models.Fitted;
import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.experiment.HyperparameterSpace;
import io.chemdl4j.models.input.FeatureRowInput;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;

/** The random-forest baseline on feature rows, grown in one call on every core. Stateless. */
public final class RandomForestKind implements ModelKind<Dataset> {
    /** The name on the command line. */
    public static final String NAME = "random_forest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("random-forest");
    }

    @Override
    public String description() {
        return "100 XGBoost random-forest trees per task on fingerprint or descriptor rows: the baseline";
    }

    @Override
    public ModelInput<Dataset> input() {
        return FeatureRowInput.INSTANCE;
    }

    @Override
    public RandomForestConfig defaults(TaskType type) {
        return RandomForestConfig.defaults();
    }

    /** None: the forest has no network hyperparameters to search. */
    @Override
    public Optional<HyperparameterSpace> searchSpace() {
        return Optional.empty();
    }

    @Override
    public int defaultEpochs(int trainSize, ModelConfig config) {
        return 0;
    }

    @Override
    public Fitted<Dataset> fit(FitRequest<Dataset> request) {
        int tasks = request.train().taskCount();
        return Fitted.once(RandomForestModel.fit(request.taskType(), request.classes(), request.train(),
                request.config(RandomForestConfig.class), Runtime.getRuntime().availableProcessors(),
                request.listener() == null ? null : done -> request.listener().partDone(done, tasks)));
    }

    @Override
    public List<String> savedTypes() {
        return List.of(RandomForestModel.CLASSIFIER_TYPE_ID, RandomForestModel.REGRESSOR_TYPE_ID,
                RandomForestModel.MULTICLASS_TYPE_ID);
    }

    @Override
    public PropertyModel<Dataset> load(ModelIO.SavedFiles files) throws ModelFormatException {
        return RandomForestModel.load(files);
    }

    @Override
    public Optional<PublishedScore> published(MolNetDataset dataset) {
        return switch (dataset) {
            case TOX21 -> Optional.of(new PublishedScore(0.769, 0.015));
            case DELANEY -> Optional.of(new PublishedScore(1.07, 0.19));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return NAME;
    }
}
