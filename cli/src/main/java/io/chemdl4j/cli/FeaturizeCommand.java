package io.chemdl4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.io.FeaturizeJob;
import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chemdl featurize}: SMILES/CSV/SDF in, a CSV of features out. */
@Command(name = "featurize", mixinStandardHelpOptions = true,
        description = "Featurize a file of molecules (CSV/TSV with a SMILES column, .smi, SDF; gzip welcome) "
                + "into a CSV that starts with row and smiles, then the input's own columns (see --keep-columns), then "
                + "the features. Rows that fail are left out and listed in --errors.",
        footer = {"", "Examples:",
                "  chemdl featurize --input library.smi --featurizer ecfp --radius 2 \\",
                "      --size 1024 --format onbits --output ecfp.csv --errors failed.csv",
                "  chemdl featurize --input molecules.sdf --featurizer descriptors \\",
                "      --format columns --output descriptors.csv",
                "  chemdl featurize --input solubility.csv --smiles-column smiles \\",
                "      --featurizer morgan --size 2048 --fragments largest --output morgan.csv"})
final class FeaturizeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, description = "Input file: .csv, .tsv, .smi, .sdf (optionally .gz).")
    Path input;

    @Option(names = "--smiles-column", defaultValue = "smiles", description = "SMILES column of a CSV/TSV input (default: ${DEFAULT-VALUE}).")
    String smilesColumn;

    @Option(names = "--featurizer", defaultValue = "ecfp",
            description = "ecfp, fcfp, morgan, maccs, descriptors, cdk-descriptors, graph or chemprop-graph "
                    + "(default: ${DEFAULT-VALUE}).")
    String featurizer;

    @Option(names = "--radius", defaultValue = "2", description = "Fingerprint radius (default: ${DEFAULT-VALUE}).")
    int radius;

    @Option(names = "--size", defaultValue = "1024", description = "Fingerprint length (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--counts", description = "Occurrence counts instead of 0/1 bits.")
    boolean counts;

    @Option(names = "--chirality", description = "Include stereochemistry in fingerprints.")
    boolean chirality;

    @Option(names = "--descriptors", split = ",", paramLabel = "NAME",
            description = "With --featurizer descriptors: only these of RDKit's descriptors, by RDKit's name, in this "
                    + "order, e.g. TPSA,MolLogP,qed (default: all 208).")
    List<String> descriptors;

    @Option(names = "--format", defaultValue = "columns",
            description = "onbits (set bit indices), dense (one space-separated column) or columns (one column per feature; default).")
    String format;

    @picocli.CommandLine.Mixin
    StagedOutputOptions staged;

    @Option(names = "--errors", description = "CSV listing failed rows: row,smiles,reason.")
    Path errors;

    @Option(names = "--fragments", defaultValue = "keep",
            description = "Salts and mixtures: keep (all fragments), largest (keep the largest) or reject (default: ${DEFAULT-VALUE}).")
    String fragments;

    @Option(names = "--threads", description = "Worker threads (default: every core).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    MoleculeInputOptions reading;

    @Override
    public Integer call() throws Exception {
        FeaturizerSpec featurizerSpec = FeaturizeJob.spec(featurizer, radius, size, counts, chirality);
        if (descriptors != null) {
            if (!featurizer.equals(DescriptorFeaturizer.NAME)) {
                throw new IllegalArgumentException("--descriptors applies to --featurizer " + DescriptorFeaturizer.NAME
                        + ", not to " + featurizer);
            }
            featurizerSpec = new DescriptorFeaturizer(descriptors).spec();
        }
        FeaturizeJob.Config config = new FeaturizeJob.Config(input, smilesColumn, featurizerSpec, Converters.layout(format),
                staged.output, errors,
                Converters.fragmentPolicy(fragments),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, reading.limits(), reading.encoding,
                reading.passThrough());
        StreamingFeaturizer.Summary summary;
        try (Progress.FileBar bar = Progress.fileBar("featurize", quiet)) {
            summary = FeaturizeJob.run(config, bar, staged.resume);
            bar.finish();
        } catch (InputFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.printf("featurized %d of %d rows (%d failed%s) -> %s%n", summary.featurized(), summary.rows(),
                summary.failed(), errors == null ? (summary.failed() > 0 ? "; list them with --errors" : "")
                        : ", listed in " + errors, staged.output);
        if (summary.damage() != null) {
            err.println("chemdl featurize: " + summary.damage());
        }
        err.flush();
        return summary.damage() == null ? 0 : 2;
    }
}
