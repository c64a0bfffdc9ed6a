package io.chemdl4j.moleculenet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.store.FeaturizationCache;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;

/** The user's own file as a data source: columns by name, bad rows reported, labels checked, errors name the file. */
class FileSourceTest {
    @TempDir
    Path tmp;

    private static final String[] MOLECULES = {"CCO", "c1ccccc1O", "CC(=O)Nc1ccc(O)cc1", "CCN(CC)CC",
        "O=C(O)c1ccccc1OC(C)=O", "c1ccc2ccccc2c1", "CCCCCC", "OCC(O)CO", "Clc1ccc(Cl)cc1", "CN1CCCC1c1cccnc1"};

    private FeaturizationCache cache() {
        return new FeaturizationCache(tmp.resolve("cache"));
    }

    private static LoadOptions options() {
        return LoadOptions.defaults(0).withFeaturizer(new EcfpFeaturizer());
    }

    /** compound,structure,active,logS: ten molecules, one broken SMILES, one missing 'active'. */
    private Path assay() throws IOException {
        StringBuilder csv = new StringBuilder("compound,structure,active,logS\n");
        for (int i = 0; i < MOLECULES.length; i++) {
            csv.append("c").append(i).append(',').append(MOLECULES[i]).append(',')
                    .append(i == 3 ? "" : Integer.toString(i % 2)).append(',').append(i * 0.25 - 1).append('\n');
        }
        csv.append("c10,C1CC(,1,0.5\n");
        Path file = tmp.resolve("my assay.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void loadsAClassificationFileByColumnNamesWithBalancingWeights() throws IOException {
        DataSource source = new DataSource.File(assay(), new ColumnSpec("structure", List.of("active"), "compound"),
                TaskType.CLASSIFICATION);
        assertEquals("my assay", source.name());
        assertEquals("roc_auc", source.metric());
        MolNetData<Dataset> data = MolNet.load(source, options(), cache(), null);
        assertEquals(List.of("active"), data.tasks());
        assertEquals(source, data.source());
        assertEquals(10, data.train().size() + data.valid().size() + data.test().size());
        assertEquals(1, data.errors().size());
        assertTrue(data.errors().get(0).toString().contains("C1CC("), data.errors().get(0).toString());
        assertEquals(BalancingTransformer.class, data.transformers().get(0).getClass());
        List<String> ids = new java.util.ArrayList<>();
        for (Dataset d : List.of(data.train(), data.valid(), data.test())) {
            for (int i = 0; i < d.size(); i++) {
                ids.add(d.id(i));
                if (d.id(i).equals("c3")) {
                    assertEquals(0f, d.weight(i, 0), "a missing label has no weight");
                }
            }
        }
        assertTrue(ids.contains("c3") && ids.contains("c0"), "ids come from the id column: " + ids);
    }

    @Test
    void aRegressionFileIsNormalizedOnItsTrainingSplit() throws IOException {
        DataSource source = new DataSource.File(assay(), new ColumnSpec("structure", List.of("logS"), null),
                TaskType.REGRESSION);
        MolNetData<Dataset> data = MolNet.load(source, options(), cache(), null);
        assertEquals(NormalizationTransformer.class, data.transformers().get(0).getClass());
        double mean = 0;
        for (int i = 0; i < data.train().size(); i++) {
            mean += data.train().label(i, 0);
        }
        assertEquals(0, mean / data.train().size(), 1e-5, "normalized labels have mean 0 on train");
    }

    @Test
    void aSecondLoadComesFromTheCacheAndProgressIsReportedOnlyWhenFeaturizing() throws IOException {
        DataSource source = new DataSource.File(assay(), new ColumnSpec("structure", List.of("active"), null),
                TaskType.CLASSIFICATION);
        long[] reported = {0};
        MolNetData<Dataset> first = MolNet.load(source, options(), cache(), rows -> reported[0] = rows);
        assertEquals(11, reported[0], "every row read, the broken one included");
        reported[0] = -1;
        MolNetData<Dataset> second = MolNet.load(source, options(), cache(), rows -> reported[0] = rows);
        assertEquals(-1, reported[0]);
        assertEquals(first.train(), second.train());
        assertEquals(first.errors(), second.errors());
    }

    @Test
    void nonBinaryLabelsForClassificationAreRefusedByTaskAndMolecule() throws IOException {
        DataSource source = new DataSource.File(assay(), new ColumnSpec("structure", List.of("logS"), "compound"),
                TaskType.CLASSIFICATION);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> MolNet.load(source, options(), cache(), null));
        assertTrue(e.getMessage().contains("my assay.csv") && e.getMessage().contains("'logS'")
                && e.getMessage().contains("regression"), e.getMessage());
    }

    @Test
    void multiclassLabelsLoadUnweightedAndOnlyWholeClassNumbersAreTaken() throws IOException {
        StringBuilder csv = new StringBuilder("smiles,kind\n");
        for (int i = 0; i < MOLECULES.length; i++) {
            csv.append(MOLECULES[i]).append(',').append(i % 3).append('\n');
        }
        Path file = tmp.resolve("kinds.csv");
        Files.writeString(file, csv);
        DataSource source = new DataSource.File(file, new ColumnSpec("smiles", List.of("kind"), null), TaskType.MULTICLASS);
        assertEquals("roc_auc", source.metric());
        MolNetData<Dataset> data = MolNet.load(source, options(), cache(), null);
        assertEquals(List.of(), data.transformers(), "no class weights: chemprop's multiclass loss has none");
        assertEquals(3, TaskType.classCount(List.of(data.train(), data.valid(), data.test())));
        for (int i = 0; i < data.train().size(); i++) {
            assertEquals(1f, data.train().weight(i, 0));
        }
        DataSource fractions = new DataSource.File(assay(), new ColumnSpec("structure", List.of("logS"), "compound"),
                TaskType.MULTICLASS);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> MolNet.load(fractions, options(), cache(), null));
        assertEquals(tmp.resolve("my assay.csv") + ": task 'logS' has the label -1.0 (molecule c0); multiclass needs "
                + "class numbers 0, 1, 2, … below 1000, or use regression", e.getMessage());
    }

    @Test
    void aMissingFileOrColumnIsNamed() throws IOException {
        DataSource missing = new DataSource.File(tmp.resolve("nope.csv"), new ColumnSpec("smiles", List.of("y"), null),
                TaskType.REGRESSION);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> MolNet.load(missing, options(), cache(), null));
        assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("no such file"), e.getMessage());

        DataSource noColumn = new DataSource.File(assay(), new ColumnSpec("structure", List.of("pIC50"), null),
                TaskType.REGRESSION);
        InvalidDataException column = assertThrows(InvalidDataException.class,
                () -> MolNet.load(noColumn, options(), cache(), null));
        assertTrue(column.getMessage().contains("pIC50"), column.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache")) && hasEntries(tmp.resolve("cache")),
                "a failed load leaves no cache entry");
    }

    /** A training file that breaks off (here an unterminated quote) is refused, not trained on in part. */
    @Test
    void aDamagedFileIsRefusedNotReadInPart() throws IOException {
        Path file = tmp.resolve("damaged.csv");
        StringBuilder text = new StringBuilder("smiles,y\n");
        for (int i = 0; i < 40; i++) {
            text.append("C".repeat(1 + i % 6)).append("O,").append(i).append('\n');
        }
        Files.writeString(file, text + "CCN,\"7\nCCC,8\n");
        DataSource source = new DataSource.File(file, new ColumnSpec("smiles", List.of("y"), null), TaskType.REGRESSION);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> MolNet.load(source, options(), cache(), null));
        assertTrue(e.getMessage().contains("damaged.csv: the input is damaged after row 39")
                && e.getMessage().contains("EOF reached before encapsulated token finished"), e.getMessage());
    }

    @Test
    void tooFewMoleculesToSplitIsAClearError() throws IOException {
        Path file = tmp.resolve("two.csv");
        Files.writeString(file, "smiles,y\nCCO,1\nCCC,2\nC1CC(,3\n");
        DataSource source = new DataSource.File(file, new ColumnSpec("smiles", List.of("y"), null), TaskType.REGRESSION);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> MolNet.load(source, options(), cache(), null));
        assertTrue(e.getMessage().contains("two.csv") && e.getMessage().contains("2 usable molecule(s) of 3 rows"),
                e.getMessage());
    }

    @Test
    void aSourceNeedsATaskColumn() {
        assertThrows(IllegalArgumentException.class, () -> new DataSource.File(tmp.resolve("a.csv"),
                new ColumnSpec("smiles", List.of(), null), TaskType.REGRESSION));
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }
}
