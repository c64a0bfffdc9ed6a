package io.chemdl4j.moleculenet.load;

import java.util.List;

import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.moleculenet.GraphDataset;

/**
 * What a graph load produced: the molecules it could use, as graphs with labels, and every row it
 * could not, with the reason.
 *
 * @param dataset  the usable rows, in file order
 * @param errors   the rejected rows, in file order
 * @param rowsRead data rows in the file
 */
public record LoadedGraphs(GraphDataset dataset, List<RowError> errors, int rowsRead) {
    public LoadedGraphs {
        errors = List.copyOf(errors);
    }
}
