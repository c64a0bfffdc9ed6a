package io.chemdl4j.featurize.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import io.chemdl4j.featurize.AtomicFiles;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.MolecularGraph;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.VectorFeaturizer;

/**
 * Featurizes one input file into a CSV file (what {@code chemdl featurize} runs): streams the
 * input, uses every thread, keeps input order, writes the output and the error list atomically.
 */
public final class FeaturizeJob {

    /**
     * What to featurize and how.
     *
     * @param input        SMILES/CSV/TSV/SDF file, optionally gzipped
     * @param smilesColumn SMILES column of a CSV/TSV input
     * @param featurizer   the featurizer's spec
     * @param layout       how vector features are written (ignored for graphs)
     * @param output       the output CSV
     * @param errors       where failed rows are listed ({@code row,smiles,reason}); null: not written
     * @param fragments    what to do with salts and mixtures
     * @param threads      worker threads
     * @param limits       molecules past these are error rows; null: {@link MoleculeLimits#defaults()}
     * @param encoding     the input's text encoding; null: UTF-8
     * @param keep         the input columns written beside the features; null: {@link PassThrough#all()}
     */
    public record Config(Path input, String smilesColumn, FeaturizerSpec featurizer, FeatureCsvWriter.Layout layout,
                         Path output, Path errors, FragmentPolicy fragments, int threads, MoleculeLimits limits,
                         java.nio.charset.Charset encoding, PassThrough keep) {
        /** A configuration keeping every input column. */
        public Config(Path input, String smilesColumn, FeaturizerSpec featurizer, FeatureCsvWriter.Layout layout,
                      Path output, Path errors, FragmentPolicy fragments, int threads, MoleculeLimits limits,
                      java.nio.charset.Charset encoding) {
            this(input, smilesColumn, featurizer, layout, output, errors, fragments, threads, limits, encoding, null);
        }

        public Config {
            keep = keep == null ? PassThrough.all() : keep;
            encoding = encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : encoding;
            limits = limits == null ? MoleculeLimits.defaults() : limits;
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(featurizer, "featurizer");
            smilesColumn = smilesColumn == null ? "smiles" : smilesColumn;
            layout = layout == null ? FeatureCsvWriter.Layout.COLUMNS : layout;
            fragments = fragments == null ? FragmentPolicy.KEEP_ALL : fragments;
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }
    }

    /**
     * A featurizer spec from the usual command-line choices: {@code ecfp}/{@code fcfp}/{@code morgan}
     * take radius, size and counts; {@code descriptors}, {@code cdk-descriptors}, {@code maccs} and
     * {@code graph} take none.
     */
    public static FeaturizerSpec spec(String name, int radius, int size, boolean counts, boolean chirality) {
        return switch (name) {
            case "ecfp", "fcfp", "morgan" -> new FeaturizerSpec(name, Map.of("radius", Integer.toString(radius),
                    "length", Integer.toString(size), "counts", Boolean.toString(counts),
                    "chirality", Boolean.toString(chirality)));
            default -> {
                if (!Featurizers.allNames().contains(name)) {
                    throw new IllegalArgumentException("unknown featurizer '" + name + "'; known: "
                            + Featurizers.allNames());
                }
                yield new FeaturizerSpec(name, Map.of());
            }
        };
    }

    private FeaturizeJob() {
    }

    /** Runs the job; {@code progress} may be null. */
    public static StreamingFeaturizer.Summary run(Config config, StreamingFeaturizer.ProgressListener progress)
            throws InputFileException, IOException {
        MoleculeFeaturizer<?> featurizer = Featurizers.createAny(config.featurizer());
        StreamingFeaturizer.Summary[] summary = new StreamingFeaturizer.Summary[1];
        try (MoleculeReader reader = MoleculeReader.open(config.input(), config.smilesColumn(), config.encoding())) {
            PassThrough.Columns kept = config.keep().resolve(reader, featurizer instanceof VectorFeaturizer vf
                    ? FeatureCsvWriter.featureColumns(config.layout(), vf.featureNames())
                    : FeatureCsvWriter.graphColumns());
            // The error list is written while the output is; both appear only when the run completes.
            RowErrorList.write(config.errors(), errors -> writeOutput(featurizer, config, reader, kept, errors,
                    progress, summary));
        }
        return summary[0];
    }

    private static void writeOutput(MoleculeFeaturizer<?> featurizer, Config config, MoleculeReader reader,
                                    PassThrough.Columns kept, StreamingFeaturizer.ErrorSink errors,
                                    StreamingFeaturizer.ProgressListener progress,
                                    StreamingFeaturizer.Summary[] summary) throws IOException {
        AtomicFiles.write(config.output(), out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            summary[0] = write(featurizer, config, reader, kept, w, errors, progress);
            w.flush();
        });
    }

    @SuppressWarnings("unchecked")
    private static StreamingFeaturizer.Summary write(MoleculeFeaturizer<?> featurizer, Config config,
                                                     MoleculeReader reader, PassThrough.Columns kept, Writer out,
                                                     StreamingFeaturizer.ErrorSink errorSink,
                                                     StreamingFeaturizer.ProgressListener progress) throws IOException {
        if (featurizer instanceof VectorFeaturizer vf) {
            FeatureCsvWriter writer = FeatureCsvWriter.forVectors(out, config.layout(), vf.featureNames(), kept);
            StreamingFeaturizer<float[]> streaming = new StreamingFeaturizer<>(vf, config.fragments(), config.threads(), 4096)
                    .withLimits(config.limits());
            StreamingFeaturizer.Summary s = streaming.run(reader, writer::writeVector, errorSink, progress);
            writer.flush();
            return s;
        }
        FeatureCsvWriter writer = FeatureCsvWriter.forGraphs(out, kept);
        StreamingFeaturizer<MolecularGraph> streaming = new StreamingFeaturizer<>(
                (MoleculeFeaturizer<MolecularGraph>) featurizer, config.fragments(), config.threads(), 1024)
                .withLimits(config.limits());
        StreamingFeaturizer.Summary s = streaming.run(reader, writer::writeGraph, errorSink, progress);
        writer.flush();
        return s;
    }
}
