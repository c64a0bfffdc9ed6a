package io.chemdl4j.moleculenet.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.featurize.io.MoleculeRecord;
import io.chemdl4j.moleculenet.InvalidDataException;

/** The sample files are what the examples expect, readable by the toolkit's own readers; none is overwritten unasked. */
class ExampleFilesTest {
    @TempDir
    Path dir;

    @Test
    void samplesAreWrittenReadableAndNeverOverwrittenUnasked() throws Exception {
        List<Path> files = ExampleFiles.write(dir, false);
        assertEquals(ExampleFiles.NAMES, files.stream().map(p -> p.getFileName().toString()).toList());

        List<MoleculeRecord> library = read(dir.resolve("library.smi"), "smiles");
        assertEquals(61, library.size());
        assertEquals("Amigdalin", library.get(0).properties().get("name"));
        assertEquals("C1CC(", library.get(60).smiles(), "one broken SMILES, as a real library has");

        List<MoleculeRecord> solubility = read(dir.resolve("solubility.csv"), "smiles");
        assertEquals(1128, solubility.size());
        assertEquals(List.of("name", "soluble"), List.copyOf(solubility.get(0).properties().keySet()));
        assertTrue(solubility.stream().allMatch(r -> r.properties().get("soluble").matches("[01]")));

        List<MoleculeRecord> sdf = read(dir.resolve("molecules.sdf"), "ignored");
        assertEquals(20, sdf.size());
        assertEquals("Amigdalin", sdf.get(0).properties().get("title"));
        assertEquals("-0.77", sdf.get(0).properties().get("logS"));
        assertTrue(sdf.stream().allMatch(r -> r.readError() == null && r.molecule().getAtomCount() > 0));

        InvalidDataException exists = assertThrows(InvalidDataException.class, () -> ExampleFiles.write(dir, false));
        assertTrue(exists.getMessage().contains("library.smi exists"), exists.getMessage());
        ExampleFiles.write(dir, true);
        assertEquals(61, Files.readAllLines(dir.resolve("library.smi")).size());
    }

    private static List<MoleculeRecord> read(Path file, String column) throws Exception {
        List<MoleculeRecord> out = new ArrayList<>();
        try (MoleculeReader reader = MoleculeReader.open(file, column)) {
            while (reader.hasNext()) {
                out.add(reader.next());
            }
        }
        return out;
    }
}
