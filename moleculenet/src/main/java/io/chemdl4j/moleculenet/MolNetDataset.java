package io.chemdl4j.moleculenet;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The MoleculeNet datasets this toolkit knows: where to get each, which columns hold what, and how
 * DeepChem's {@code dc.molnet.load_*} prepares it by default.
 */
public enum MolNetDataset {
    /** Tox21: 12 toxicity assays, binary, many missing labels (DeepChem's {@code load_tox21}). */
    TOX21("tox21", "tox21.csv.gz", "smiles", "mol_id", TaskType.CLASSIFICATION, List.of(
            "NR-AR", "NR-AR-LBD", "NR-AhR", "NR-Aromatase", "NR-ER", "NR-ER-LBD", "NR-PPAR-gamma",
            "SR-ARE", "SR-ATAD5", "SR-HSE", "SR-MMP", "SR-p53")),
    /** Delaney (ESOL): measured aqueous solubility, log mol/L (DeepChem's {@code load_delaney}). */
    DELANEY("delaney", "delaney-processed.csv", "smiles", "Compound ID", TaskType.REGRESSION,
            List.of("measured log solubility in mols per litre"));

    private static final String DEEPCHEM_DATASETS = "https://deepchemdata.s3-us-west-1.amazonaws.com/datasets/";

    private final String id;
    private final String fileName;
    private final String smilesColumn;
    private final String idColumn;
    private final TaskType taskType;
    private final List<String> tasks;

    MolNetDataset(String id, String fileName, String smilesColumn, String idColumn, TaskType taskType,
                  List<String> tasks) {
        this.id = id;
        this.fileName = fileName;
        this.smilesColumn = smilesColumn;
        this.idColumn = idColumn;
        this.taskType = taskType;
        this.tasks = tasks;
    }

    /** Name used on the command line and in saved models, e.g. {@code "tox21"}. */
    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    /** Public download address (DeepChem's dataset bucket). */
    public URI url() {
        return URI.create(DEEPCHEM_DATASETS + fileName);
    }

    public TaskType taskType() {
        return taskType;
    }

    public List<String> tasks() {
        return tasks;
    }

    /** Column layout of the published file. */
    public ColumnSpec columnSpec() {
        return new ColumnSpec(smilesColumn, tasks, idColumn);
    }

    /**
     * The dataset with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known ids
     */
    public static MolNetDataset byId(String id) {
        for (MolNetDataset d : values()) {
            if (d.id.equalsIgnoreCase(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "'; known: "
                + Arrays.stream(values()).map(MolNetDataset::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
