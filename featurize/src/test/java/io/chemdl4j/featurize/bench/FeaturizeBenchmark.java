package io.chemdl4j.featurize.bench;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openscience.cdk.fingerprint.CircularFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.descriptor.CdkDescriptorFeaturizer;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.fingerprint.MaccsFeaturizer;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;
import io.chemdl4j.featurize.io.TextFiles;

/**
 * Featurization throughput on MUV (93k SMILES), in one process, against a named baseline measured
 * in the same run: a bare loop over CDK's SMILES parser and {@link CircularFingerprinter} (ECFP4,
 * 1024 bits). Prints molecules/second and ratios. Not a test: run {@code bench/featurize.sh}.
 *
 * <p>Arguments: {@code [muv.csv.gz] [descriptorSubset]}.
 */
public final class FeaturizeBenchmark {
    private FeaturizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/muv.csv.gz");
        int descriptorSubset = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        List<String> smiles = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(TextFiles.open(file));
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            for (CSVRecord r : parser) {
                smiles.add(r.get("smiles"));
            }
        }
        System.out.printf("MUV: %d SMILES from %s; %d cores; java %s%n", smiles.size(), file,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        double baseline = rate(smiles, FeaturizeBenchmark::bareCdkLoop, 2);
        System.out.printf("%-34s %9.0f mol/s  (baseline)%n", "CDK parser + CircularFingerprinter", baseline);

        EcfpFeaturizer ecfp = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults());
        double ecfp1 = rate(smiles, s -> loop(ecfp, s), 2);
        System.out.printf("%-34s %9.0f mol/s  %.2fx baseline%n", "ecfp4 1024 bits, 1 thread", ecfp1, ecfp1 / baseline);
        // Thread scaling compares like with like: the batch featurizer (which keeps every result) on 1 and 2 threads.
        double ecfpBatch1 = rate(smiles, s -> new BatchFeaturizer(ecfp, 1).featurize("muv", s, 0), 2);
        System.out.printf("%-34s %9.0f mol/s%n", "ecfp4 1024 bits, batch, 1 thread", ecfpBatch1);
        double ecfp2 = rate(smiles, s -> new BatchFeaturizer(ecfp, 2).featurize("muv", s, 0), 2);
        System.out.printf("%-34s %9.0f mol/s  %.2fx one thread%n", "ecfp4 1024 bits, batch, 2 threads", ecfp2,
                ecfp2 / ecfpBatch1);
        if (System.getProperty("bench.only.ecfp") != null) {
            return;
        }

        MorganFeaturizer morgan = new MorganFeaturizer(new MorganFeaturizer.Options(2, 1024, false, false));
        double morgan1 = rate(smiles, s -> loop(morgan, s), 2);
        System.out.printf("%-34s %9.0f mol/s  %.2fx ecfp (1 thread)%n", "morgan r2 1024 (RDKit), 1 thread", morgan1,
                morgan1 / ecfp1);
        double morgan2 = rate(smiles, s -> new BatchFeaturizer(morgan, 2).featurize("muv", s, 0), 2);
        System.out.printf("%-34s %9.0f mol/s  %.2fx one thread%n", "morgan r2 1024 (RDKit), 2 threads", morgan2,
                morgan2 / morgan1);

        List<String> subset = smiles.subList(0, Math.min(descriptorSubset, smiles.size()));
        report("maccs, 1 thread", subset, new MaccsFeaturizer(), ecfp1);
        report("graph (ConvMol), 1 thread", subset, new GraphFeaturizer(), ecfp1);
        DescriptorFeaturizer descriptors = new DescriptorFeaturizer();
        double d1 = rate(subset, s -> loop(descriptors, s), 1);
        System.out.printf("%-34s %9.0f mol/s  (%d RDKit-named descriptors)%n", "descriptors, 1 thread", d1,
                descriptors.length());
        double d2 = rate(subset, s -> new BatchFeaturizer(descriptors, 2).featurize("muv", s, 0), 1);
        System.out.printf("%-34s %9.0f mol/s  %.2fx one thread%n", "descriptors, 2 threads", d2, d2 / d1);
        List<String> small = smiles.subList(0, Math.min(2000, smiles.size()));
        report("cdk-descriptors, 1 thread", small, new CdkDescriptorFeaturizer(), ecfp1);
    }

    private static void report(String name, List<String> smiles, MoleculeFeaturizer<?> f, double ecfp1) throws Exception {
        double r = rate(smiles, s -> loop(f, s), 1);
        System.out.printf("%-34s %9.0f mol/s  %.2fx ecfp%n", name, r, r / ecfp1);
    }

    @FunctionalInterface
    interface Work {
        void run(List<String> smiles) throws Exception;
    }

    /** Molecules per second of the best of {@code repeats} timed passes, after one warm-up pass on 5k. */
    private static double rate(List<String> smiles, Work work, int repeats) throws Exception {
        work.run(smiles.subList(0, Math.min(5000, smiles.size())));
        double best = 0;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run(smiles);
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, smiles.size() / seconds);
        }
        return best;
    }

    private static long sink;

    private static void loop(MoleculeFeaturizer<?> f, List<String> smiles) {
        for (String s : smiles) {
            try {
                sink += f.featurize(s).hashCode() & 1;
            } catch (InvalidMoleculeException e) {
                sink++;
            }
        }
    }

    private static void bareCdkLoop(List<String> smiles) throws Exception {
        SmilesParser parser = new SmilesParser(SilentChemObjectBuilder.getInstance());
        CircularFingerprinter fp = new CircularFingerprinter(CircularFingerprinter.CLASS_ECFP4, 1024);
        for (String s : smiles) {
            try {
                IAtomContainer m = parser.parseSmiles(s);
                sink += fp.getBitFingerprint(m).cardinality() & 1;
            } catch (Exception e) {
                sink++;
            }
        }
    }
}
