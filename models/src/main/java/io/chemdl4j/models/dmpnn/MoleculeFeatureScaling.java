package io.chemdl4j.models.dmpnn;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.transform.FeatureClippingTransformer;
import io.chemdl4j.moleculenet.transform.FeatureNormalizationTransformer;

/**
 * How the molecule features that graphs carry (descriptors) enter a D-MPNN: standardized with the training
 * split's means and standard deviations, values that could not be computed set to the mean, and clipped to
 * ±5 — the toolkit's feature transformers ({@link FeatureNormalizationTransformer},
 * {@link FeatureClippingTransformer}), as chemprop scales its {@code rdkit_2d} features. Immutable.
 *
 * @param normalization fitted on the training graphs' features
 */
record MoleculeFeatureScaling(FeatureNormalizationTransformer normalization) {
    private static final FeatureClippingTransformer CLIPPING = FeatureClippingTransformer.defaults();

    /** Fitted on {@code train}'s molecule features; {@code null} when its graphs carry none. */
    static MoleculeFeatureScaling fit(GraphDataset train) {
        if (train.size() == 0 || train.graph(0).moleculeFeatureLength() == 0) {
            return null;
        }
        return new MoleculeFeatureScaling(FeatureNormalizationTransformer.fit(features(graphsOf(train))));
    }

    int featureCount() {
        return normalization.means().length;
    }

    /** The scaled features of {@code graphs}, {@code [graphs × featureCount]}. */
    INDArray apply(List<MolecularGraph> graphs, DataType dtype) {
        Dataset scaled = CLIPPING.transform(normalization.transform(features(graphs)));
        float[] flat = scaled.flatFeatures();
        return Nd4j.create(flat, new long[] {graphs.size(), featureCount()}, 'c').castTo(dtype);
    }

    private static List<MolecularGraph> graphsOf(GraphDataset data) {
        return java.util.stream.IntStream.range(0, data.size()).mapToObj(data::graph).toList();
    }

    private static Dataset features(List<MolecularGraph> graphs) {
        int n = graphs.size();
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = graphs.get(i).moleculeFeatures();
        }
        return Dataset.unlabelled(x, List.of());
    }
}
