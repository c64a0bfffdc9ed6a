package io.chemdl4j.models.predict;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.models.DropoutUncertainty;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.input.FeatureRowInput;
import io.chemdl4j.models.reliability.Reliability;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A loaded model with everything it needs to predict from SMILES: its kind, the featurizer its training
 * data went through and the transformers to undo on its outputs.
 *
 * @param kind           the model's kind, which says what it reads
 * @param model          the model
 * @param featurizer     how its inputs were featurized ({@code null} if saved without one)
 * @param transformers   transformers applied to its training data, undone on predictions
 * @param formatVersion  format version of the files it was loaded from
 * @param toolkitVersion ChemDL4J version that saved it
 * @param reliability    its calibration and applicability domain ({@code chemdl calibrate}), or {@code null} if it
 *                       has none
 */
public record SavedModel(ModelKind<?> kind, PropertyModel<?> model, FeaturizerSpec featurizer,
                         List<Transformer> transformers, int formatVersion, String toolkitVersion,
                         Reliability reliability) {
    public SavedModel {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(model, "model");
        transformers = List.copyOf(transformers);
        if (reliability != null && !reliability.tasks().equals(model.tasks())) {
            throw new IllegalArgumentException("the calibration's tasks " + reliability.tasks() + " are not the model's "
                    + model.tasks());
        }
    }

    /** A model without calibration. */
    public SavedModel(ModelKind<?> kind, PropertyModel<?> model, FeaturizerSpec featurizer,
                      List<Transformer> transformers, int formatVersion, String toolkitVersion) {
        this(kind, model, featurizer, transformers, formatVersion, toolkitVersion, null);
    }

    /** This model with {@code r} as its calibration and applicability domain ({@code null} for none). */
    public SavedModel withReliability(Reliability r) {
        return new SavedModel(kind, model, featurizer, transformers, formatVersion, toolkitVersion, r);
    }

    /**
     * Its calibration and applicability domain.
     *
     * @throws IllegalStateException if it has none, saying how to make one
     */
    public Reliability requireReliability() {
        if (reliability == null) {
            throw new IllegalStateException("this model has no calibration; fit one on its validation split with "
                    + "chemdl calibrate (the data and split it was trained with)");
        }
        return reliability;
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
     * How this model's inputs are made from molecules, and its predictions from them in original units.
     * Safe to use from several threads (the models serialize prediction).
     *
     * @param <T> one molecule's input: a feature row ({@code float[]}) or a {@link MolecularGraph}
     */
    public interface Inputs<T> {
        /** A new featurizer that makes this model's inputs as its training data's were made. */
        MoleculeFeaturizer<T> featurizer();

        /** Predictions per input row, per task, in original units. */
        double[][] predict(List<T> rows);

        /**
         * Monte-Carlo dropout mean and standard deviation over {@code samples} passes, in original units;
         * the same {@code seed} gives the same numbers.
         */
        Uncertainty predictWithDropout(List<T> rows, int samples, long seed);

        /**
         * Molecules a streaming prediction holds in memory at once unless told otherwise
         * ({@link StreamingPredictor.Options#chunkSize}): 1,024 by default; fewer for inputs that take more memory per
         * molecule.
         */
        default int chunkSize() {
            return 1024;
        }
    }

    /**
     * This model's {@link Inputs}: how its kind's input is made from molecules, and its predictions.
     *
     * @throws IllegalStateException if the model was saved without its featurizer
     */
    public Inputs<?> inputs() {
        if (featurizer == null) {
            throw new IllegalStateException("this model was saved without its featurizer, so it cannot featurize "
                    + "new molecules; predict from features, or save it again with ChemDL4J 0.1 or later");
        }
        return kind.input().inputs(this);
    }

    /**
     * The model as one that reads {@code input}'s data.
     *
     * @throws IllegalStateException if its kind reads another input
     */
    @SuppressWarnings("unchecked")
    public <D extends LabelledData<D>> PropertyModel<D> typedModel(ModelInput<D> input) {
        if (kind.input() != input) {
            throw new IllegalStateException("this is a " + kind.name() + " model; it reads " + kind.input().name()
                    + ", not " + input.name());
        }
        return (PropertyModel<D>) model; // the kind's input fixes the data type its models read
    }

    /**
     * {@code model} as a model that samples Monte-Carlo dropout.
     *
     * @throws IllegalArgumentException if it cannot
     */
    @SuppressWarnings("unchecked")
    public static <D extends LabelledData<D>> DropoutUncertainty<D> dropout(PropertyModel<D> model) {
        if (model instanceof DropoutUncertainty<?> sampler) {
            return (DropoutUncertainty<D>) sampler; // a model samples dropout on the data it reads
        }
        throw new IllegalArgumentException("a " + model.getClass().getSimpleName()
                + " has no dropout to sample; --uncertainty needs a network trained with dropout or an ensemble");
    }

    /**
     * Predictions in original units for rows featurized as this model's {@link #featurizer()} makes them:
     * the feature transformers (normalization, clipping) are applied to them as to the training data.
     *
     * @throws IllegalStateException if the model does not read feature rows
     */
    public double[][] predictFeatures(float[][] features) {
        return FeatureRowInput.INSTANCE.rows(this).predict(List.of(features));
    }

    /**
     * Monte-Carlo dropout predictions (mean and standard deviation over {@code samples}, original units)
     * for featurized rows; see {@link io.chemdl4j.models.DropoutUncertainty#predictWithDropout}.
     *
     * @throws IllegalStateException if the model does not read feature rows
     */
    public Uncertainty predictFeaturesWithDropout(float[][] features, int samples, long seed) {
        return FeatureRowInput.INSTANCE.rows(this).predictWithDropout(List.of(features), samples, seed);
    }

    /**
     * Featurizes {@code smiles} the way the training data was, on every core, and predicts, in original units.
     *
     * @param source name used in error reports
     */
    public Predictions predictSmiles(String source, List<String> smiles) {
        return predictSmiles(inputs(), source, smiles);
    }

    private static <T> Predictions predictSmiles(Inputs<T> inputs, String source, List<String> smiles) {
        BatchFeaturizer.Rows<T> featurized = BatchFeaturizer.featurize(inputs.featurizer(),
                Runtime.getRuntime().availableProcessors(), source, smiles, 0);
        List<T> rows = new ArrayList<>();
        for (T r : featurized.features()) {
            if (r != null) {
                rows.add(r);
            }
        }
        double[][] predicted = rows.isEmpty() ? new double[0][] : inputs.predict(rows);
        double[][] values = new double[smiles.size()][];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (featurized.features().get(i) != null) {
                values[i] = predicted[k++];
            }
        }
        return new Predictions(values, featurized.errors());
    }
}
