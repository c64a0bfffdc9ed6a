package io.chemdl4j.moleculenet.load;

import java.util.List;

import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * What a loader produced: the rows it could use, and every row it could not, with the reason.
 *
 * @param dataset  the usable rows, in file order
 * @param errors   the rejected rows, in file order
 * @param rowsRead data rows in the file
 * @param <D>      the dataset type (feature rows, molecular graphs, ...)
 */
public record LoadedData<D extends LabelledData<D>>(D dataset, List<RowError> errors, int rowsRead) {
    public LoadedData {
        errors = List.copyOf(errors);
    }
}
