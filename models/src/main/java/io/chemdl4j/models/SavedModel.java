package io.chemdl4j.models;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.RowError;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.Transformer;

/**
 * A loaded model with everything it needs to predict from SMILES: the featurizer its training
 * data went through and the transformers to undo on its outputs.
 *
 * @param model          the network
 * @param featurizer     how its inputs were featurized ({@code null} if saved without one)
 * @param transformers   transformers applied to its training data, undone on predictions
 * @param formatVersion  format version of the files it was loaded from
 * @param toolkitVersion ChemDL4J version that saved it
 */
public record SavedModel(MultitaskModel model, FeaturizerSpec featurizer, List<Transformer> transformers,
                         int formatVersion, String toolkitVersion) {
    public SavedModel {
        transformers = List.copyOf(transformers);
    }

    /**
     * Predictions in input order, {@code null} for rows that could not be featurized.
     *
     * @param values per molecule, per task: probabilities of class 1, or values in original units
     * @param errors rows that could not be featurized
     */
    public record Predictions(double[][] values, List<RowError> errors) {
    }

    /**
     * Predictions in original units for rows featurized as this model's {@link #featurizer()} does: the
     * feature transformers (normalization, clipping) are applied to them as to the training data.
     */
    public double[][] predictFeatures(float[][] features) {
        return model.predict(transformedInputs(features), transformers);
    }

    /**
     * Monte-Carlo dropout predictions (mean and standard deviation over {@code samples}, original units)
     * for featurized rows; see {@link MultitaskModel#predictWithDropout}.
     */
    public Uncertainty predictFeaturesWithDropout(float[][] features, int samples, long seed) {
        return model.predictWithDropout(transformedInputs(features), samples, seed, transformers);
    }

    private Dataset transformedInputs(float[][] x) {
        int tasks = model.tasks().size();
        return Transformer.transformAll(
                Dataset.of(x, new float[x.length][tasks], null, new String[x.length], model.tasks()), transformers);
    }

    /**
     * Featurizes {@code smiles} the way the training data was and predicts, in original units.
     *
     * @param source name used in error reports
     */
    public Predictions predictSmiles(String source, List<String> smiles) {
        if (featurizer == null) {
            throw new IllegalStateException("this model was saved without its featurizer; predict from features");
        }
        VectorFeaturizer f = Featurizers.create(featurizer);
        BatchFeaturizer.Result result = new BatchFeaturizer(f).featurize(source, smiles, 0);
        List<float[]> rows = new ArrayList<>();
        for (float[] r : result.features()) {
            if (r != null) {
                rows.add(r);
            }
        }
        double[][] predicted = predictFeatures(rows.toArray(new float[0][]));
        double[][] values = new double[smiles.size()][];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (result.features()[i] != null) {
                values[i] = predicted[k++];
            }
        }
        return new Predictions(values, result.errors());
    }
}
