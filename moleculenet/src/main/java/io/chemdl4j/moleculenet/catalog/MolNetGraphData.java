package io.chemdl4j.moleculenet.catalog;

import java.util.List;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.GraphDatasetSplit;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A dataset loaded as molecular graphs, as DeepChem's {@code load_*(featurizer='GraphConv')} returns
 * it: task names, the transformed train/valid/test splits, the transformers applied to their labels
 * (to undo on predictions), and the rows that could not be used.
 */
public record MolNetGraphData(DataSource source, List<String> tasks, FeaturizerSpec featurizer,
                              GraphDatasetSplit split, List<Transformer> transformers, List<RowError> errors) {
    public MolNetGraphData {
        tasks = List.copyOf(tasks);
        transformers = List.copyOf(transformers);
        errors = List.copyOf(errors);
    }

    /** The training part. */
    public GraphDataset train() {
        return split.train();
    }

    /** The validation part. */
    public GraphDataset valid() {
        return split.valid();
    }

    /** The test part. */
    public GraphDataset test() {
        return split.test();
    }
}
