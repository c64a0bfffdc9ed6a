package io.chemdl4j.models.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.Ensemble;
import io.chemdl4j.models.FitRequest;
import io.chemdl4j.models.Fitted;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PreparedData;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.metrics.EvaluationResult;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.models.training.Training;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.load.DataSource;

/** Runs an {@link ExperimentConfig}: load, featurize, split, transform, train, evaluate every split. */
public final class Experiment {
    private Experiment() {
    }

    /**
     * The metrics reported for {@code source}: its own metric first (MoleculeNet's recommendation), then
     * ROC-AUC for classification, macro ROC-AUC and accuracy for multiclass, and RMSE, MAE and R² for
     * regression.
     */
    public static List<Metric> metricsFor(DataSource source) {
        Set<Metric> metrics = new LinkedHashSet<>();
        metrics.add(Metric.byId(source.metric()));
        metrics.addAll(switch (source.taskType()) {
            case CLASSIFICATION -> List.of(Metric.ROC_AUC);
            case MULTICLASS -> List.of(Metric.ROC_AUC, Metric.ACCURACY);
            case REGRESSION -> List.of(Metric.RMSE, Metric.MAE, Metric.R2);
        });
        return List.copyOf(metrics);
    }

    /**
     * Epochs when none are given: at least 10 (the DeepChem tutorial's) and at least 500 gradient
     * steps, so that small sets train long enough. Tox21's 6,411 training molecules in batches of 100
     * get 10 epochs; Delaney's 902 get 50, the count earlier chosen for Delaney on its validation RMSE.
     */
    public static int defaultEpochs(int trainSize, int batchSize) {
        return epochs(trainSize, batchSize, 10, 500);
    }

    /**
     * At least {@code minEpochs} epochs and at least {@code minSteps} gradient steps of {@code batchSize}
     * over {@code trainSize} molecules: the rule behind every network kind's default epochs.
     */
    public static int epochs(int trainSize, int batchSize, int minEpochs, int minSteps) {
        int stepsPerEpoch = Math.max(1, (trainSize + batchSize - 1) / batchSize);
        return Math.max(minEpochs, (minSteps + stepsPerEpoch - 1) / stepsPerEpoch);
    }

    /** Runs {@code config} through the standard featurization cache, without progress reports. */
    public static ExperimentResult run(ExperimentConfig config) {
        return run(config, null);
    }

    /** Told how a run goes, for progress bars; both methods do nothing by default. */
    public interface Listener {
        /** Rows featurized so far (not called when the featurization cache is used). */
        default void rowsFeaturized(long rows) {
        }

        /** Bytes of the data file read so far, of {@code size} (-1: unknown), told with {@link #rowsFeaturized}. */
        default void inputRead(long read, long size) {
        }

        /** An epoch of training finished; {@code member} counts the members of an ensemble from 0. */
        default void epochDone(int member, TrainingCurve.Point point, int maxEpochs) {
        }

        /** For a model not trained by epochs (a random forest): {@code done} of {@code total} tasks trained. */
        default void partDone(int member, int done, int total) {
        }
    }

    /** Runs {@code config}, telling {@code listener} (may be null) how featurization and training go. */
    public static ExperimentResult run(ExperimentConfig config, Listener listener) {
        Listener l = listener == null ? new Listener() { } : listener;
        return run(config.model(), config, l);
    }

    private static <D extends LabelledData<D>> ExperimentResult run(ModelKind<D> kind, ExperimentConfig config,
                                                                 Listener listener) {
        PreparedData<D> data = prepare(kind, config, new StreamingFeaturizer.ProgressListener() {
            @Override
            public void rowsDone(long rows) {
                listener.rowsFeaturized(rows);
            }

            @Override
            public void bytesRead(long read, long size) {
                listener.inputRead(read, size);
            }
        });
        Trained<D> run = train(kind, config, data, listener);
        List<Metric> metrics = metricsFor(config.source());
        List<SplitPredictions> predictions = List.of(
                run.model().predictions("train", data.train(), data.transformers()),
                run.model().predictions("valid", data.valid(), data.transformers()),
                run.model().predictions("test", data.test(), data.transformers()));
        Map<String, EvaluationResult> details = new LinkedHashMap<>();
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        for (SplitPredictions p : predictions) {
            EvaluationResult result = p.score(metrics);
            details.put(p.split(), result);
            scores.put(p.split(), result.means());
        }
        return new ExperimentResult(config, scores, details, run.epochs(), Optional.ofNullable(run.curve()),
                predictions, data.featurizeSeconds(),
                List.of(data.train().size(), data.valid().size(), data.test().size()), data.errors(),
                dir -> save(kind, run, data, dir));
    }

    /**
     * The data of {@code config}, loaded and featurized for its model kind's input, split and transformed
     * once: enough to train any configuration of that kind (hyperparameter search trains many).
     */
    static <D extends LabelledData<D>> PreparedData<D> prepare(ModelKind<D> kind, ExperimentConfig config,
                                                           StreamingFeaturizer.ProgressListener progress) {
        if (kind.defaultEpochs(1, config.modelConfig()) == 0 && (config.epochs().isPresent() || config.patience() > 0)) {
            throw new IllegalArgumentException("the " + kind.name() + " model is not trained by epochs; "
                    + "leave out --epochs and --early-stopping");
        }
        return kind.input().load(config.dataRequest(), progress);
    }

    private static <D extends LabelledData<D>> void save(ModelKind<D> kind, Trained<D> run, PreparedData<D> data,
                                                      Path dir) throws IOException {
        if (run.members().size() > 1) {
            ModelIO.writeEnsemble(dir, run.members().size(), data.tasks(), data.featurizer(), data.transformers(),
                    (i, memberDir) -> kind.save(run.members().get(i), memberDir, data.featurizer(), data.transformers()));
            return;
        }
        kind.save(run.model(), dir, data.featurizer(), data.transformers());
    }

    /** The most epochs when none are given: twice the default with early stopping, which ends training sooner. */
    private static int withEarlyStopping(ExperimentConfig config, int defaultEpochs) {
        return config.patience() > 0 ? 2 * defaultEpochs : defaultEpochs;
    }

    /** A trained model (one, or an ensemble), the first member's training curve and epochs. */
    record Trained<D extends LabelledData<D>>(PropertyModel<D> model, TrainingCurve curve,
                                           List<EpochRecord> epochs, List<PropertyModel<D>> members) {
    }

    /** As {@link #train(ModelKind, ExperimentConfig, PreparedData, Listener)}, without progress reports. */
    static <D extends LabelledData<D>> Trained<D> train(ModelKind<D> kind, ExperimentConfig config,
                                                     PreparedData<D> data) {
        return train(kind, config, data, new Listener() { });
    }

    /**
     * Trains {@code config}'s model on the training split of {@code data}, or an ensemble of
     * {@code config.ensembleSize()} members with seeds {@code seed, seed+1, …}; the validation split may
     * stop each early.
     */
    static <D extends LabelledData<D>> Trained<D> train(ModelKind<D> kind, ExperimentConfig config,
                                                     PreparedData<D> data, Listener listener) {
        int epochs = config.epochs().orElse(withEarlyStopping(config,
                kind.defaultEpochs(data.train().size(), config.modelConfig())));
        Metric metric = metricsFor(config.source()).get(0);
        int classes = config.source().taskType() == TaskType.MULTICLASS ? TaskType.classCount(List.of(
                data.train().labelData(), data.valid().labelData(), data.test().labelData())) : 0;
        List<PropertyModel<D>> members = new ArrayList<>();
        Fitted<D> first = null;
        for (int k = 0; k < config.ensembleSize(); k++) {
            long seed = config.seed() + k;
            int member = k;
            Fitted<D> fitted = kind.fit(new FitRequest<>(config.source().taskType(), data.train(), data.valid(),
                    data.transformers(), config.modelConfig().withSeed(seed), epochs, metric, config.patience(),
                    new Training.EpochListener() {
                        @Override
                        public void epochDone(TrainingCurve.Point point, int maxEpochs) {
                            listener.epochDone(member, point, maxEpochs);
                        }

                        @Override
                        public void partDone(int done, int total) {
                            listener.partDone(member, done, total);
                        }
                    }, classes));
            first = first == null ? fitted : first;
            members.add(fitted.model());
        }
        PropertyModel<D> model = members.size() == 1 ? members.get(0) : new Ensemble<>(members);
        return new Trained<>(model, first.curve(), first.epochs(), List.copyOf(members));
    }

}
