package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.VectorFeaturizer;

/**
 * Featurizes one input file into a CSV file (what {@code chemdl featurize} runs): streams the
 * input, uses every thread, keeps input order, commits the output and the error list chunk by chunk and moves
 * them into place when the run completes ({@link ResumableOutput}: a killed run can be resumed).
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

    /** Runs the job from its first row; {@code progress} may be null. */
    public static StreamingFeaturizer.Summary run(Config config, StreamingFeaturizer.ProgressListener progress)
            throws InputFileException, IOException {
        return run(config, progress, false);
    }

    /**
     * Runs the job; {@code progress} may be null. The output and error list are committed chunk by chunk
     * ({@link ResumableOutput}); with {@code resume}, a run of the same configuration over the same input that was
     * killed continues from its last commit, and the files come out byte-identical to those of an uninterrupted
     * run. The summary counts the rows of the interrupted run too.
     *
     * @throws InputFileException when the input cannot be read, another run writes the same output, or a resume
     *                            finds an interrupted run of other settings
     */
    public static StreamingFeaturizer.Summary run(Config config, StreamingFeaturizer.ProgressListener progress,
                                                  boolean resume) throws InputFileException, IOException {
        MoleculeFeaturizer<?> featurizer = Featurizers.createAny(config.featurizer());
        try (MoleculeReader reader = MoleculeReader.open(config.input(), config.smilesColumn(), config.encoding())) {
            PassThrough.Columns kept = config.keep().resolve(reader, featurizer instanceof VectorFeaturizer vf
                    ? FeatureCsvWriter.featureColumns(config.layout(), vf.featureNames())
                    : FeatureCsvWriter.graphColumns());
            try (ResumableOutput staged = ResumableOutput.open(config.output(), config.errors(), settings(config),
                    resume)) {
                ResumableOutput.Progress before = staged.start(reader, progress);
                RowErrorList.Sink errors = staged.errorSink();
                StreamingFeaturizer.ProgressListener committing = new StreamingFeaturizer.ProgressListener() {
                    private long chunks = before.chunks();

                    @Override
                    public void rowsDone(long rows) {
                        try {
                            staged.commit(new ResumableOutput.Progress(before.rows() + rows, errors.failed(), ++chunks),
                                    staged.errorsLength());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        if (progress != null) {
                            progress.rowsDone(before.rows() + rows);
                        }
                    }

                    @Override
                    public void bytesRead(long read, long size) {
                        if (progress != null) {
                            progress.bytesRead(read, size);
                        }
                    }
                };
                StreamingFeaturizer.Summary s;
                try {
                    s = write(featurizer, config, reader, kept, staged, errors, committing);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                staged.complete();
                return new StreamingFeaturizer.Summary(before.rows() + s.rows(), before.rows() + s.rows()
                        - errors.failed(), errors.failed(), s.damage());
            }
        }
    }

    /** What must be the same for a run to be continued: the input and every setting that shapes the output. */
    private static String settings(Config config) throws IOException {
        return String.join("\n", "featurize", ResumableOutput.inputIdentity(config.input()), config.smilesColumn(),
                config.featurizer().toString(), config.layout().name(), config.fragments().name(),
                config.limits().toString(), config.encoding().name(), config.keep().toString());
    }

    @SuppressWarnings("unchecked")
    private static StreamingFeaturizer.Summary write(MoleculeFeaturizer<?> featurizer, Config config,
                                                     MoleculeReader reader, PassThrough.Columns kept,
                                                     ResumableOutput staged, StreamingFeaturizer.ErrorSink errorSink,
                                                     StreamingFeaturizer.ProgressListener progress) throws IOException {
        Writer out = staged.output();
        boolean header = staged.resumedFrom() == null;
        if (featurizer instanceof VectorFeaturizer vf) {
            FeatureCsvWriter writer = FeatureCsvWriter.forVectors(out, config.layout(), vf.featureNames(), kept, header);
            StreamingFeaturizer<float[]> streaming = new StreamingFeaturizer<>(vf, config.fragments(), config.threads(), 4096)
                    .withLimits(config.limits());
            StreamingFeaturizer.Summary s = streaming.run(reader, writer::writeVector, errorSink, progress);
            writer.flush();
            return s;
        }
        FeatureCsvWriter writer = FeatureCsvWriter.forGraphs(out, kept, header);
        StreamingFeaturizer<MolecularGraph> streaming = new StreamingFeaturizer<>(
                (MoleculeFeaturizer<MolecularGraph>) featurizer, config.fragments(), config.threads(), 1024)
                .withLimits(config.limits());
        StreamingFeaturizer.Summary s = streaming.run(reader, writer::writeGraph, errorSink, progress);
        writer.flush();
        return s;
    }
}
