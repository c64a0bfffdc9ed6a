package io.chemdl4j.models.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PreparedData;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.metrics.EvaluationResult;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.models.plot.FigureLabels;
import io.chemdl4j.models.plot.Plots;
import io.chemdl4j.models.reliability.ReliabilityScores;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;

/**
 * Scores a saved model on labelled molecules (what {@code chemdl evaluate} runs): a catalog dataset or
 * the user's file, featurized as the model's training data was, split as {@code chemdl train} splits it
 * (so the same split and seed give back the training run's test split), and scored in original units
 * with the dataset's metrics.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /** Which molecules to score. */
    public enum Subset {
        TRAIN, VALID, TEST, ALL;

        /** Lower-case name, as on the command line. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Scores and the predictions behind them.
     *
     * @param source      what was scored
     * @param model       the model kind's name, e.g. {@code dmpnn}
     * @param subset      which molecules of it
     * @param predictions predictions next to labels, in original units
     * @param scores      the dataset's metrics per task
     * @param errors      rows that could not be used
     * @param reliability how the model's calibration and applicability domain held, or {@code null} for a model
     *                    without calibration
     */
    public record Result(DataSource source, String model, Subset subset, SplitPredictions predictions,
                         EvaluationResult scores, List<RowError> errors, ReliabilityScores reliability) {
        public Result {
            errors = List.copyOf(errors);
        }

        /** A table: one row per task and the mean, one column per metric. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s | %s | %d molecules%s%n", source.name(), subset.id(),
                    predictions.size(), errors.isEmpty() ? "" : " | " + errors.size() + " rows skipped"));
            sb.append(scores.table()).append('\n');
            if (reliability != null) {
                sb.append("calibration (").append(subset.id()).append("):\n").append(reliability.table()).append('\n');
            }
            return sb.toString().stripTrailing();
        }

        /** ROC curves (classification) or parity plots (regression) per task, as PNG files in {@code directory}. */
        public List<Path> writePlots(Path directory) throws IOException {
            return writePlots(directory, Map.of());
        }

        /**
         * {@link #writePlots(Path)} with the units of {@code units} (task → units) on the axes, in place of
         * the source's own for the tasks it names.
         */
        public List<Path> writePlots(Path directory, Map<String, String> units) throws IOException {
            List<Path> written = new ArrayList<>(Plots.writeAll(source.taskType(), List.of(predictions), null, directory,
                    FigureLabels.of(source, model, units)));
            if (reliability != null && reliability.taskType() == io.chemdl4j.moleculenet.TaskType.CLASSIFICATION) {
                written.addAll(Plots.writeReliabilityDiagrams(reliability, directory));
            }
            return written;
        }
    }

    /**
     * Scores {@code model} on {@code subset} of {@code source}, split by {@code splitter} with {@code seed}
     * (80/10/10, as training splits).
     *
     * @param dataDirectory where dataset files are looked for first (null: the defaults)
     * @param progress      told the rows featurized so far, or null
     */
    public static Result evaluate(SavedModel model, DataSource source, Subset subset, SplitterType splitter, long seed,
                                  Path dataDirectory, StreamingFeaturizer.ProgressListener progress) {
        return evaluate(model, new DataRequest(source, model.featurizer(), splitter, seed, SplitFractions.defaults(),
                dataDirectory), subset, progress);
    }

    /**
     * Scores {@code model} on {@code subset} of the data {@code request} loads and splits (its split file, or its
     * splitter, seed and fractions, as training split them); the model's own featurizer is used.
     *
     * @param progress told the rows featurized so far, or null
     */
    public static Result evaluate(SavedModel model, DataRequest request, Subset subset,
                                  StreamingFeaturizer.ProgressListener progress) {
        DataSource source = request.source();
        if (model.featurizer() == null) {
            throw new IllegalArgumentException("this model was saved without its featurizer; it cannot featurize molecules");
        }
        if (source.taskType() != model.model().taskType()) {
            throw new IllegalArgumentException("the model is a " + model.model().taskType().name().toLowerCase(Locale.ROOT)
                    + " model, the data are " + source.taskType().name().toLowerCase(Locale.ROOT));
        }
        if (source instanceof DataSource.Catalog catalog && !catalog.dataset().tasks().isEmpty()) {
            checkTasks(model.model(), source, catalog.dataset().tasks()); // before anything is read
        }
        return evaluate(model.kind(), model, new DataRequest(source, model.featurizer(), request.splitter(),
                request.seed(), request.fractions(), request.dataDirectory(), request.splitFile(), request.splitsOut()),
                subset, progress);
    }

    private static <D extends LabelledData<D>> Result evaluate(ModelKind<D> kind, SavedModel model, DataRequest request,
                                                            Subset subset,
                                                            StreamingFeaturizer.ProgressListener progress) {
        PreparedData<D> data = kind.input().loadFor(model, request, progress);
        checkTasks(model.model(), request.source(), data.tasks());
        List<D> parts = data.parts(subset);
        List<double[]> predicted = new ArrayList<>();
        for (D part : parts) {
            predicted.addAll(List.of(kind.input().predict(model, part)));
        }
        // The loader's transformers touch labels and weights only; undoing them gives labels in original units.
        SplitPredictions predictions = SplitPredictions.of(subset.id(), data.tasks(),
                ModelInput.labelsOf(parts, data.tasks()), predicted.toArray(new double[0][]), data.transformers());
        ReliabilityScores reliability = model.reliability() == null ? null
                : ReliabilityScores.score(model, kind.input(), parts, predictions, request.seed());
        return new Result(request.source(), kind.name(), subset, predictions,
                predictions.score(Experiment.metricsFor(request.source())), data.errors(), reliability);
    }

    private static void checkTasks(PropertyModel<?> model, DataSource source, List<String> tasks) {
        if (!tasks.equals(model.tasks())) {
            throw new IllegalArgumentException("the model predicts " + model.tasks() + " but " + source.name()
                    + " has tasks " + tasks);
        }
    }
}
