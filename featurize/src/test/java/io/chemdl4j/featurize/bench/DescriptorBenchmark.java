package io.chemdl4j.featurize.bench;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.io.TextFiles;

/**
 * Throughput of all RDKit-named descriptors on the first N MUV SMILES, on one thread and on two, beside
 * native RDKit's figure for the same molecules measured in the same run ({@code bench/descriptors.sh}
 * runs RDKit first and passes its rate). Not a test.
 *
 * <p>Arguments: {@code muv.csv.gz molecules [rdkitMoleculesPerSecond]}.
 */
public final class DescriptorBenchmark {
    private DescriptorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        double rdkit = args.length > 2 ? Double.parseDouble(args[2]) : Double.NaN;
        List<String> smiles = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(TextFiles.open(file));
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            for (CSVRecord r : parser) {
                if (smiles.size() == count) {
                    break;
                }
                smiles.add(r.get("smiles"));
            }
        }
        DescriptorFeaturizer descriptors = new DescriptorFeaturizer();
        System.out.printf("%d MUV SMILES, %d descriptors, %d cores, java %s%n", smiles.size(), descriptors.length(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        // warm-up: the JIT compiles the descriptor code before anything is timed
        new BatchFeaturizer(descriptors, 1).featurize("warm-up", smiles.subList(0, Math.min(2000, smiles.size())), 0);
        double one = rate(smiles, descriptors, 1);
        double two = rate(smiles, descriptors, 2);
        if (!Double.isNaN(rdkit)) {
            System.out.printf("%-28s %8.0f mol/s  (baseline, same molecules, this run)%n", "RDKit 2022.09, 1 thread", rdkit);
        }
        System.out.printf("%-28s %8.0f mol/s  %.2fx RDKit%n", "ChemDL4J, 1 thread", one, one / rdkit);
        System.out.printf("%-28s %8.0f mol/s  %.2fx RDKit, %.2fx one thread%n", "ChemDL4J, 2 threads", two,
                two / rdkit, two / one);
    }

    /** Molecules per second of the better of two timed passes of the batch featurizer. */
    private static double rate(List<String> smiles, DescriptorFeaturizer descriptors, int threads) {
        double best = 0;
        for (int pass = 0; pass < 2; pass++) {
            long t0 = System.nanoTime();
            new BatchFeaturizer(descriptors, threads).featurize("muv", smiles, 0);
            best = Math.max(best, smiles.size() / ((System.nanoTime() - t0) / 1e9));
        }
        return best;
    }
}
