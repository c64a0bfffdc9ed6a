package io.chemdl4j.models;

import java.util.List;
import java.util.Map;

import io.chemdl4j.featurize.RowError;
import io.chemdl4j.moleculenet.MolNetData;

/**
 * What a train-and-evaluate run produced.
 *
 * @param config           what was run
 * @param scores           split ({@code train}, {@code valid}, {@code test}) → metric id → mean over tasks
 * @param details          split → per-task scores
 * @param epochs           the training epochs with their loss and time
 * @param featurizeSeconds time spent loading and featurizing the dataset
 * @param data             the loaded data, with its transformers
 * @param model            the trained model
 */
public record ExperimentResult(ExperimentConfig config, Map<String, Map<String, Double>> scores,
                               Map<String, EvaluationResult> details, List<EpochRecord> epochs,
                               double featurizeSeconds, MolNetData data, MultitaskModel model) {

    /** Mean seconds per training epoch. */
    public double secondsPerEpoch() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }

    /** Rows of the dataset that could not be used. */
    public List<RowError> errors() {
        return data.errors();
    }
}
