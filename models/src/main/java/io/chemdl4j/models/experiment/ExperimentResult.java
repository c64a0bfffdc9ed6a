package io.chemdl4j.models.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.models.metrics.EvaluationResult;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.models.plot.FigureLabels;
import io.chemdl4j.models.plot.Plots;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.models.training.TrainingCurve;

/**
 * What a train-and-evaluate run produced.
 *
 * @param config           what was run
 * @param scores           split ({@code train}, {@code valid}, {@code test}) → metric id → mean over tasks
 * @param details          split → per-task scores
 * @param epochs           the training epochs with their loss and time (of the first member of an ensemble;
 *                         none for a random forest)
 * @param curve            training and validation curves per epoch (first member), empty for a random forest
 * @param predictions      predictions next to labels on train, valid and test, in original units
 * @param featurizeSeconds time spent loading and featurizing the dataset
 * @param splitSizes       molecules in train, valid and test
 * @param errors           rows of the dataset that could not be used
 * @param saver            saves the trained model with what it needs to predict from SMILES
 */
public record ExperimentResult(ExperimentConfig config, Map<String, Map<String, Double>> scores,
                               Map<String, EvaluationResult> details, List<EpochRecord> epochs,
                               Optional<TrainingCurve> curve, List<SplitPredictions> predictions, double featurizeSeconds, List<Integer> splitSizes, List<RowError> errors,
                               Saver saver) {
    public ExperimentResult {
        predictions = List.copyOf(predictions);
        splitSizes = List.copyOf(splitSizes);
        errors = List.copyOf(errors);
    }

    /** Saves a trained model to a directory. */
    @FunctionalInterface
    public interface Saver {
        /** Writes the model into {@code directory} (replaced atomically). */
        void save(Path directory) throws IOException;
    }

    /**
     * Writes the run's charts into {@code directory} (see {@link Plots#writeAll}) and returns the files.
     */
    public List<Path> writePlots(Path directory) throws IOException {
        return writePlots(directory, Map.of());
    }

    /**
     * {@link #writePlots(Path)} with the units of {@code units} (task → units) on the axes, in place of
     * the source's own for the tasks it names.
     */
    public List<Path> writePlots(Path directory, Map<String, String> units) throws IOException {
        return Plots.writeAll(config.source().taskType(), predictions, curve.orElse(null), directory,
                FigureLabels.of(config.source(), config.model().name(), units));
    }

    /** Mean seconds per training epoch. */
    public double secondsPerEpoch() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }
}
