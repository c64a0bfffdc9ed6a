package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.io.FeatureCsvWriter;
import io.chemdl4j.featurize.io.FeaturizeJob;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.featurize.io.StreamingFeaturizer;

/**
 * Molecules past a limit are refused with a reason that names the limit and its option, before the costly
 * work; a stack overflow deep inside CDK becomes one line that says what the molecule is; a job reports every
 * such molecule as an error row and keeps the rest.
 */
class MoleculeLimitsTest {
    @TempDir
    Path dir;

    @Test
    void eachLimitIsNamedWhenPassed() throws Exception {
        MoleculeLimits limits = MoleculeLimits.defaults().withMaxSmilesLength(10).withMaxBranchDepth(2).withMaxAtoms(4);
        assertEquals(5, MoleculeParser.parseSmiles("CC(C)(C)C", limits.withMaxAtoms(5)).getAtomCount());
        assertReason("CCCCCCCCCCC", limits, "SMILES of 11 characters, more than the limit of 10 (--max-smiles-length)");
        assertReason("C(C(C(C)))", limits, "branches nested more than 2 deep, the limit (--max-branch-depth)");
        assertReason("CC(C)(C)C", limits, "5 atoms, more than the limit of 4 (--max-atoms)");
        assertEquals(3, MoleculeParser.parseSmiles("C(C)C", limits).getAtomCount(), "siblings are not nested");
        assertThrows(IllegalArgumentException.class, () -> limits.withMaxAtoms(0));
    }

    @Test
    void theDefaultsRefuseAGiantLineBeforeParsingIt() {
        String line = "C".repeat(5_000_000);
        long start = System.nanoTime();
        assertReason(line, MoleculeLimits.defaults(), "SMILES of 5000000 characters");
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused without parsing");
        assertReason("C(".repeat(300) + "C" + ")".repeat(300), MoleculeLimits.defaults(), "nested more than 200");
    }

    @Test
    void unexpectedFailuresAreOneLine() {
        assertTrue(MoleculeLimits.failureReason(new StackOverflowError()).startsWith(
                "molecule too large or too deeply nested to featurize (stack overflow)"));
        assertEquals("featurizer error: IllegalStateException: first line",
                MoleculeLimits.failureReason(new IllegalStateException("first line\nsecond\u0000")));
        assertEquals("featurizer error: NullPointerException", MoleculeLimits.failureReason(new NullPointerException()));
    }

    @Test
    void aJobListsMoleculesPastALimitAndKeepsTheRest() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "smiles\nCCO\n" + "C".repeat(40) + "\nc1ccccc1O\n");
        Path out = dir.resolve("out.csv");
        Path errors = dir.resolve("errors.csv");
        StreamingFeaturizer.Summary s = FeaturizeJob.run(new FeaturizeJob.Config(csv, "smiles",
                FeaturizeJob.spec("maccs", 2, 1024, false, false), FeatureCsvWriter.Layout.ONBITS, out, errors,
                FragmentPolicy.KEEP_ALL, 2, MoleculeLimits.defaults().withMaxAtoms(30), null), null);
        assertEquals(new StreamingFeaturizer.Summary(3, 2, 1), s);
        List<String> listed = Files.readAllLines(errors);
        assertEquals(2, listed.size());
        assertTrue(listed.get(1).startsWith("1,")
                && listed.get(1).endsWith(",\"40 atoms, more than the limit of 30 (--max-atoms)\""), listed.get(1));
    }

    private static void assertReason(String smiles, MoleculeLimits limits, String reason) {
        String message = assertThrows(InvalidMoleculeException.class, () -> MoleculeParser.parseSmiles(smiles, limits))
                .getMessage();
        assertTrue(message.contains(reason), reason + " not in: " + message);
    }
}
