package io.chemdl4j.moleculenet.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.split.SplitterType;

/**
 * The MoleculeNet catalog: where each dataset is published, which columns hold what, and how
 * MoleculeNet evaluates it (Wu et al. 2018: task names, recommended metric and split). Files come
 * from DeepChem's public dataset bucket (AqSolDB from the dmol-book repository); a SHA-256 is known
 * for the files this project has checked, and every other file is checked by its header.
 *
 * <p>As in DeepChem's loaders, molecules are identified by their SMILES (what the scaffold splitter
 * groups).
 */
public enum MolNetDataset {
    /** Tox21: 12 toxicity assays, binary, many missing labels. */
    TOX21("tox21", "tox21.csv.gz", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.CLASSIFICATION, List.of(
            "NR-AR", "NR-AR-LBD", "NR-AhR", "NR-Aromatase", "NR-ER", "NR-ER-LBD", "NR-PPAR-gamma",
            "SR-ARE", "SR-ATAD5", "SR-HSE", "SR-MMP", "SR-p53"), "roc_auc", SplitterType.RANDOM, 8014,
            "48b34e4e59a2bae6f95734cd206c1869ab355f50a5e50bb7371a21f861d5e297"),
    /** Delaney (ESOL): measured aqueous solubility, log mol/L. */
    DELANEY("delaney", "delaney-processed.csv", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.REGRESSION,
            List.of("measured log solubility in mols per litre"), "rmse", SplitterType.RANDOM, 1128,
            "8c06a76f0c6487d29ab0f903e6a7a7139f189ab3c1178f159c8be8964602f189", "log mol/L"),
    /** FreeSolv: experimental hydration free energy, kcal/mol. */
    FREESOLV("freesolv", "SAMPL.csv", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.REGRESSION, List.of("expt"),
            "rmse", SplitterType.RANDOM, 642, null, "kcal/mol"),
    /** Lipophilicity: octanol/water distribution coefficient (logD at pH 7.4). */
    LIPO("lipo", "Lipophilicity.csv", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.REGRESSION, List.of("exp"),
            "rmse", SplitterType.RANDOM, 4200, null, "logD at pH 7.4"),
    /** BBBP: blood-brain barrier penetration, binary. */
    BBBP("bbbp", "BBBP.csv", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.CLASSIFICATION, List.of("p_np"),
            "roc_auc", SplitterType.SCAFFOLD, 2050, null),
    /** ClinTox: FDA approval and clinical-trial toxicity, binary. */
    CLINTOX("clintox", "clintox.csv.gz", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.CLASSIFICATION,
            List.of("FDA_APPROVED", "CT_TOX"), "roc_auc", SplitterType.RANDOM, 1484, null),
    /** SIDER: 27 side-effect organ classes, binary (every column but the SMILES is a task). */
    SIDER("sider", "sider.csv.gz", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.CLASSIFICATION, List.of(),
            "roc_auc", SplitterType.RANDOM, 1427, null),
    /** HIV: inhibition of HIV replication, binary. */
    HIV("hiv", "HIV.csv", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.CLASSIFICATION, List.of("HIV_active"),
            "roc_auc", SplitterType.SCAFFOLD, 41127, null),
    /** BACE: inhibitors of human β-secretase 1, binary ({@code Class}). */
    BACE("bace", "bace.csv", Urls.DEEPCHEM_BUCKET, "mol", TaskType.CLASSIFICATION, List.of("Class"),
            "roc_auc", SplitterType.SCAFFOLD, 1513, null),
    /** MUV: 17 virtual-screening targets, binary, very few actives. */
    MUV("muv", "muv.csv.gz", Urls.DEEPCHEM_BUCKET, "smiles", TaskType.CLASSIFICATION, List.of(
            "MUV-466", "MUV-548", "MUV-600", "MUV-644", "MUV-652", "MUV-689", "MUV-692", "MUV-712",
            "MUV-713", "MUV-733", "MUV-737", "MUV-810", "MUV-832", "MUV-846", "MUV-852", "MUV-858",
            "MUV-859"), "prc_auc", SplitterType.RANDOM, 93127,
            "93c8b4a37c5996c76e57d5f3f065fb8b7cf1c19067011eff2293fd2a94ce274a"),
    /** AqSolDB (Sorkun et al. 2019): curated aqueous solubility, log mol/L; not part of MoleculeNet. */
    AQSOLDB("aqsoldb", "curated-solubility-dataset.csv",
            "https://github.com/whitead/dmol-book/raw/main/data/", "SMILES", TaskType.REGRESSION,
            List.of("Solubility"), "rmse", SplitterType.RANDOM, 9982,
            "7c47e021d03a5720f53cfddb7aef90c8911ea276a36306c839798733d8630332", "log mol/L");

    /** Holder: enum constants cannot refer to the enum's own static fields. */
    private static final class Urls {
        static final String DEEPCHEM_BUCKET = "https://deepchemdata.s3-us-west-1.amazonaws.com/datasets/";
    }

    private final String id;
    private final String fileName;
    private final String baseUrl;
    private final String smilesColumn;
    private final TaskType taskType;
    private final List<String> tasks;
    private final String metric;
    private final SplitterType split;
    private final int publishedSize;
    private final String sha256;
    private final String units;

    MolNetDataset(String id, String fileName, String baseUrl, String smilesColumn, TaskType taskType,
                  List<String> tasks, String metric, SplitterType split, int publishedSize, String sha256) {
        this(id, fileName, baseUrl, smilesColumn, taskType, tasks, metric, split, publishedSize, sha256, "");
    }

    MolNetDataset(String id, String fileName, String baseUrl, String smilesColumn, TaskType taskType,
                  List<String> tasks, String metric, SplitterType split, int publishedSize, String sha256,
                  String units) {
        this.id = id;
        this.fileName = fileName;
        this.baseUrl = baseUrl;
        this.smilesColumn = smilesColumn;
        this.taskType = taskType;
        this.tasks = tasks;
        this.metric = metric;
        this.split = split;
        this.publishedSize = publishedSize;
        this.sha256 = sha256;
        this.units = units;
    }

    /**
     * The units of the labels of every task (what plots write on their axes), e.g. {@code log mol/L};
     * empty for classification sets, whose labels are classes.
     */
    public String units() {
        return units;
    }

    /** Name used on the command line and in saved models, e.g. {@code "tox21"}. */
    public String id() {
        return id;
    }

    /** The file's name, as published. */
    public String fileName() {
        return fileName;
    }

    /** Public download address. */
    public URI url() {
        return URI.create(baseUrl + fileName);
    }

    /** Whether its labels are classes or values. */
    public TaskType taskType() {
        return taskType;
    }

    /** Header of its SMILES column. */
    public String smilesColumn() {
        return smilesColumn;
    }

    /**
     * MoleculeNet's task names; empty when every column but the SMILES is a task (SIDER), in which
     * case {@link #tasksOf(List)} reads them from the file's header.
     */
    public List<String> tasks() {
        return tasks;
    }

    /** The tasks of a file with this header. */
    public List<String> tasksOf(List<String> header) {
        if (!tasks.isEmpty()) {
            return tasks;
        }
        List<String> all = new ArrayList<>(header);
        all.remove(smilesColumn);
        return all;
    }

    /** MoleculeNet's recommended metric, as the models' metric id ({@code roc_auc}, {@code prc_auc}, {@code rmse}). */
    public String metric() {
        return metric;
    }

    /** MoleculeNet's recommended split. */
    public SplitterType defaultSplit() {
        return split;
    }

    /** Number of molecules in the published file. */
    public int publishedSize() {
        return publishedSize;
    }

    /** SHA-256 of the published file, or {@code null} where it is checked by its header only. */
    public String sha256() {
        return sha256;
    }

    /** Column layout for the given tasks (molecules identified by their SMILES). */
    public ColumnSpec columnSpec(List<String> taskColumns) {
        return new ColumnSpec(smilesColumn, taskColumns, null);
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
