package io.chemdl4j.models;

import java.nio.file.Path;
import java.util.Objects;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;

/**
 * Which labelled molecules to load for a model and how: what {@link ModelInput#load} reads.
 *
 * @param source        catalog dataset or the user's file with its columns and task type
 * @param featurizer    how molecules become inputs; {@code null} for the input's default
 * @param splitter      how to split
 * @param seed          seed of the split
 * @param fractions     train/valid/test fractions
 * @param dataDirectory where catalog files are looked for first, or {@code null} for {@code $CHEMDL_DATA_DIR}
 */
public record DataRequest(DataSource source, FeaturizerSpec featurizer, SplitterType splitter, long seed,
                          SplitFractions fractions, Path dataDirectory) {
    public DataRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(fractions, "fractions");
    }

    /** The featurizer, or {@code fallback} when none is named. */
    public FeaturizerSpec featurizerOr(FeaturizerSpec fallback) {
        return featurizer != null ? featurizer : fallback;
    }
}
