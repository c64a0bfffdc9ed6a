package io.chemdl4j.moleculenet;

import java.util.List;
import java.util.Objects;

import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * An immutable in-memory dataset of molecular graphs (DeepChem's dataset of {@code ConvMol}s): one
 * {@link MolecularGraph} per molecule, with labels {@code y}, weights {@code w} and ids held by a
 * featureless {@link Dataset}, so that splitters and label transformers work on it unchanged.
 * Thread-safe.
 */
public final class GraphDataset implements LabelledData<GraphDataset> {
    private final List<MolecularGraph> graphs;
    private final Dataset labels;

    private GraphDataset(List<MolecularGraph> graphs, Dataset labels) {
        this.graphs = graphs;
        this.labels = labels;
    }

    /**
     * Graphs with their labels, row for row.
     *
     * @param labels labels, weights and ids; its features are ignored
     */
    public static GraphDataset of(List<MolecularGraph> graphs, Dataset labels) {
        Objects.requireNonNull(labels, "labels");
        if (graphs.size() != labels.size()) {
            throw new IllegalArgumentException(graphs.size() + " graphs but " + labels.size() + " label rows");
        }
        return new GraphDataset(List.copyOf(graphs), labels.featureCount() == 0 ? labels : labels.withoutFeatures());
    }

    /**
     * The molecules of {@code parts}, in order.
     *
     * @throws IllegalArgumentException if a part has other tasks
     */
    public static GraphDataset concat(List<GraphDataset> parts, List<String> tasks) {
        List<MolecularGraph> graphs = new java.util.ArrayList<>();
        List<Dataset> labels = new java.util.ArrayList<>(parts.size());
        for (GraphDataset part : parts) {
            graphs.addAll(part.graphs);
            labels.add(part.labels);
        }
        return new GraphDataset(List.copyOf(graphs), Dataset.concat(labels, tasks, 0));
    }

    @Override
    public int size() {
        return graphs.size();
    }

    @Override
    public List<String> tasks() {
        return labels.tasks();
    }

    /** Tasks, the columns of labels and weights. */
    public int taskCount() {
        return labels.taskCount();
    }

    /** The graph of molecule {@code row}. */
    public MolecularGraph graph(int row) {
        return graphs.get(row);
    }

    /** Labels, weights and ids, as a dataset without features. */
    public Dataset labels() {
        return labels;
    }

    /**
     * The labels and weights of {@code rows}, in that order, as two row-major {@code [rows × tasks]} arrays
     * (labels first): what a graph network's loss reads for a batch.
     */
    public double[][] labelsAndWeights(int[] rows) {
        float[] y = new float[rows.length * taskCount()];
        float[] w = new float[y.length];
        labels.copyLabels(rows, y);
        labels.copyWeights(rows, w);
        double[][] out = new double[2][y.length];
        for (int i = 0; i < y.length; i++) {
            out[0][i] = y[i];
            out[1][i] = w[i];
        }
        return out;
    }

    /** The same as {@link #labels()}. */
    @Override
    public Dataset labelData() {
        return labels;
    }

    /** Id of molecule {@code row}. */
    public String id(int row) {
        return labels.id(row);
    }

    @Override
    public GraphDataset select(int[] rows) {
        MolecularGraph[] picked = new MolecularGraph[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = graphs.get(rows[i]);
        }
        return new GraphDataset(List.of(picked), labels.select(rows));
    }

    /** The same graphs with transformed labels and weights (transformers of features do not apply to graphs). */
    @Override
    public GraphDataset transform(List<? extends Transformer> transformers) {
        return new GraphDataset(graphs, Transformer.transformAll(labels, transformers));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphDataset g && graphs.equals(g.graphs) && labels.equals(g.labels);
    }

    @Override
    public int hashCode() {
        return 31 * graphs.hashCode() + labels.hashCode();
    }

    @Override
    public String toString() {
        return "GraphDataset[" + size() + " molecules, tasks=" + tasks() + "]";
    }
}
