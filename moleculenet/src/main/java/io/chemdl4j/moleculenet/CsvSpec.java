package io.chemdl4j.moleculenet;

import java.util.List;
import java.util.Objects;

/**
 * Which columns of a CSV file hold what.
 *
 * @param smilesColumn header of the SMILES column
 * @param taskColumns  headers of the label columns, in task order (empty fields are missing labels)
 * @param idColumn     header of the id column, or {@code null} to use the SMILES as id
 */
public record CsvSpec(String smilesColumn, List<String> taskColumns, String idColumn) {
    public CsvSpec {
        Objects.requireNonNull(smilesColumn, "smilesColumn");
        taskColumns = List.copyOf(taskColumns);
    }
}
