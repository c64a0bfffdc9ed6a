package io.chemdl4j.moleculenet.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;

/**
 * Where a dataset to train on comes from: an entry of the MoleculeNet catalog, or any molecule file
 * (CSV/TSV, SDF, {@code .smi}, gzipped or not) with its columns and task type.
 */
public sealed interface DataSource permits DataSource.Catalog, DataSource.File {

    /** A short name for reports and cache entries, e.g. {@code tox21} or the file's name. */
    String name();

    /** Whether the labels are binary classes, classes 0..K-1 or values. */
    TaskType taskType();

    /**
     * The metric a model on this data is judged by, as a metric id: the catalog's (MoleculeNet's
     * recommendation); for a file, {@code roc_auc} for classification (macro-averaged over classes for
     * multiclass) and {@code rmse} for regression.
     */
    String metric();

    /**
     * Task name → the units of its labels (what plots write on their axes), for the tasks whose units
     * are known.
     */
    Map<String, String> units();

    /** A catalog dataset. */
    static DataSource of(MolNetDataset dataset) {
        return new Catalog(dataset);
    }

    /** A catalog entry: located, downloaded and verified as the published file. */
    record Catalog(MolNetDataset dataset) implements DataSource {
        public Catalog {
            Objects.requireNonNull(dataset, "dataset");
        }

        @Override
        public String name() {
            return dataset.id();
        }

        @Override
        public TaskType taskType() {
            return dataset.taskType();
        }

        @Override
        public String metric() {
            return dataset.metric();
        }

        /** Every task in the catalog's units; the tasks of SIDER (read from its header) have none. */
        @Override
        public Map<String, String> units() {
            Map<String, String> units = new LinkedHashMap<>();
            if (!dataset.units().isEmpty()) {
                dataset.tasks().forEach(t -> units.put(t, dataset.units()));
            }
            return units;
        }
    }

    /**
     * The user's own file.
     *
     * @param path     the molecule file
     * @param columns  which columns (SD properties for SDF) hold the SMILES, the labels and the ids
     * @param taskType whether the labels are 0/1 classes, classes 0..K-1 or continuous values
     */
    record File(Path path, ColumnSpec columns, TaskType taskType) implements DataSource {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(columns, "columns");
            Objects.requireNonNull(taskType, "taskType");
            if (columns.taskColumns().isEmpty()) {
                throw new IllegalArgumentException("name at least one task column of " + path);
            }
        }

        /** None: a file does not say its units (the command line's {@code --units} gives them to plots). */
        @Override
        public Map<String, String> units() {
            return Map.of();
        }

        /** The file's name without directories and compression/format extensions, e.g. {@code assay}. */
        @Override
        public String name() {
            String n = path.getFileName().toString();
            if (n.toLowerCase(Locale.ROOT).endsWith(".gz")) {
                n = n.substring(0, n.length() - 3);
            }
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }

        @Override
        public String metric() {
            return taskType.isClassification() ? "roc_auc" : "rmse";
        }
    }
}
