package io.chemdl4j.moleculenet.catalog;

import java.util.List;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.moleculenet.DatasetSplit;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A loaded MoleculeNet dataset, as DeepChem's {@code load_*} returns it: task names, the
 * transformed train/valid/test splits and the transformers applied to them (to undo on predictions),
 * plus the rows that could not be used.
 *
 * @param <D> the dataset type: {@code Dataset} for feature rows, {@code GraphDataset} for molecular graphs
 */
public record MolNetData<D extends LabelledData<D>>(DataSource source, List<String> tasks, FeaturizerSpec featurizer,
                                                    DatasetSplit<D> split, List<Transformer> transformers,
                                                    List<RowError> errors) {
    public MolNetData {
        tasks = List.copyOf(tasks);
        transformers = List.copyOf(transformers);
        errors = List.copyOf(errors);
    }

    /** The training part. */
    public D train() {
        return split.train();
    }

    /** The validation part. */
    public D valid() {
        return split.valid();
    }

    /** The test part. */
    public D test() {
        return split.test();
    }
}
