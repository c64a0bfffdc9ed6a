package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The valence check agrees with RDKit 2022.09's sanitization: on crafted and mutated molecules whose verdicts
 * RDKit gave ({@code rdkit-valence.csv.gz}, made by {@code src/test/python/rdkit_valence.py}), and on every
 * molecule of the RDKit oracle's datasets, all of which RDKit accepts.
 */
class ValenceRulesTest {

    @Test
    void aChemistsExamplesAreJudgedAsRdkitJudgesThem() throws Exception {
        assertReason("C(C)(C)(C)(C)C", "C with valence 5 (atom 1); at most 4 is permitted");
        assertReason("C[N+](C)(C)(C)C", "N with valence 5 and charge +1 (atom 2); at most 4 is permitted with that charge");
        assertReason("[Li](C)C", "Li with valence 2 (atom 1); at most 1 is permitted");
        assertReason("FCl(F)F", "Cl with valence 3 (atom 2); at most 1 is permitted");
        for (String accepted : List.of("[NH4+]", "C[C+](C)(C)C", "[B-](F)(F)(F)F", "F[P-](F)(F)(F)(F)F",
                "CN(=O)=O", "C=N#N", "OCl(=O)(=O)=O", "C[Fe](C)(C)(C)(C)(C)C", "c1ccccc1", "O=n1ccccc1")) {
            MoleculeParser.parseSmiles(accepted);
        }
    }

    @Test
    void theCheckCanBeTurnedOff() throws Exception {
        MoleculeLimits off = MoleculeLimits.defaults().withValenceCheck(false);
        assertEquals(6, MoleculeParser.parseSmiles("C(C)(C)(C)(C)C", off).getAtomCount());
        assertTrue(MoleculeLimits.defaults().checkValence(), "on by default");
    }

    @Test
    void everyVerdictOfRdkitIsReproduced() throws IOException {
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (CSVRecord row : verdicts()) {
            String smiles = row.get("smiles");
            boolean rdkitAccepts = row.get("rdkit").equals("ok");
            String ours;
            try {
                MoleculeParser.parseSmiles(smiles);
                ours = null;
            } catch (InvalidMoleculeException e) {
                ours = e.getMessage();
            }
            if (rdkitAccepts != (ours == null)) {
                disagreements.add(smiles + " RDKit: " + (rdkitAccepts ? "accepted" : row.get("reason"))
                        + "; ChemDL4J: " + (ours == null ? "accepted" : ours));
            } else if (rdkitAccepts) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(accepted > 1_000 && refused > 1_500, "the file has both verdicts: " + accepted + ", " + refused);
        assertEquals(List.of(), disagreements);
    }

    @Test
    void noMoleculeOfTheOracleDatasetsIsRefused() throws IOException {
        RequiredData.require(RdkitOracle.available(), "the RDKit oracle is missing at " + RdkitOracle.directory());
        int checked = 0;
        for (String dataset : RdkitOracle.DATASETS) {
            for (RdkitOracle.Row row : RdkitOracle.read(dataset, "morgan")) {
                if (!row.ok()) {
                    continue;
                }
                try {
                    MoleculeParser.parseSmiles(row.smiles());
                } catch (InvalidMoleculeException e) {
                    if (e.getMessage().contains("valence")) {
                        throw new AssertionError(dataset + " row " + row.row() + " " + row.smiles() + ": "
                                + e.getMessage());
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 19_000, "molecules checked: " + checked);
    }

    private static void assertReason(String smiles, String reason) {
        InvalidMoleculeException e = assertThrows(InvalidMoleculeException.class,
                () -> MoleculeParser.parseSmiles(smiles));
        assertEquals(reason, e.getMessage());
    }

    private static List<CSVRecord> verdicts() throws IOException {
        InputStream raw = ValenceRulesTest.class.getResourceAsStream("rdkit-valence.csv.gz");
        if (raw == null) {
            throw new IOException("rdkit-valence.csv.gz is missing from the test resources");
        }
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            return parser.getRecords();
        }
    }
}
