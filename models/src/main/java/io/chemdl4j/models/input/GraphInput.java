package io.chemdl4j.models.input;

import java.util.List;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.PreparedData;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.store.FeatureKind;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.moleculenet.load.LoadOptions;

/**
 * Molecular graphs from one graph featurizer ({@link Featurizers#graphNames()}): {@link #CONVMOL} (DeepChem's
 * ConvMol atom and bond features), or any other by {@link #of}. The transformers of graph data touch labels only.
 */
public final class GraphInput implements ModelInput<GraphDataset> {
    /** Graphs from {@link GraphFeaturizer}. */
    public static final GraphInput CONVMOL = new GraphInput(GraphFeaturizer.NAME);

    private final String featurizerName;

    private GraphInput(String featurizerName) {
        this.featurizerName = featurizerName;
    }

    /**
     * Graphs from the graph featurizer {@code featurizerName} (with any of its parameters).
     *
     * @throws IllegalArgumentException if no graph featurizer has that name
     */
    public static GraphInput of(String featurizerName) {
        Featurizers.createGraph(new FeaturizerSpec(featurizerName, java.util.Map.of()));
        return new GraphInput(featurizerName);
    }

    @Override
    public String name() {
        return "molecular graphs (" + featurizerName + ")";
    }

    @Override
    public FeaturizerSpec defaultFeaturizer() {
        return featurizer().spec();
    }

    private MoleculeFeaturizer<MolecularGraph> featurizer() {
        return Featurizers.createGraph(new FeaturizerSpec(featurizerName, java.util.Map.of()));
    }

    @Override
    public PreparedData<GraphDataset> load(DataRequest request, StreamingFeaturizer.ProgressListener progress) {
        FeaturizerSpec spec = request.featurizerOr(defaultFeaturizer());
        if (!spec.name().equals(featurizerName)) {
            throw new IllegalArgumentException("featurizer '" + spec.name() + "' does not make this model's graphs; "
                    + "it reads '" + featurizerName + "'");
        }
        long start = System.nanoTime();
        // LoadOptions carries a vector featurizer that a load of graphs does not read.
        LoadOptions options = request.loadOptions(new EcfpFeaturizer(), Runtime.getRuntime().availableProcessors());
        MolNetData<GraphDataset> data = MolNet.load(request.source(), options, Featurizers.createGraph(spec),
                FeatureKind.GRAPHS, FeaturizationCache.standard(), progress);
        return new PreparedData<>(data.tasks(), data.train(), data.valid(), data.test(), data.transformers(),
                data.featurizer(), data.errors(), (System.nanoTime() - start) / 1e9);
    }

    @Override
    public double[][] predict(SavedModel model, GraphDataset data) {
        return data.size() == 0 ? new double[0][] : model.typedModel(this).predict(data, model.transformers());
    }

    @Override
    public SavedModel.Inputs<MolecularGraph> inputs(SavedModel model) {
        if (!model.featurizer().name().equals(featurizerName)) {
            throw new IllegalStateException("a graph model saved with featurizer '" + model.featurizer().name()
                    + "' instead of '" + featurizerName + "'");
        }
        return new Graphs(model.typedModel(this), model, Featurizers.createGraph(model.featurizer()));
    }

    /** Molecular graphs into a graph model; the transformers touch labels only. */
    private record Graphs(PropertyModel<GraphDataset> model, SavedModel saved,
                          MoleculeFeaturizer<MolecularGraph> featurizer) implements SavedModel.Inputs<MolecularGraph> {

        @Override
        public double[][] predict(List<MolecularGraph> rows) {
            return model.predict(graphs(rows), saved.transformers());
        }

        @Override
        public Uncertainty predictWithDropout(List<MolecularGraph> rows, int samples, long seed) {
            return SavedModel.dropout(model).predictWithDropout(graphs(rows), samples, seed, saved.transformers());
        }

        /**
         * 256: a chunk's graphs, and what featurizing them leaves behind, outlive a young collection while the next
         * chunk is featurized; with 1,024 of them G1 promoted enough to grow the heap all through a long run (peak
         * RSS over 1,000,000 MUV SMILES with {@code -Xmx512m} about 10% above that over 100,000, near 580 MiB), with
         * 256 it grows about 5% on average (368 to 402 MiB) at the same speed. A multiple of the graph models'
         * prediction batch (64), so the batches, and the numbers, are those of any larger chunk.
         */
        @Override
        public int chunkSize() {
            return 256;
        }

        private GraphDataset graphs(List<MolecularGraph> rows) {
            int n = rows.size();
            return GraphDataset.of(rows, Dataset.unlabelled(new float[n][0], model.tasks()));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
