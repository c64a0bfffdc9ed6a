package io.chemdl4j.cli;

import java.nio.file.Path;

import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Labelled molecules for a saved model (a picocli argument group): a catalog dataset, or the user's file whose label
 * columns are named as the model's tasks. What {@code evaluate} scores and {@code calibrate} calibrates on.
 */
final class LabelledDataOptions {
    @Option(names = "--dataset", required = true, converter = Converters.Dataset.class,
            description = "Catalog dataset (see chemdl datasets).")
    MolNetDataset dataset;

    @ArgGroup(exclusive = false)
    FileData file;

    /** The user's labelled file. */
    static final class FileData {
        @Option(names = {"--input", "--csv"}, required = true,
                description = "Labelled molecule file (CSV/TSV, SDF or .smi, optionally .gz) with a column per model task.")
        Path input;

        @Option(names = "--smiles-column", defaultValue = "smiles", description = "SMILES column (default smiles).")
        String smilesColumn;
    }

    /** The data source: the catalog dataset, or the file read with the model's tasks and task type. */
    DataSource source(SavedModel model) {
        return dataset != null ? DataSource.of(dataset)
                : new DataSource.File(file.input, new ColumnSpec(file.smilesColumn, model.model().tasks(), null),
                        model.model().taskType());
    }

    /** The SMILES column of the file, or {@code smiles} for a catalog dataset. */
    String smilesColumn() {
        return file != null ? file.smilesColumn : "smiles";
    }
}
