package io.chemdl4j.moleculenet.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.DatasetSplit;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.load.LoadedData;
import io.chemdl4j.moleculenet.split.SplitFile;
import io.chemdl4j.moleculenet.store.FeatureKind;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Loads MoleculeNet datasets the way DeepChem's {@code dc.molnet.load_*} functions do: locate (or
 * download) the file and check it is the published one, featurize it (or reuse the featurization
 * cache), split, then fit the default transformers on the training split and apply them to all
 * three (balancing weights for classification, label normalization for regression).
 */
public final class MolNet {
    private static final Logger LOG = LoggerFactory.getLogger(MolNet.class);

    private MolNet() {
    }

    /** Loads {@code dataset} as feature rows with {@code options}, through the standard featurization cache. */
    public static MolNetData<Dataset> load(MolNetDataset dataset, LoadOptions options) {
        return load(DataSource.of(dataset), options, FeaturizationCache.standard(), null);
    }

    /** Loads {@code dataset} as feature rows with {@code options}, through {@code cache}. */
    public static MolNetData<Dataset> load(MolNetDataset dataset, LoadOptions options, FeaturizationCache cache) {
        return load(DataSource.of(dataset), options, cache, null);
    }

    /**
     * Loads a catalog dataset or the user's own file as feature rows of the options' featurizer: {@link
     * #load(DataSource, LoadOptions, MoleculeFeaturizer, FeatureKind, FeaturizationCache,
     * StreamingFeaturizer.ProgressListener)} with {@link FeatureKind#ROWS}.
     */
    public static MolNetData<Dataset> load(DataSource source, LoadOptions options, FeaturizationCache cache,
                                           StreamingFeaturizer.ProgressListener progress) {
        return load(source, options, options.featurizer(), FeatureKind.ROWS, cache, progress);
    }

    /**
     * Loads a catalog dataset or the user's own file as molecular graphs made by {@code featurizer}, through the
     * standard featurization cache (DeepChem's {@code load_*(featurizer='GraphConv')}): {@link
     * #load(DataSource, LoadOptions, MoleculeFeaturizer, FeatureKind, FeaturizationCache,
     * StreamingFeaturizer.ProgressListener)} with {@link FeatureKind#GRAPHS}.
     */
    public static MolNetData<GraphDataset> loadGraphs(DataSource source, LoadOptions options,
                                                      MoleculeFeaturizer<MolecularGraph> featurizer) {
        return load(source, options, featurizer, FeatureKind.GRAPHS, FeaturizationCache.standard(), null);
    }

    /**
     * Loads a catalog dataset or the user's own file as DeepChem's loaders do: featurize with {@code featurizer}
     * into a dataset of {@code kind} (feature rows, or molecular graphs as DeepChem's
     * {@code load_*(featurizer='GraphConv')}) through {@code cache}, split, fit the default transformers on the
     * training split and apply them to all three. The options' own featurizer is not used.
     *
     * @param progress told the rows featurized so far (not called when the cache is used), or {@code null}
     * @throws InvalidDataException naming the file and what is wrong with it (missing, not the
     *                              published file, a named column absent, no readable molecule)
     */
    public static <F, D extends LabelledData<D>> MolNetData<D> load(DataSource source, LoadOptions options,
                                                                    MoleculeFeaturizer<F> featurizer,
                                                                    FeatureKind<F, D> kind, FeaturizationCache cache,
                                                                    StreamingFeaturizer.ProgressListener progress) {
        Located located = locate(source, options);
        Path file = located.file();
        String sha256 = located.sha256() != null ? located.sha256() : FeaturizationCache.sha256(file);
        FeaturizationCache.Result<D> result = cache.load(cacheName(source.name()), file, sha256, located.columns(),
                featurizer, kind, options.threads(), options.reload(), progress);
        LoadedData<D> loaded = result.data();
        D all = loaded.dataset();
        LOG.info("{}: {} molecules as {}{}", source.name(), all.size(), kind,
                result.fromCache() ? " from the featurization cache " + result.entry() : "");
        for (RowError e : loaded.errors()) {
            LOG.warn("Skipped {}", e);
        }
        Dataset labels = all.labelData();
        checkUsable(file, source.taskType(), labels, loaded.rowsRead(), loaded.errors());
        int[][] parts = splitIndices(labels, loaded.errors(), loaded.rowsRead(), options);
        DatasetSplit<D> raw = DatasetSplit.of(all.select(parts[0]), all.select(parts[1]), all.select(parts[2]));
        List<Transformer> transformers = defaultTransformers(source, raw.train().labelData());
        return new MolNetData<>(source, located.columns().taskColumns(), featurizer.spec(), raw.transform(transformers),
                transformers, loaded.errors());
    }

    /**
     * The parts of {@code data}: from the options' split file when there is one, else from their splitter; written
     * to their split output when there is one.
     */
    private static int[][] splitIndices(Dataset data, List<RowError> errors, long rowsRead, LoadOptions options) {
        long[] rows = options.splitFile() != null || options.splitsOut() != null
                ? SplitFile.dataRows(data.size(), errors, rowsRead) : null;
        int[][] parts = options.splitFile() != null ? SplitFile.assign(options.splitFile(), rows, data.ids())
                : options.splitter().create(options.seed()).splitIndices(data, options.fractions());
        if (options.splitsOut() != null) {
            try {
                SplitFile.write(options.splitsOut(), rows, data.ids(), parts);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(options.splitsOut() + ": cannot be written: " + e.getMessage(), e);
            }
        }
        return parts;
    }

    /** A source's file, its columns and, for a catalog file (checked by it), its SHA-256; else {@code null}. */
    private record Located(Path file, String sha256, ColumnSpec columns) {
    }

    private static Located locate(DataSource source, LoadOptions options) {
        if (source instanceof DataSource.Catalog catalog) {
            MolNetDataset dataset = catalog.dataset();
            Path file = DataFiles.locate(dataset.fileName(), dataset.url(), options.dataDirectory());
            String sha256 = FeaturizationCache.sha256(file);
            return new Located(file, sha256, dataset.columnSpec(verify(dataset, file, sha256)));
        }
        DataSource.File own = (DataSource.File) source;
        if (!Files.isRegularFile(own.path())) {
            throw new InvalidDataException(own.path() + ": no such file");
        }
        return new Located(own.path(), null, own.columns());
    }

    /**
     * Balancing weights for binary classification, normalized labels for regression, fitted on {@code train};
     * none for multiclass labels (chemprop's choice: its multiclass loss is not class-weighted).
     */
    private static List<Transformer> defaultTransformers(DataSource source, Dataset train) {
        return switch (source.taskType()) {
            case CLASSIFICATION -> List.of(BalancingTransformer.fit(train));
            case REGRESSION -> List.of(NormalizationTransformer.fit(train));
            case MULTICLASS -> List.of();
        };
    }

    private static void checkUsable(Path file, TaskType type, Dataset data, int rowsRead, List<RowError> errors) {
        if (data.size() < 3) {
            throw new InvalidDataException(file + ": " + data.size() + " usable molecule(s) of " + rowsRead
                    + " rows; at least 3 are needed to train, validate and test"
                    + (errors.isEmpty() ? "" : " (first error: " + errors.get(0) + ")"));
        }
        checkLabels(file, type, data);
    }

    /**
     * Class labels must be 0 or 1 (classification) or whole numbers 0..K-1 (multiclass) where present: a
     * regression column named by mistake fails here, by name.
     */
    private static void checkLabels(Path file, TaskType type, Dataset data) {
        if (type == TaskType.REGRESSION) {
            return;
        }
        for (int i = 0; i < data.size(); i++) {
            for (int t = 0; t < data.taskCount(); t++) {
                double y = data.label(i, t);
                if (data.weight(i, t) == 0) {
                    continue;
                }
                if (type == TaskType.CLASSIFICATION && y != 0 && y != 1) {
                    throw new InvalidDataException(file + ": task '" + data.tasks().get(t) + "' has the label " + y
                            + " (molecule " + data.id(i) + "); classification needs 0/1 labels; use multiclass for "
                            + "classes 0..K-1, or regression");
                }
                if (type == TaskType.MULTICLASS && (y != Math.rint(y) || y < 0 || y >= TaskType.MAX_CLASSES)) {
                    throw new InvalidDataException(file + ": task '" + data.tasks().get(t) + "' has the label " + y
                            + " (molecule " + data.id(i) + "); multiclass needs class numbers 0, 1, 2, … below "
                            + TaskType.MAX_CLASSES + ", or use regression");
                }
            }
        }
    }

    /** A directory-safe cache prefix. */
    private static String cacheName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Checks that {@code file} is the published file: by SHA-256 where the catalog knows it, else by
     * its header (the SMILES column and every task column present). Returns the task names.
     *
     * @throws InvalidDataException saying what differs and what to do
     */
    static List<String> verify(MolNetDataset dataset, Path file, String sha256) {
        if (dataset.sha256() != null && !dataset.sha256().equals(sha256)) {
            throw new InvalidDataException(file + ": SHA-256 " + sha256 + " is not that of the published "
                    + dataset.id() + " file (" + dataset.sha256() + "); it is truncated, modified or another "
                    + "version. Delete it to download " + dataset.url() + " again.");
        }
        List<String> header;
        try (MoleculeReader reader = MoleculeReader.open(file, dataset.smilesColumn())) {
            header = reader.columns();
        } catch (InputFileException e) {
            throw new InvalidDataException(e.getMessage() + " (expected the published " + dataset.id() + " file)", e);
        } catch (java.io.IOException e) {
            throw new InvalidDataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<String> tasks = dataset.tasksOf(header);
        for (String task : tasks) {
            if (!header.contains(task)) {
                throw new InvalidDataException(file + ": no column '" + task + "'; this is not the published "
                        + dataset.id() + " file (its header is " + header + ")");
            }
        }
        return tasks;
    }

    /** Tox21 with {@code options} (DeepChem's {@code load_tox21}). */
    public static MolNetData<Dataset> loadTox21(LoadOptions options) {
        return load(MolNetDataset.TOX21, options);
    }

    /** Delaney/ESOL with {@code options} (DeepChem's {@code load_delaney}). */
    public static MolNetData<Dataset> loadDelaney(LoadOptions options) {
        return load(MolNetDataset.DELANEY, options);
    }
}
