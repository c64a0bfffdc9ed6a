package io.chemdl4j.models.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.moleculenet.TaskType;

class ReliabilityIOTest {
    @TempDir
    Path dir;

    static Reliability regression() {
        DomainIndex index = DomainIndex.of(List.of(new int[] {1, 5}, new int[] {2, 3, 4}), 16);
        return new Reliability(TaskType.REGRESSION, List.of("logS"), new Reliability.Spread(Reliability.Spread.Kind.ENSEMBLE, 0),
                List.of(new ConformalIntervals(new double[] {0.5, 1, 2}, true)), List.of(1.5), List.of(),
                new ApplicabilityDomain(new EcfpFeaturizer().spec(), 5, 0.05, 0.3, index),
                new Reliability.Provenance("delaney", "random seed 0 (0.8/0.1/0.1)", 3, 2, "2026-12-02T00:00:00Z", "test"));
    }

    @Test
    void writtenAndReadBackTheSame() throws Exception {
        Reliability r = regression();
        ReliabilityIO.write(dir, r);
        Reliability back = ReliabilityIO.read(dir).orElseThrow();
        assertEquals(r.tasks(), back.tasks());
        assertEquals(r.spread(), back.spread());
        assertEquals(r.intervals(), back.intervals());
        assertEquals(r.spreadScales(), back.spreadScales());
        assertEquals(r.provenance(), back.provenance());
        assertEquals(r.domain().threshold(), back.domain().threshold());
        assertArrayEquals(r.domain().index().nearest(new int[] {1, 2}, 2), back.domain().index().nearest(new int[] {1, 2}, 2));
        assertArrayEquals(r.interval(0, 1, 2, 0.5), back.interval(0, 1, 2, 0.5));

        Reliability classifier = new Reliability(TaskType.CLASSIFICATION, List.of("a", "b"), Reliability.Spread.none(),
                List.of(), List.of(), List.of(new PlattScaling(1.5, -0.2),
                new IsotonicCalibration(new double[] {0.1, 0.5}, new double[] {0, 0.7})), r.domain(), r.provenance());
        ReliabilityIO.write(dir, classifier);
        Reliability c = ReliabilityIO.read(dir).orElseThrow();
        assertEquals(classifier.probabilities(), c.probabilities());
        assertEquals(classifier.calibrated(1, 0.3), c.calibrated(1, 0.3));
    }

    @Test
    void aModelWithoutOneHasNone() throws Exception {
        assertTrue(ReliabilityIO.read(dir).isEmpty());
    }

    @Test
    void aDamagedFileIsOneErrorNamingTheFileAndWhat() throws Exception {
        ReliabilityIO.write(dir, regression());
        Path file = dir.resolve(ReliabilityIO.FILE);
        String good = Files.readString(file);
        String[][] damage = {
                {"\"formatVersion\":1", "\"formatVersion\":9", "version 9"},
                {"[0.5,1.0,2.0]", "[2.0,1.0,0.5]", "ascending"},
                {"[1,5]", "[1,50]", "bit 50"},
                {"\"taskType\":\"regression\"", "\"taskType\":\"multiclass\"", "taskType"},
                {"\"spreadScales\":[1.5]", "\"spreadScales\":[1.5,2.0]", "one entry per task"},
                {"\"neighbours\":5", "\"neighbours\":\"five\"", "neighbours"},
        };
        for (String[] d : damage) {
            assertTrue(good.contains(d[0]), d[0]);
            Files.writeString(file, good.replace(d[0], d[1]), StandardCharsets.UTF_8);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ReliabilityIO.read(dir), d[1]);
            assertTrue(e.getMessage().contains(ReliabilityIO.FILE) && e.getMessage().contains(d[2]), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        Files.writeString(file, "{not json", StandardCharsets.UTF_8);
        assertThrows(ModelFormatException.class, () -> ReliabilityIO.read(dir));
    }
}
