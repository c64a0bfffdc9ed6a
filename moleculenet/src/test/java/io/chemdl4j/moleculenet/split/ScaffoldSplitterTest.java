package io.chemdl4j.moleculenet.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.chemdl4j.featurize.RequiredData;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.load.DataFiles;

/** Scaffold split against DeepChem's own splits of the same files ({@code ../shared/oracle/deepchem}). */
class ScaffoldSplitterTest {
    static Path shared(String sub) {
        String data = System.getenv(DataFiles.DATA_DIR_ENV);
        Path base = data != null ? Path.of(data).getParent() : Path.of("../../shared");
        return base.resolve(sub);
    }

    /** A dataset with no features whose ids are the file's SMILES, in file order. */
    static Dataset smilesOnly(Path file, String column) throws Exception {
        List<String> smiles = new ArrayList<>();
        try (Reader reader = DataFiles.openText(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                smiles.add(r.get(column));
            }
        }
        int n = smiles.size();
        return Dataset.of(new float[n][0], new float[n][0], null, smiles.toArray(String[]::new), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"delaney, delaney-processed.csv, smiles", "tox21, tox21.csv.gz, smiles",
        "curated-solubility-dataset, curated-solubility-dataset.csv, SMILES"})
    void matchesDeepChemsScaffoldSplit(String name, String file, String column) throws Exception {
        Path data = shared("data").resolve(file);
        Path oracle = shared("oracle/deepchem").resolve(name + "_scaffold_split.csv.gz");
        RequiredData.require(Files.exists(data) && Files.exists(oracle), "no " + data + " or " + oracle);
        Dataset dataset = smilesOnly(data, column);
        int[][] parts = new ScaffoldSplitter().splitIndices(dataset, SplitFractions.defaults());
        Map<Integer, String> ours = new HashMap<>();
        String[] names = {"train", "valid", "test"};
        for (int p = 0; p < 3; p++) {
            for (int row : parts[p]) {
                ours.put(row, names[p]);
            }
        }
        int rows = 0;
        int same = 0;
        List<String> differ = new ArrayList<>();
        try (Reader reader = DataFiles.openText(oracle)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                rows++;
                int row = Integer.parseInt(r.get("row"));
                if (r.get("split").equals(ours.get(row))) {
                    same++;
                } else if (differ.size() < 10) {
                    differ.add(row + " " + r.get("smiles") + " deepchem=" + r.get("split") + " ours=" + ours.get(row));
                }
            }
        }
        System.out.printf("scaffold %s: %d/%d rows in DeepChem's part; sizes %d/%d/%d%n", name, same, rows,
                parts[0].length, parts[1].length, parts[2].length);
        assertEquals(dataset.size(), rows);
        assertEquals(rows, same, same + " of " + rows + " agree; e.g. " + differ);
    }

    @Test
    void delaneyHasNoScaffoldInTwoPartsAndSizesWithinOneScaffoldSetOf801010() throws Exception {
        Path data = shared("data").resolve("delaney-processed.csv");
        RequiredData.require(Files.exists(data), "no " + data);
        Dataset dataset = smilesOnly(data, "smiles");
        int[][] parts = new ScaffoldSplitter().splitIndices(dataset, SplitFractions.defaults());
        List<Set<String>> scaffolds = new ArrayList<>();
        for (int[] part : parts) {
            Set<String> s = new HashSet<>();
            for (int row : part) {
                s.add(Scaffolds.murcko(dataset.id(row)));
            }
            scaffolds.add(s);
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                Set<String> both = new HashSet<>(scaffolds.get(a));
                both.retainAll(scaffolds.get(b));
                assertTrue(both.isEmpty(), "scaffolds in parts " + a + " and " + b + ": " + both);
            }
        }
        int largest = ScaffoldSplitter.scaffoldSets(dataset).get(0).size();
        int n = dataset.size();
        double[] target = {0.8 * n, 0.1 * n, 0.1 * n};
        for (int p = 0; p < 3; p++) {
            assertTrue(Math.abs(parts[p].length - target[p]) <= largest,
                    "part " + p + " has " + parts[p].length + ", target " + target[p] + ", largest set " + largest);
        }
        assertEquals(n, parts[0].length + parts[1].length + parts[2].length);
    }

    @Test
    void scaffoldsKeepRingsLinkersAndExocyclicDoubleBonds() throws Exception {
        assertEquals("", Scaffolds.murcko("CCCCO"));
        assertEquals(Scaffolds.murcko("c1ccccc1"), Scaffolds.murcko("CCc1ccccc1O"));
        assertEquals(Scaffolds.murcko("c1ccc(Cc2ccccc2)cc1"), Scaffolds.murcko("Oc1ccc(Cc2ccccc2N)cc1"));
        assertEquals(Scaffolds.murcko("O=C1CCCCC1"), Scaffolds.murcko("CC1CCCC(=O)C1"));
    }
}
