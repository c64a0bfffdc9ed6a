package io.chemdl4j.featurize.io;

import java.util.Map;

import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * One input record: its 0-based data row in the source, its SMILES (as read, or written from an
 * SDF molecule), the molecule when the source holds it already parsed (SDF), and its other fields.
 *
 * @param row        0-based data row (header excluded; SDF: record number)
 * @param smiles     the SMILES, never null (may be empty or invalid: featurization reports that)
 * @param molecule   the parsed molecule for SDF records, else {@code null}
 * @param properties the record's other columns or SD properties, in source order
 * @param readError  why the record could not be read (an SDF record whose connection table is
 *                   broken), or {@code null}; such a record is reported, never silently dropped
 */
public record MoleculeRecord(long row, String smiles, IAtomContainer molecule, Map<String, String> properties,
        String readError) {

    /** A record that was read without error. */
    public MoleculeRecord(long row, String smiles, IAtomContainer molecule, Map<String, String> properties) {
        this(row, smiles, molecule, properties, null);
    }
}
