package io.chemdl4j.models.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.models.TrainableModel;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.metrics.EvaluationResult;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Validation-driven training of any {@link TrainableModel}: after every epoch the model is scored on
 * the validation split (loss and metric) and on the training split or a sample of it (metric, see
 * {@link TrainScoring}). With early stopping
 * ({@code patience > 0}) the best epoch's weights are kept in memory and, when asked, in an atomically
 * rewritten checkpoint file; training stops after {@code patience} epochs without improvement, and
 * the best weights are put back. Without, every epoch is trained and the last weights stay (the
 * checkpoint, if asked, holds the best epoch's). The test split is never seen.
 */
public final class Training {

    private Training() {
    }

    /**
     * Trains {@code model} on {@code train}, choosing the epoch on {@code valid}.
     *
     * @param transformers the label transformers to undo before scoring, so that scores are in original units
     * @return the curves; with early stopping the model holds the weights of the best epoch, without
     *         those of the last
     */
    public static <D extends LabelledData<D>> TrainingCurve fit(TrainableModel<D> model, D train, D valid,
                                                             TrainingOptions options, List<Transformer> transformers) {
        return fit(model, train, valid, options, transformers, null);
    }

    /** Told after every epoch (progress bars, live plots). */
    @FunctionalInterface
    public interface EpochListener {
        /** @param maxEpochs the most epochs this training runs (early stopping may end it sooner) */
        void epochDone(TrainingCurve.Point point, int maxEpochs);

        /**
         * For a model not trained by epochs: {@code done} of its {@code total} parts (a random forest's tasks, one
         * forest each) are trained. Nothing by default.
         */
        default void partDone(int done, int total) {
        }
    }

    /** As {@link #fit(TrainableModel, LabelledData, LabelledData, TrainingOptions, List)}, telling {@code listener} (may be null) after each epoch. */
    public static <D extends LabelledData<D>> TrainingCurve fit(TrainableModel<D> model, D train, D valid,
                                                             TrainingOptions options, List<Transformer> transformers,
                                                             EpochListener listener) {
        if (valid.size() == 0) {
            throw new IllegalArgumentException("early stopping needs a validation split with molecules");
        }
        Metric metric = options.metric();
        List<Metric> metrics = List.of(metric);
        List<TrainingCurve.Point> points = new java.util.ArrayList<>();
        Map<String, INDArray> best = null;
        double bestScore = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        boolean earlyStopping = options.patience() > 0;
        D scored = scoredTrainingMolecules(train, valid.size(), options.trainScoring());
        for (int e = 0; e < options.maxEpochs(); e++) {
            EpochRecord record = model.fit(train, 1).get(0);
            double[][] validPredictions = model.predict(valid);
            double validLoss = loss(model.taskType(), valid.labelData(), validPredictions);
            double validScore = EvaluationResult.score(model.tasks(), valid.labelData(),
                    Transformer.untransformAll(validPredictions, transformers), metrics, transformers).mean(metric);
            double trainScore = model.evaluate(scored, metrics, transformers).mean(metric);
            TrainingCurve.Point point = new TrainingCurve.Point(record.epoch(), record.loss(), validLoss, trainScore,
                    validScore, record.seconds());
            points.add(point);
            if (listener != null) {
                listener.epochDone(point, options.maxEpochs());
            }
            if (best == null || better(metric, validScore, bestScore)) {
                best = earlyStopping ? copy(model.state()) : Map.of();
                bestScore = validScore;
                bestEpoch = record.epoch();
                sinceBest = 0;
                if (options.checkpoint() != null) {
                    writeCheckpoint(earlyStopping ? best : model.state(), options.checkpoint());
                }
            } else if (earlyStopping && ++sinceBest >= options.patience()) {
                stoppedEarly = e + 1 < options.maxEpochs();
                break;
            }
        }
        int kept = points.get(points.size() - 1).epoch();
        if (earlyStopping) {
            restore(model.state(), best);
            kept = bestEpoch;
        }
        return new TrainingCurve(metric, points, bestEpoch, kept, stoppedEarly);
    }

    /**
     * The training molecules whose score the curve records after each epoch: all of them, or an evenly spaced sample
     * of {@code validSize} (rows {@code floor(i * n / validSize)}, so every part of the split, random or by scaffold,
     * is represented alike, and no random choice is made).
     */
    static <D extends LabelledData<D>> D scoredTrainingMolecules(D train, int validSize, TrainScoring scoring) {
        int n = train.size();
        if (scoring == TrainScoring.WHOLE_SPLIT || n <= validSize) {
            return train;
        }
        int[] rows = new int[validSize];
        for (int i = 0; i < validSize; i++) {
            rows[i] = (int) ((long) i * n / validSize);
        }
        return train.select(rows);
    }

    /** Whether {@code score} beats {@code best}; an undefined score never does, any score beats an undefined best. */
    private static boolean better(Metric metric, double score, double best) {
        if (Double.isNaN(score)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return metric.higherIsBetter() ? score > best : score < best;
    }

    /**
     * Mean weighted loss per molecule, summed over tasks, of {@code predictions} in the label space the
     * model trains in: binary cross-entropy of the probabilities, cross-entropy of the class
     * probabilities (multiclass), or squared error.
     */
    static double loss(TaskType type, Dataset labels, double[][] predictions) {
        double sum = 0;
        int tasks = labels.taskCount();
        for (int i = 0; i < labels.size(); i++) {
            for (int t = 0; t < tasks; t++) {
                double w = labels.weight(i, t);
                if (w == 0) {
                    continue;
                }
                double y = labels.label(i, t);
                if (type == TaskType.MULTICLASS) {
                    int k = predictions[i].length / tasks;
                    sum -= w * Math.log(Math.max(1e-7, predictions[i][t * k + (int) y]));
                    continue;
                }
                double p = predictions[i][t];
                if (type == TaskType.CLASSIFICATION) {
                    double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
                    sum -= w * (y * Math.log(q) + (1 - y) * Math.log(1 - q));
                } else {
                    sum += w * (p - y) * (p - y);
                }
            }
        }
        return labels.size() == 0 ? 0 : sum / labels.size();
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        state.forEach((name, array) -> copy.put(name, array.dup()));
        return copy;
    }

    private static void restore(Map<String, INDArray> live, Map<String, INDArray> saved) {
        if (!live.keySet().equals(saved.keySet())) {
            throw new IllegalArgumentException("the saved state has arrays " + saved.keySet() + ", the model "
                    + live.keySet());
        }
        live.forEach((name, array) -> {
            INDArray value = saved.get(name);
            if (!java.util.Arrays.equals(array.shape(), value.shape())) {
                throw new IllegalArgumentException("array " + name + " has shape "
                        + java.util.Arrays.toString(value.shape()) + ", the model's "
                        + java.util.Arrays.toString(array.shape()));
            }
            array.assign(value);
        });
    }

    /**
     * Writes {@code state} to {@code file} atomically, in the model files' checked array format
     * ({@link ModelIO#writeArrays}): a reader sees the previous checkpoint or this one, whole.
     */
    static void writeCheckpoint(Map<String, INDArray> state, Path file) {
        try {
            AtomicFiles.write(file, out -> ModelIO.writeArrays(out, state));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the weights of checkpoint {@code file} into {@code model}; every array is checked before it is
     * read ({@link ModelIO#readArrays}).
     *
     * @throws IllegalArgumentException if the file is not a checkpoint of a model of this shape
     */
    public static void restoreCheckpoint(TrainableModel<?> model, Path file) throws IOException {
        Map<String, INDArray> saved;
        try {
            saved = ModelIO.readArrays(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a checkpoint: " + e.getMessage(), e);
        }
        restore(model.state(), saved);
    }
}
