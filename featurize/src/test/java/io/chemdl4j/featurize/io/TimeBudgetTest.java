package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.io.RowError;

/**
 * A molecule past the time budget is an error row naming the limit, and the run goes on at full speed:
 * a featurizer that, like CDK's descriptors, neither finishes soon nor answers interrupts does not hold the
 * job up.
 */
class TimeBudgetTest {
    @TempDir
    Path dir;

    /** Atom counts as the feature; molecules of 20 atoms or more spin for three seconds, deaf to interrupts. */
    static final class SlowOnLargeMolecules implements MoleculeFeaturizer<float[]> {
        @Override
        public FeaturizerSpec spec() {
            return new FeaturizerSpec("slow-test", Map.of());
        }

        @Override
        public float[] featurize(IAtomContainer molecule) {
            if (molecule.getAtomCount() >= 20) {
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }
            return new float[] {molecule.getAtomCount()};
        }
    }

    @Test
    void aMoleculePastTheBudgetIsAnErrorRowAndTheOthersAreFeaturizedInOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("in.smi"), String.join("\n", "CCO a", "C".repeat(25) + " slow",
                "c1ccccc1 b", "C".repeat(30) + " slower", "CCN c", "CC d", ""));
        for (int threads : new int[] {1, 2}) {
            List<String> featurized = new ArrayList<>();
            List<RowError> errors = new ArrayList<>();
            long start = System.nanoTime();
            StreamingFeaturizer.Summary summary;
            try (MoleculeReader reader = MoleculeReader.open(file, "smiles")) {
                summary = new StreamingFeaturizer<>(new SlowOnLargeMolecules(), FragmentPolicy.KEEP_ALL, threads, 3)
                        .withLimits(MoleculeLimits.defaults().withMaxSeconds(0.3))
                        .run(reader, (record, x) -> featurized.add(record.row() + ":" + (int) x[0]), errors::add, null);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(List.of("0:3", "2:6", "4:3", "5:2"), featurized, threads + " threads");
            assertEquals(List.of(1L, 3L), errors.stream().map(RowError::row).toList());
            assertEquals("featurization took longer than the limit of 0.3 s (--max-seconds)", errors.get(0).reason());
            assertEquals(new StreamingFeaturizer.Summary(6, 4, 2), summary);
            // waiting for a molecule given up on would take its 3 s of spinning at least
            assertTrue(seconds < 2.9, "the run waited " + seconds + " s for molecules it gave up on");
        }
    }
}
