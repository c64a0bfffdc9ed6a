package io.chemdl4j.models.input;

import java.util.List;

import io.chemdl4j.featurize.descriptor.CdkDescriptorFeaturizer;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.SparseFeatures;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.PreparedData;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.SparseRowPredictor;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.moleculenet.transform.FeatureClippingTransformer;
import io.chemdl4j.moleculenet.transform.FeatureNormalizationTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Feature rows ({@code float[]} per molecule) from any vector featurizer: ECFP/FCFP, Morgan, MACCS,
 * RDKit-named or CDK descriptors. Loaded through the featurization cache. The default is ECFP4 counts
 * folded to 1024, chosen on Tox21's and Delaney's validation scores (see
 * {@link io.chemdl4j.models.experiment.ExperimentConfig#defaults}).
 */
public final class FeatureRowInput implements ModelInput<Dataset> {
    /** The real-valued featurizers, whose features are standardized and clipped. */
    private static final java.util.Set<String> SCALED = java.util.Set.of(DescriptorFeaturizer.NAME,
            CdkDescriptorFeaturizer.NAME);

    /** The one instance. */
    public static final FeatureRowInput INSTANCE = new FeatureRowInput();

    private FeatureRowInput() {
    }

    @Override
    public String name() {
        return "feature rows";
    }

    @Override
    public FeaturizerSpec defaultFeaturizer() {
        return new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withCounts(true)).spec();
    }

    /**
     * {@inheritDoc} Features of real-valued featurizers (descriptors) are then standardized on the training
     * split and clipped to ±5 (DeepChem's {@code NormalizationTransformer(transform_X=True)} and
     * {@code ClippingTransformer}): their scales differ by orders of magnitude, and a network on raw
     * descriptors diverges. Those transformers are saved with a model and applied to new molecules.
     * Fingerprints are counts or bits and stay as they are.
     */
    @Override
    public PreparedData<Dataset> load(DataRequest request, StreamingFeaturizer.ProgressListener progress) {
        long start = System.nanoTime();
        MolNetData<Dataset> data = loadRaw(request, progress);
        List<Transformer> features = SCALED.contains(data.featurizer().name())
                ? List.of(FeatureNormalizationTransformer.fit(data.train()), FeatureClippingTransformer.defaults())
                : List.of();
        return prepared(data, features, start);
    }

    /** {@inheritDoc} The features get {@code model}'s own feature transformers. */
    @Override
    public PreparedData<Dataset> loadFor(SavedModel model, DataRequest request,
                                         StreamingFeaturizer.ProgressListener progress) {
        long start = System.nanoTime();
        MolNetData<Dataset> data = loadRaw(request, progress);
        List<Transformer> features = model.transformers().stream().filter(Transformer::transformsFeatures).toList();
        return prepared(data, features, start);
    }

    private MolNetData<Dataset> loadRaw(DataRequest request, StreamingFeaturizer.ProgressListener progress) {
        VectorFeaturizer featurizer = featurizer(request.featurizerOr(defaultFeaturizer()));
        LoadOptions options = request.loadOptions(featurizer, Runtime.getRuntime().availableProcessors());
        return MolNet.load(request.source(), options, FeaturizationCache.standard(), progress);
    }

    /** {@code data} with {@code features} applied to every split and added to its transformers. */
    private static PreparedData<Dataset> prepared(MolNetData<Dataset> data, List<Transformer> features, long start) {
        List<Transformer> all = new java.util.ArrayList<>(data.transformers());
        all.addAll(features);
        return new PreparedData<>(data.tasks(), Transformer.transformAll(data.train(), features),
                Transformer.transformAll(data.valid(), features), Transformer.transformAll(data.test(), features),
                all, data.featurizer(), data.errors(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The vector featurizer of {@code spec}.
     *
     * @throws IllegalArgumentException if {@code spec} names no vector featurizer (the graph featurizer included)
     */
    static VectorFeaturizer featurizer(FeaturizerSpec spec) {
        if (!Featurizers.names().contains(spec.name())) {
            throw new IllegalArgumentException("featurizer '" + spec.name() + "' does not make feature rows; use one of "
                    + Featurizers.names());
        }
        return Featurizers.create(spec);
    }

    @Override
    public double[][] predict(SavedModel model, Dataset data) {
        return data.size() == 0 ? new double[0][] : model.typedModel(this).predict(data, model.transformers());
    }

    /**
     * {@inheritDoc} Rows held by their nonzero entries ({@link SparseFeatures}) for a model that
     * {@linkplain SparseRowPredictor predicts from them} when its features are not transformed (fingerprints: no dense
     * row of floats is made, copied and scanned per molecule, and {@code chemdl predict}'s memory stays lower and
     * flatter; see the README); dense rows ({@link #rows}) otherwise.
     */
    @Override
    public SavedModel.Inputs<?> inputs(SavedModel model) {
        PropertyModel<Dataset> typed = model.typedModel(this);
        boolean featuresTransformed = model.transformers().stream().anyMatch(Transformer::transformsFeatures);
        if (typed instanceof SparseRowPredictor sparse && !featuresTransformed) {
            return new SparseRowsInputs(typed, sparse, model.featurizer(), model.transformers());
        }
        return rows(model);
    }

    /** How {@code model} predicts from dense feature rows, one {@code float[]} per molecule (what explanations perturb). */
    public SavedModel.Inputs<float[]> rows(SavedModel model) {
        return new Rows(model.typedModel(this), model.featurizer(), model.transformers());
    }

    /** Rows held by their nonzero entries into a model that predicts from them; its label transformers undone. */
    private record SparseRowsInputs(PropertyModel<Dataset> model, SparseRowPredictor sparse, FeaturizerSpec spec,
                                    List<Transformer> transformers) implements SavedModel.Inputs<SparseFeatures> {
        @Override
        public MoleculeFeaturizer<SparseFeatures> featurizer() {
            return Featurizers.create(spec).sparse();
        }

        @Override
        public double[][] predict(List<SparseFeatures> rows) {
            return Transformer.untransformAll(sparse.predictSparse(rows), transformers);
        }

        /** Dropout's passes run through DL4J, from the dense rows. */
        @Override
        public Uncertainty predictWithDropout(List<SparseFeatures> rows, int samples, long seed) {
            return new Rows(model, spec, transformers).predictWithDropout(
                    rows.stream().map(SparseFeatures::toDense).toList(), samples, seed);
        }
    }

    /**
     * Feature rows into a model: the feature transformers of its training data (normalization, clipping)
     * applied first, its label transformers undone on the predictions.
     */
    private record Rows(PropertyModel<Dataset> model, FeaturizerSpec spec, List<Transformer> transformers)
            implements SavedModel.Inputs<float[]> {
        @Override
        public VectorFeaturizer featurizer() {
            return Featurizers.create(spec);
        }

        @Override
        public double[][] predict(List<float[]> rows) {
            return model.predict(transformed(rows), transformers);
        }

        @Override
        public Uncertainty predictWithDropout(List<float[]> rows, int samples, long seed) {
            return SavedModel.dropout(model).predictWithDropout(transformed(rows), samples, seed, transformers);
        }

        private Dataset transformed(List<float[]> rows) {
            // the feature transformers only: labels are placeholders here, and balancing their weights costs time
            return Transformer.transformAll(Dataset.unlabelled(rows.toArray(new float[0][]), model.tasks()),
                    transformers.stream().filter(Transformer::transformsFeatures).toList());
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
