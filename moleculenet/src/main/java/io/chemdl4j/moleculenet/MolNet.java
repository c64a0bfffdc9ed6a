package io.chemdl4j.moleculenet;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chemdl4j.featurize.RowError;

/**
 * Loads MoleculeNet datasets the way DeepChem's {@code dc.molnet.load_*} functions do: locate (or
 * download) the file, featurize, split, then fit the default transformers on the training split
 * and apply them to all three (balancing weights for classification, label normalization for
 * regression).
 */
public final class MolNet {
    private static final Logger LOG = LoggerFactory.getLogger(MolNet.class);

    private MolNet() {
    }

    /** Loads {@code dataset} with {@code options}. */
    public static MolNetData load(MolNetDataset dataset, LoadOptions options) {
        Path file = DataFiles.locate(dataset.fileName(), dataset.url(), options.dataDirectory());
        LoadedData loaded = new DatasetLoader(dataset.columnSpec(), options.featurizer(), options.threads()).load(file);
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
        return new MolNetData(dataset, dataset.tasks(), options.featurizer().spec(), split, transformers,
                loaded.errors());
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
