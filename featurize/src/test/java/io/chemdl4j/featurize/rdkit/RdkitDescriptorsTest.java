package io.chemdl4j.featurize.rdkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.MoleculeParser;

/** A family of descriptors that fails inside CDK leaves only its own descriptors NaN, each with the reason. */
class RdkitDescriptorsTest {

    @Test
    void aFailingFamilyLeavesTheOthersComputed() throws Exception {
        RdkitMolecule mol = RdkitMolecule.perceiveOwned(MoleculeParser.parseSmiles("CC(=O)Oc1ccccc1C(=O)O"));
        Map<String, Double> intact = RdkitDescriptors.compute(mol);
        // The CDK molecule loses its atoms behind the perceived arrays' back: the Crippen atom types, read from
        // the CDK molecule, no longer cover the atoms, and typing the surface contributions throws.
        mol.container().removeAllElements();
        Map<String, String> failures = new HashMap<>();
        Map<String, Double> damaged = RdkitDescriptors.compute(mol, failures);
        assertEquals(208, damaged.size());
        for (String name : new String[] {"SlogP_VSA1", "SMR_VSA10", "BCUT2D_MWHI", "BCUT2D_MRLOW"}) {
            assertTrue(Double.isNaN(damaged.get(name)), name);
            assertTrue(failures.get(name).startsWith("Crippen atom types: java.lang.ArrayIndexOutOfBoundsException"),
                    failures.get(name));
        }
        for (String name : new String[] {"TPSA", "LabuteASA", "BalabanJ", "MaxEStateIndex", "Chi1v", "MolWt"}) {
            assertEquals(intact.get(name), damaged.get(name), name); // read from the perceived arrays, untouched
            assertTrue(!failures.containsKey(name), name);
        }
    }
}
