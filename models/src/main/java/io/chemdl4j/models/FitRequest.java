package io.chemdl4j.models;

import java.util.List;
import java.util.Objects;

import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.models.training.Training;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.models.training.TrainingOptions;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * What a {@link ModelKind} trains one model on, and how.
 *
 * @param taskType     classification or regression
 * @param train        training split
 * @param valid        validation split: scored after every epoch, and what early stopping watches
 * @param transformers label transformers of the splits, undone before scoring
 * @param config       the kind's configuration, carrying this model's seed
 * @param epochs       epochs at most (a kind not trained by epochs ignores it)
 * @param metric       the validation metric that early stopping watches
 * @param patience     epochs without a better validation score before stopping and restoring the best
 *                     epoch's weights; 0 for none
 * @param listener     told after every epoch, or {@code null}
 * @param classes      K of multiclass labels 0..K-1, counted over the whole dataset (a class may be missing
 *                     from the training split); 0 for other task types
 * @param <D>          the dataset type
 */
public record FitRequest<D extends LabelledData<D>>(TaskType taskType, D train, D valid, List<Transformer> transformers,
                                                 ModelConfig config, int epochs, Metric metric, int patience,
                                                 Training.EpochListener listener, int classes) {
    public FitRequest {
        if ((taskType == TaskType.MULTICLASS) != (classes >= 2) || classes > TaskType.MAX_CLASSES) {
            throw new IllegalArgumentException(taskType == TaskType.MULTICLASS
                    ? "multiclass labels need 2.." + TaskType.MAX_CLASSES + " classes, got " + classes
                    : "classes are counted for multiclass labels only");
        }
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metric, "metric");
        transformers = List.copyOf(transformers);
    }

    /** A request for binary classification or regression (no class count). */
    public FitRequest(TaskType taskType, D train, D valid, List<Transformer> transformers, ModelConfig config,
                      int epochs, Metric metric, int patience, Training.EpochListener listener) {
        this(taskType, train, valid, transformers, config, epochs, metric, patience, listener, 0);
    }

    /** The configuration as the kind's own type. */
    public <C extends ModelConfig> C config(Class<C> type) {
        if (!type.isInstance(config)) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " is needed, got a "
                    + config.getClass().getSimpleName());
        }
        return type.cast(config);
    }

    /** This request with early-stopping {@code patience} (0 for none). */
    public FitRequest<D> withPatience(int patience) {
        return new FitRequest<>(taskType, train, valid, transformers, config, epochs, metric, patience, listener,
                classes);
    }

    /**
     * Trains {@code model} epoch by epoch through {@link Training#fit}, with this request's epochs, early
     * stopping and listener: what every network kind does.
     */
    public Fitted<D> trainEpochs(TrainableModel<D> model) {
        TrainingCurve curve = Training.fit(model, train, valid, new TrainingOptions(epochs, metric, patience, null),
                transformers, listener);
        List<EpochRecord> records = curve.points().stream()
                .map(p -> new EpochRecord(p.epoch(), p.trainLoss(), p.seconds())).toList();
        return new Fitted<>(model, curve, records);
    }
}
