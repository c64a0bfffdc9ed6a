package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.io.RowError;

class MoleculeParserAndBatchTest {

    @Test
    void parsesValidSmilesWithImplicitHydrogens() throws Exception {
        var m = MoleculeParser.parseSmiles("CCO");
        assertEquals(3, m.getAtomCount());
        assertEquals(3, m.getAtom(0).getImplicitHydrogenCount());
    }

    @Test
    void reasonsAreSpecific() {
        assertEquals("empty SMILES", assertThrows(InvalidMoleculeException.class,
                () -> MoleculeParser.parseSmiles("")).getMessage());
        String unclosed = assertThrows(InvalidMoleculeException.class,
                () -> MoleculeParser.parseSmiles("C1CC")).getMessage().toLowerCase();
        assertTrue(unclosed.contains("ring") || unclosed.contains("unclosed"), unclosed);
        String kekule = assertThrows(InvalidMoleculeException.class,
                () -> MoleculeParser.parseSmiles("c1cccc1")).getMessage().toLowerCase();
        assertTrue(kekule.contains("kekul"), kekule);
        assertEquals(1, assertThrows(InvalidMoleculeException.class,
                () -> MoleculeParser.parseSmiles("CC)C")).getMessage().lines().count());
    }

    @Test
    void batchKeepsOrderAndReportsEveryBadRow() throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer();
        List<String> smiles = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            smiles.add(i % 50 == 7 ? "C1CC" + "C".repeat(i % 3) : "C".repeat(1 + i % 20) + "O");
        }
        BatchFeaturizer.Result result = new BatchFeaturizer(featurizer, 2).featurize("mem.smi", smiles, 100);
        assertEquals(10, result.errors().size());
        for (int i = 0; i < smiles.size(); i++) {
            if (i % 50 == 7) {
                assertNull(result.features()[i]);
            } else {
                assertNotNull(result.features()[i]);
                assertEquals(featurizer.featurize(smiles.get(i))[0], result.features()[i][0]);
                org.junit.jupiter.api.Assertions.assertArrayEquals(featurizer.featurize(smiles.get(i)),
                        result.features()[i]);
            }
        }
        RowError first = result.errors().get(0);
        assertEquals(107, first.row()); // firstRow + index
        assertEquals("mem.smi", first.source());
        assertEquals(smiles.get(7), first.input());
        assertTrue(first.toString().startsWith("mem.smi: row 107: 'C1CC"), first.toString());
        assertEquals(490, result.featurizedCount());
    }
}
