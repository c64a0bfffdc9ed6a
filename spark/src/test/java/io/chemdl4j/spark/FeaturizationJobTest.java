package io.chemdl4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.io.FeaturizeJob;

/** The featurization job's three layouts hold what the featurizer itself computes for each molecule. */
class FeaturizationJobTest {
    private static final List<String> SMILES = List.of("CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O",
            "CN1C=NC2=C1C(=O)N(C(=O)N2C)C", "C1CC", "O=C(O)c1ccccc1[N+](=O)[O-]");
    @TempDir
    static Path work;
    static SparkSession spark;
    static Path input;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTestSupport.local("2");
        StringBuilder csv = new StringBuilder("name,smiles\n");
        for (int i = 0; i < SMILES.size(); i++) {
            csv.append("m").append(i).append(',').append(SMILES.get(i)).append('\n');
        }
        input = Files.writeString(work.resolve("molecules.csv"), csv);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void fingerprintsAsOnBitsAndDenseVectors() throws Exception {
        FeaturizerSpec ecfp = FeaturizeJob.spec("ecfp", 2, 2048, true, false);
        VectorFeaturizer reference = Featurizers.create(ecfp);
        Map<String, Row> bits = run(ecfp, null, "bits");
        Map<String, Row> dense = run(ecfp, FeaturizationJob.Layout.DENSE, "dense");
        assertEquals(5, bits.size(), "C1CC cannot be featurized");
        for (int i = 0; i < SMILES.size(); i++) {
            if (SMILES.get(i).equals("C1CC")) {
                continue;
            }
            float[] expected = reference.featurize(SMILES.get(i));
            int[] on = java.util.stream.IntStream.range(0, expected.length).filter(j -> expected[j] != 0).toArray();
            assertArrayEquals(on, bits.get("m" + i).getList(2).stream().mapToInt(o -> (Integer) o).toArray());
            List<Object> vector = dense.get("m" + i).getList(2);
            float[] actual = new float[vector.size()];
            for (int j = 0; j < actual.length; j++) {
                actual[j] = (Float) vector.get(j);
            }
            assertArrayEquals(expected, actual, "counts kept in the dense layout");
        }
    }

    @Test
    void descriptorsAsNamedColumns() throws Exception {
        FeaturizerSpec descriptors = FeaturizeJob.spec("descriptors", 0, 0, false, false);
        VectorFeaturizer reference = Featurizers.create(descriptors);
        Map<String, Row> rows = run(descriptors, null, "descriptors");
        Row aspirin = rows.get("m2");
        List<String> names = reference.featureNames();
        assertEquals(names, List.of(aspirin.schema().fieldNames()).subList(2, 2 + names.size()));
        float[] expected = reference.featurize(SMILES.get(2));
        for (int j = 0; j < names.size(); j++) {
            assertEquals(expected[j], aspirin.getFloat(2 + j), names.get(j));
        }
    }

    private static Map<String, Row> run(FeaturizerSpec spec, FeaturizationJob.Layout layout, String name)
            throws Exception {
        String out = work.resolve(name + ".parquet").toString();
        FeaturizationJob.Options options = FeaturizationJob.Options.of(new MoleculeSource(input.toString(), null,
                null, "name"), spec, out).withPartitions(2);
        FeaturizationJob.Summary s = FeaturizationJob.run(spark, layout == null ? options : options.withLayout(layout),
                null);
        assertEquals(5, s.featurized());
        assertEquals(1, s.failed());
        Map<String, Row> rows = new java.util.HashMap<>();
        for (Row r : spark.read().parquet(out).collectAsList()) {
            rows.put(r.getString(0), r);
        }
        return rows;
    }
}
