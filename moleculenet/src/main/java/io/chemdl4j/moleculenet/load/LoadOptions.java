package io.chemdl4j.moleculenet.load;

import java.nio.file.Path;
import java.util.Objects;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.moleculenet.split.SplitFractions;
import io.chemdl4j.moleculenet.split.SplitterType;

/**
 * How to load a catalog dataset (DeepChem's {@code load_*} arguments).
 *
 * @param featurizer    featurizer applied to every molecule
 * @param splitter      how to split
 * @param seed          seed of the random choices (random and stratified splitters)
 * @param fractions     train/valid/test fractions
 * @param dataDirectory directory to look in first, or {@code null} for {@code $CHEMDL_DATA_DIR}
 * @param threads       featurization threads
 * @param reload        reuse the featurization cache when it is valid (DeepChem's {@code reload=True});
 *                      {@code false} featurizes again and replaces the cache
 * @param splitFile     a {@link io.chemdl4j.moleculenet.split.SplitFile} giving each molecule its part, in place of
 *                      the splitter, or {@code null}
 * @param splitsOut     where to write the split used, as a split file, or {@code null}
 */
public record LoadOptions(VectorFeaturizer featurizer, SplitterType splitter, long seed, SplitFractions fractions,
                          Path dataDirectory, int threads, boolean reload, Path splitFile, Path splitsOut) {
    public LoadOptions {
        Objects.requireNonNull(featurizer, "featurizer");
        Objects.requireNonNull(splitter, "splitter");
        Objects.requireNonNull(fractions, "fractions");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** Options that split with the splitter and write no split file. */
    public LoadOptions(VectorFeaturizer featurizer, SplitterType splitter, long seed, SplitFractions fractions,
                       Path dataDirectory, int threads, boolean reload) {
        this(featurizer, splitter, seed, fractions, dataDirectory, threads, reload, null, null);
    }

    /** Options that reuse the featurization cache. */
    public LoadOptions(VectorFeaturizer featurizer, SplitterType splitter, long seed, SplitFractions fractions,
                       Path dataDirectory, int threads) {
        this(featurizer, splitter, seed, fractions, dataDirectory, threads, true);
    }

    /** DeepChem's defaults: ECFP4 1024 bits, random 80/10/10 split, every core, cache reused. */
    public static LoadOptions defaults(long seed) {
        return new LoadOptions(new EcfpFeaturizer(), SplitterType.RANDOM, seed, SplitFractions.defaults(), null,
                Runtime.getRuntime().availableProcessors(), true);
    }

    /** With featurizer {@code f}. */
    public LoadOptions withFeaturizer(VectorFeaturizer f) {
        return new LoadOptions(f, splitter, seed, fractions, dataDirectory, threads, reload, splitFile, splitsOut);
    }

    /** With splitter {@code s}. */
    public LoadOptions withSplitter(SplitterType s) {
        return new LoadOptions(featurizer, s, seed, fractions, dataDirectory, threads, reload, splitFile, splitsOut);
    }

    /** With train/valid/test fractions {@code f}. */
    public LoadOptions withFractions(SplitFractions f) {
        return new LoadOptions(featurizer, splitter, seed, f, dataDirectory, threads, reload, splitFile, splitsOut);
    }

    /** With {@code dir} searched first for dataset files. */
    public LoadOptions withDataDirectory(Path dir) {
        return new LoadOptions(featurizer, splitter, seed, fractions, dir, threads, reload, splitFile, splitsOut);
    }

    /** Parts read from a split file instead of made by the splitter ({@code null}: the splitter's). */
    public LoadOptions withSplitFile(Path file) {
        return new LoadOptions(featurizer, splitter, seed, fractions, dataDirectory, threads, reload, file, splitsOut);
    }

    /** The split used also written to {@code file} ({@code null}: not written). */
    public LoadOptions withSplitsOut(Path file) {
        return new LoadOptions(featurizer, splitter, seed, fractions, dataDirectory, threads, reload, splitFile, file);
    }

    /** Reusing a valid featurization cache when {@code r}, else featurizing again. */
    public LoadOptions withReload(boolean r) {
        return new LoadOptions(featurizer, splitter, seed, fractions, dataDirectory, threads, r, splitFile, splitsOut);
    }
}
