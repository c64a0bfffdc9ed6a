package io.chemdl4j.models;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.GraphFeaturizer;
import io.chemdl4j.featurize.MolecularGraph;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.RowError;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.Transformer;

/**
 * A loaded model with everything it needs to predict from SMILES: the featurizer its training
 * data went through and the transformers to undo on its outputs.
 *
 * @param model          the model: a {@link MultitaskModel} or a {@link GraphConvModel}
 * @param featurizer     how its inputs were featurized ({@code null} if saved without one)
 * @param transformers   transformers applied to its training data, undone on predictions
 * @param formatVersion  format version of the files it was loaded from
 * @param toolkitVersion ChemDL4J version that saved it
 */
public record SavedModel(PropertyModel<?> model, FeaturizerSpec featurizer, List<Transformer> transformers,
                         int formatVersion, String toolkitVersion) {
    public SavedModel {
        transformers = List.copyOf(transformers);
        if (!(model instanceof MultitaskModel) && !(model instanceof GraphConvModel)) {
            throw new IllegalArgumentException("a saved model is a multitask network or a graph convolution, not "
                    + model.getClass().getSimpleName());
        }
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
    }

    /**
     * This model's {@link Inputs}.
     *
     * @throws IllegalStateException if the model was saved without its featurizer
     */
    public Inputs<?> inputs() {
        if (featurizer == null) {
            throw new IllegalStateException("this model was saved without its featurizer, so it cannot featurize "
                    + "new molecules; predict from features, or save it again with ChemDL4J 0.1 or later");
        }
        if (model instanceof GraphConvModel graphs) {
            return new GraphInputs(graphs, featurizer, transformers);
        }
        return new RowInputs((MultitaskModel) model, featurizer, transformers);
    }

    /**
     * Predictions in original units for rows featurized as this multitask model's {@link #featurizer()}
     * does: the feature transformers (normalization, clipping) are applied to them as to the training data.
     *
     * @throws IllegalStateException if the model is not a multitask network
     */
    public double[][] predictFeatures(float[][] features) {
        return RowInputs.predict(multitask(), transformers, features);
    }

    /**
     * Monte-Carlo dropout predictions (mean and standard deviation over {@code samples}, original units)
     * for featurized rows; see {@link MultitaskModel#predictWithDropout}.
     *
     * @throws IllegalStateException if the model is not a multitask network
     */
    public Uncertainty predictFeaturesWithDropout(float[][] features, int samples, long seed) {
        return RowInputs.predictWithDropout(multitask(), transformers, features, samples, seed);
    }

    private MultitaskModel multitask() {
        if (model instanceof MultitaskModel m) {
            return m;
        }
        throw new IllegalStateException("this is a " + ((GraphConvModel) model).typeId()
                + " model; it reads molecular graphs, not feature rows: use inputs() or predictSmiles");
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

    /** Feature rows into a multitask network, feature transformers applied first. */
    private record RowInputs(MultitaskModel model, FeaturizerSpec spec, List<Transformer> transformers)
            implements Inputs<float[]> {
        @Override
        public VectorFeaturizer featurizer() {
            return Featurizers.create(spec);
        }

        @Override
        public double[][] predict(List<float[]> rows) {
            return predict(model, transformers, rows.toArray(new float[0][]));
        }

        @Override
        public Uncertainty predictWithDropout(List<float[]> rows, int samples, long seed) {
            return predictWithDropout(model, transformers, rows.toArray(new float[0][]), samples, seed);
        }

        static double[][] predict(MultitaskModel model, List<Transformer> transformers, float[][] x) {
            return model.predict(transformed(model, transformers, x), transformers);
        }

        static Uncertainty predictWithDropout(MultitaskModel model, List<Transformer> transformers, float[][] x,
                                              int samples, long seed) {
            return model.predictWithDropout(transformed(model, transformers, x), samples, seed, transformers);
        }

        private static Dataset transformed(MultitaskModel model, List<Transformer> transformers, float[][] x) {
            int tasks = model.tasks().size();
            return Transformer.transformAll(
                    Dataset.of(x, new float[x.length][tasks], null, new String[x.length], model.tasks()), transformers);
        }
    }

    /** Molecular graphs into a graph convolution; the transformers touch labels only. */
    private record GraphInputs(GraphConvModel model, FeaturizerSpec spec, List<Transformer> transformers)
            implements Inputs<MolecularGraph> {
        GraphInputs {
            if (!spec.name().equals(GraphFeaturizer.NAME)) {
                throw new IllegalStateException("a graph convolution saved with featurizer '" + spec.name()
                        + "' instead of '" + GraphFeaturizer.NAME + "'");
            }
        }

        @Override
        public GraphFeaturizer featurizer() {
            return new GraphFeaturizer();
        }

        @Override
        public double[][] predict(List<MolecularGraph> rows) {
            return model.predict(graphs(rows), transformers);
        }

        @Override
        public Uncertainty predictWithDropout(List<MolecularGraph> rows, int samples, long seed) {
            return model.predictWithDropout(graphs(rows), samples, seed, transformers);
        }

        private GraphDataset graphs(List<MolecularGraph> rows) {
            int n = rows.size();
            return GraphDataset.of(rows, Dataset.of(new float[n][0], new float[n][model.tasks().size()], null,
                    new String[n], model.tasks()));
        }
    }
}
