package io.chemdl4j.moleculenet.load;

import java.util.List;
import java.util.Objects;

/**
 * Which columns of an input file hold what (CSV/TSV columns, or SD properties of an SDF file).
 *
 * @param smilesColumn header of the SMILES column
 * @param taskColumns  headers of the label columns, in task order (empty fields are missing labels)
 * @param idColumn     header of the id column, or {@code null} to use the SMILES as id
 */
public record ColumnSpec(String smilesColumn, List<String> taskColumns, String idColumn) {
    public ColumnSpec {
        Objects.requireNonNull(smilesColumn, "smilesColumn");
        taskColumns = List.copyOf(taskColumns);
    }
}
