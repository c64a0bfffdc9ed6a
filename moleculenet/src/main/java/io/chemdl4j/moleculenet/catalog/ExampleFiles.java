package io.chemdl4j.moleculenet.catalog;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.SDFWriter;

import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.io.InputFileException;
import io.chemdl4j.featurize.io.MoleculeReader;
import io.chemdl4j.featurize.io.MoleculeRecord;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.load.DataFiles;

/**
 * Small sample files in the formats the toolkit reads, made from the Delaney solubility set that ships with it, so
 * that every example of the documentation and of {@code --help} runs as printed on a fresh machine, offline:
 * {@code library.smi} (60 molecules with names, and one broken SMILES, as a screening library would have),
 * {@code solubility.csv} ({@code name,smiles,soluble}: all 1,128 molecules, soluble when log S &gt; -3) and
 * {@code molecules.sdf} (20 molecules with their names as titles and {@code logS} as a data item, no coordinates).
 */
public final class ExampleFiles {
    /** The files written, in order. */
    public static final List<String> NAMES = List.of("library.smi", "solubility.csv", "molecules.sdf");
    private static final String LOG_S = "measured log solubility in mols per litre";

    private ExampleFiles() {
    }

    /**
     * Writes the sample files into {@code directory} (created if missing), each atomically.
     *
     * @param overwrite replace files of those names; otherwise an existing one is refused before anything is written
     * @return the files written
     * @throws InvalidDataException naming a file that exists when {@code overwrite} is false
     */
    public static List<Path> write(Path directory, boolean overwrite) throws IOException {
        if (!overwrite) {
            for (String name : NAMES) {
                if (Files.exists(directory.resolve(name))) {
                    throw new InvalidDataException(directory.resolve(name) + " exists; leave it, or replace the "
                            + "sample files with --force");
                }
            }
        }
        Files.createDirectories(directory);
        Path delaney = DataFiles.locate(MolNetDataset.DELANEY.fileName(), MolNetDataset.DELANEY.url(), null);
        List<MoleculeRecord> records = new ArrayList<>();
        try (MoleculeReader reader = MoleculeReader.open(delaney, "smiles")) {
            while (reader.hasNext()) {
                records.add(reader.next());
            }
        } catch (InputFileException e) {
            throw new InvalidDataException(e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        written.add(writeText(directory.resolve("library.smi"), library(records)));
        written.add(writeText(directory.resolve("solubility.csv"), solubility(records)));
        Path sdf = directory.resolve("molecules.sdf");
        AtomicFiles.write(sdf, out -> {
            try (SDFWriter writer = new SDFWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                for (int i = 0; i < 20; i++) {
                    MoleculeRecord r = records.get(i);
                    IAtomContainer molecule = MoleculeParser.parseSmiles(r.smiles());
                    molecule.setTitle(name(r, i));
                    molecule.setProperty("logS", r.properties().get(LOG_S));
                    writer.write(molecule);
                }
            } catch (CDKException | InvalidMoleculeException e) {
                throw new IOException("the sample SD file cannot be written: " + e.getMessage(), e);
            }
        });
        written.add(sdf);
        return written;
    }

    private static String library(List<MoleculeRecord> records) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append(records.get(i).smiles()).append(' ').append(name(records.get(i), i).replace(' ', '_'))
                    .append('\n');
        }
        return text.append("C1CC( broken\n").toString();
    }

    private static String solubility(List<MoleculeRecord> records) {
        StringBuilder text = new StringBuilder("name,smiles,soluble\n");
        for (int i = 0; i < records.size(); i++) {
            double logS = Double.parseDouble(records.get(i).properties().get(LOG_S));
            text.append('"').append(name(records.get(i), i).replace("\"", "\"\"")).append("\",")
                    .append(records.get(i).smiles()).append(',').append(logS > -3 ? 1 : 0).append('\n');
        }
        return text.toString();
    }

    /** The compound's name from the data set, or {@code m<i>} without one. */
    private static String name(MoleculeRecord record, int index) {
        String name = record.properties().get("Compound ID");
        return name == null || name.isBlank() ? String.format(Locale.ROOT, "m%d", index) : name.strip();
    }

    private static Path writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
        return file;
    }
}
