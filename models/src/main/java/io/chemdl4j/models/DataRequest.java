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
 * @param splitFile     a split file giving every molecule its part, in place of the splitter, or {@code null}
 * @param splitsOut     where to write the split used, or {@code null}
 */
public record DataRequest(DataSource source, FeaturizerSpec featurizer, SplitterType splitter, long seed,
                          SplitFractions fractions, Path dataDirectory, Path splitFile, Path splitsOut) {
    public DataRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(fractions, "fractions");
    }

    /** A request split by {@code splitter}, writing no split file. */
    public DataRequest(DataSource source, FeaturizerSpec featurizer, SplitterType splitter, long seed,
                       SplitFractions fractions, Path dataDirectory) {
        this(source, featurizer, splitter, seed, fractions, dataDirectory, null, null);
    }

    /** The load options of this request for {@code featurizer} on {@code threads} threads. */
    public io.chemdl4j.moleculenet.load.LoadOptions loadOptions(io.chemdl4j.featurize.VectorFeaturizer featurizer,
                                                                int threads) {
        return new io.chemdl4j.moleculenet.load.LoadOptions(featurizer, splitter, seed, fractions, dataDirectory,
                threads, true, splitFile, splitsOut);
    }

    /** The featurizer, or {@code fallback} when none is named. */
    public FeaturizerSpec featurizerOr(FeaturizerSpec fallback) {
        return featurizer != null ? featurizer : fallback;
    }
}
