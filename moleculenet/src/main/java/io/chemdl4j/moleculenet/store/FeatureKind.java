package io.chemdl4j.moleculenet.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * What a featurizer makes of one molecule ({@code F}) and the dataset type that collects it ({@code D}),
 * in memory and in a {@link DiskDataset}: the one seam through which loaders and the featurization cache
 * handle any input. {@link #ROWS} (fixed-length float rows into a {@link Dataset}) and {@link #GRAPHS}
 * (molecular graphs into a {@link GraphDataset}) are the two the toolkit has; a later input type is one more
 * implementation. Implementations are stateless and thread-safe; their collectors are not.
 *
 * @param <F> what the featurizer makes of one molecule
 * @param <D> the dataset type
 */
public interface FeatureKind<F, D extends LabelledData<D>> {
    /** Feature rows: each molecule one {@code float[]} of the featurizer's length. */
    FeatureKind<float[], Dataset> ROWS = new FeatureKind<>() {
        @Override
        public Collector<float[], Dataset> collector(List<String> tasks, MoleculeFeaturizer<float[]> featurizer) {
            Dataset.Builder builder = Dataset.builder(tasks, length(featurizer));
            return new Collector<>() {
                @Override
                public void add(float[] features, float[] labels, float[] weights, String id) {
                    builder.add(features, labels, weights, id);
                }

                @Override
                public Dataset build() {
                    return builder.build();
                }
            };
        }

        @Override
        public DiskDataset.Writer writer(Path directory, List<String> tasks, MoleculeFeaturizer<float[]> featurizer)
                throws IOException {
            return DiskDataset.writer(directory, tasks, length(featurizer));
        }

        private static int length(MoleculeFeaturizer<float[]> featurizer) {
            if (!(featurizer instanceof VectorFeaturizer vector)) {
                throw new IllegalArgumentException(featurizer.spec() + " makes no rows of a fixed length");
            }
            return vector.length();
        }

        @Override
        public void write(DiskDataset.Writer writer, float[] features, float[] labels, float[] weights, String id)
                throws IOException {
            writer.add(features, labels, weights, id);
        }

        @Override
        public Dataset read(DiskDataset disk) {
            if (disk.holdsGraphs()) {
                throw new IllegalArgumentException(disk.directory() + " holds molecular graphs, not feature rows");
            }
            return disk.toDataset();
        }

        @Override
        public String toString() {
            return "feature rows";
        }
    };

    /** Molecular graphs: each molecule one {@link MolecularGraph}. */
    FeatureKind<MolecularGraph, GraphDataset> GRAPHS = new FeatureKind<>() {
        @Override
        public Collector<MolecularGraph, GraphDataset> collector(List<String> tasks,
                                                                 MoleculeFeaturizer<MolecularGraph> featurizer) {
            List<MolecularGraph> graphs = new ArrayList<>();
            Dataset.Builder labels = Dataset.builder(tasks, 0);
            float[] none = new float[0];
            return new Collector<>() {
                @Override
                public void add(MolecularGraph graph, float[] y, float[] w, String id) {
                    graphs.add(graph);
                    labels.add(none, y, w, id);
                }

                @Override
                public GraphDataset build() {
                    return GraphDataset.of(graphs, labels.build());
                }
            };
        }

        @Override
        public DiskDataset.Writer writer(Path directory, List<String> tasks,
                                         MoleculeFeaturizer<MolecularGraph> featurizer) throws IOException {
            return DiskDataset.graphWriter(directory, tasks, DiskDataset.GRAPH_SHARD_ROWS);
        }

        @Override
        public void write(DiskDataset.Writer writer, MolecularGraph graph, float[] labels, float[] weights, String id)
                throws IOException {
            writer.add(graph, labels, weights, id);
        }

        @Override
        public GraphDataset read(DiskDataset disk) {
            if (!disk.holdsGraphs()) {
                throw new IllegalArgumentException(disk.directory() + " holds feature rows, not molecular graphs");
            }
            return disk.toGraphDataset();
        }

        @Override
        public String toString() {
            return "molecular graphs";
        }
    };

    /** Collects featurized molecules in memory, in order. Not thread-safe. */
    interface Collector<F, D> {
        /** Adds one molecule. */
        void add(F features, float[] labels, float[] weights, String id);

        /** The dataset of the molecules added. */
        D build();
    }

    /**
     * A collector of molecules with {@code tasks}, featurized by {@code featurizer}.
     *
     * @throws IllegalArgumentException if the featurizer cannot make this kind's input (rows need a fixed length)
     */
    Collector<F, D> collector(List<String> tasks, MoleculeFeaturizer<F> featurizer);

    /** A writer of a disk dataset of this kind at {@code directory}, for molecules featurized by {@code featurizer}. */
    DiskDataset.Writer writer(Path directory, List<String> tasks, MoleculeFeaturizer<F> featurizer) throws IOException;

    /** Writes one molecule to {@code writer} (one made by {@link #writer}). */
    void write(DiskDataset.Writer writer, F features, float[] labels, float[] weights, String id) throws IOException;

    /**
     * The whole of {@code disk} in memory.
     *
     * @throws IllegalArgumentException if it holds another kind of input
     */
    D read(DiskDataset disk);
}
