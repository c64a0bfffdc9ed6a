package io.chemdl4j.moleculenet.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.io.RowError;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.store.FeaturizationCache;

/**
 * A split written with the data comes back identical from the file, by row or by id (repeated ids in order), for
 * other split sizes too; a file another tool wrote (row and split only) is taken as given; every way a split file can
 * be wrong is refused in one line naming the file and line.
 */
class SplitFileTest {
    @TempDir
    Path tmp;

    private static final String[] MOLECULES = {"CCO", "c1ccccc1O", "CC(=O)Nc1ccc(O)cc1", "CCN(CC)CC", "CCO",
        "O=C(O)c1ccccc1OC(C)=O", "c1ccc2ccccc2c1", "CCCCCC", "OCC(O)CO", "Clc1ccc(Cl)cc1", "CN1CCCC1c1cccnc1",
        "CCCO", "CCCCO", "c1ccncc1", "CC(C)O", "CCOCC", "CC(=O)O", "NCCO", "OCCO", "CCN"};

    /** SMILES as ids ("CCO" twice) and one broken row (row 3), so data rows and file rows differ. */
    private DataSource source() throws IOException {
        StringBuilder csv = new StringBuilder("smiles,y\n");
        for (int i = 0; i < MOLECULES.length; i++) {
            csv.append(i == 3 ? "C1CC(" : MOLECULES[i]).append(',').append(i * 0.5).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("data.csv"), csv);
        return new DataSource.File(file, new ColumnSpec("smiles", List.of("y"), null), TaskType.REGRESSION);
    }

    private MolNetData<Dataset> load(LoadOptions options) throws IOException {
        return MolNet.load(source(), options, new FeaturizationCache(tmp.resolve("cache")), null);
    }

    private static LoadOptions options(long seed) {
        return LoadOptions.defaults(seed).withFeaturizer(new EcfpFeaturizer());
    }

    @Test
    void aSavedSplitIsReadBackByRowAndById() throws IOException {
        Path saved = tmp.resolve("split.csv");
        MolNetData<Dataset> original = load(options(7).withFractions(new SplitFractions(0.6, 0.2, 0.2)).withSplitsOut(saved));
        List<String> lines = Files.readAllLines(saved);
        assertEquals("row,id,split", lines.get(0));
        assertEquals(MOLECULES.length - 1 + 1, lines.size(), "one line per molecule loaded (the broken row has none)");
        assertEquals(11, original.train().size(), "int(0.6 * 19), as DeepChem cuts");

        MolNetData<Dataset> again = load(options(0).withSplitFile(saved));
        assertSameParts(original, again);

        List<String> byId = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            byId.add(f[1] + "," + f[2]);
        }
        Path idOnly = Files.write(tmp.resolve("by-id.csv"), byId);
        assertSameParts(original, load(options(0).withSplitFile(idOnly)));
    }

    @Test
    void aSplitFromAnotherToolIsTakenAsGiven() throws IOException {
        List<String> lines = new ArrayList<>(List.of("row,split"));
        for (int i = 0; i < MOLECULES.length; i++) {
            lines.add(i + "," + (i < 2 ? "test" : i < 5 ? "valid" : "train"));
        }
        MolNetData<Dataset> data = load(options(0).withSplitFile(Files.write(tmp.resolve("given.csv"), lines)));
        assertEquals(List.of("CCO", "c1ccccc1O"), List.of(data.test().ids()), "in the file's order");
        assertEquals(List.of("CC(=O)Nc1ccc(O)cc1", "CCO"), List.of(data.valid().ids()), "row 3 did not load");
        assertEquals(15, data.train().size());
    }

    @Test
    void dataRowsSkipTheRowsThatDidNotLoad() {
        List<RowError> errors = List.of(new RowError("f", 1, "x", "bad"), new RowError("f", 4, "y", "bad"));
        assertArrayEquals(new long[] {0, 2, 3, 5}, SplitFile.dataRows(4, errors, 6));
    }

    @Test
    void aWrongSplitFileIsRefusedInOneLine() throws IOException {
        assertRefused("row,part\n0,train\n", "a split file has the columns row or id, and split (it has [row, part])");
        assertRefused("row,split\n0,train\n1,tset\n", "line 3: split is 'tset', not one of [train, valid, test]");
        assertRefused("row,split\n0,train\nzero,test\n", "line 3: row is 'zero', not a row number (0, 1, 2, ...)");
        assertRefused("row,split\n0,train\n0,test\n", "line 3: row 0 is given a part twice");
        assertRefused("row,split\n0,train\n1,valid\n2,test\n", "16 molecule(s) of the data are in no part of the "
                + "split (the first: row 4, id 'CCO')");
        StringBuilder noTest = new StringBuilder("row,split\n");
        for (int i = 0; i < MOLECULES.length; i++) {
            noTest.append(i).append(i % 2 == 0 ? ",train\n" : ",valid\n");
        }
        assertRefused(noTest.toString(), "no molecule of the data is in the test part");
    }

    private void assertRefused(String text, String reason) throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.csv"), text);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> load(options(0).withSplitFile(file)));
        assertEquals(file + (reason.startsWith("line") ? " " : ": ") + reason, e.getMessage());
    }

    private static void assertSameParts(MolNetData<Dataset> expected, MolNetData<Dataset> actual) {
        for (int p = 0; p < 3; p++) {
            Dataset e = List.of(expected.train(), expected.valid(), expected.test()).get(p);
            Dataset a = List.of(actual.train(), actual.valid(), actual.test()).get(p);
            assertEquals(List.of(e.ids()), List.of(a.ids()), SplitFile.PARTS.get(p));
        }
    }
}
