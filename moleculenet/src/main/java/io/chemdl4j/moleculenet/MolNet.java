package io.chemdl4j.moleculenet;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chemdl4j.featurize.RowError;
import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.featurize.io.MoleculeReader;

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

    /** Loads {@code dataset} with {@code options}, through the standard featurization cache. */
    public static MolNetData load(MolNetDataset dataset, LoadOptions options) {
        return load(dataset, options, FeaturizationCache.standard());
    }

    /** Loads {@code dataset} with {@code options}, through {@code cache}. */
    public static MolNetData load(MolNetDataset dataset, LoadOptions options, FeaturizationCache cache) {
        Path file = DataFiles.locate(dataset.fileName(), dataset.url(), options.dataDirectory());
        String sha256 = FeaturizationCache.sha256(file);
        List<String> tasks = verify(dataset, file, sha256);
        FeaturizationCache.Result result = cache.load(dataset.id(), file, sha256, dataset.columnSpec(tasks),
                options.featurizer(), options.threads(), options.reload());
        LoadedData loaded = result.data();
        LOG.info("{}: {} molecules{}", dataset.id(), loaded.dataset().size(),
                result.fromCache() ? " from the featurization cache " + result.entry() : "");
        for (RowError e : loaded.errors()) {
            LOG.warn("Skipped {}", e);
        }
        DatasetSplit raw = options.splitter().create(options.seed()).split(loaded.dataset(), options.fractions());
        Transformer transformer = dataset.taskType() == TaskType.CLASSIFICATION
                ? BalancingTransformer.fit(raw.train())
                : NormalizationTransformer.fit(raw.train());
        List<Transformer> transformers = List.of(transformer);
        DatasetSplit split = new DatasetSplit(Transformer.transformAll(raw.train(), transformers),
                Transformer.transformAll(raw.valid(), transformers), Transformer.transformAll(raw.test(), transformers));
        return new MolNetData(dataset, tasks, options.featurizer().spec(), split, transformers, loaded.errors());
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
    public static MolNetData loadTox21(LoadOptions options) {
        return load(MolNetDataset.TOX21, options);
    }

    /** Delaney/ESOL with {@code options} (DeepChem's {@code load_delaney}). */
    public static MolNetData loadDelaney(LoadOptions options) {
        return load(MolNetDataset.DELANEY, options);
    }
}
