package io.chemdl4j.models.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.chemdl4j.featurize.io.AtomicFiles;

/**
 * Writes explanations into a directory (what {@code chemdl predict --explain} does): {@code contributions.csv}
 * ({@code row,smiles,task,prediction,atom,symbol,contribution}, one line per atom) and a similarity map
 * {@code <row>-<task>.png} per molecule.
 */
public final class Explanations {
    /** The numbers' file inside the directory. */
    public static final String CSV = "contributions.csv";

    private Explanations() {
    }

    /**
     * Writes {@code contributions} (row for row with {@code rows}, their input row numbers; {@code null} entries
     * skipped) into {@code directory}, created if absent; returns the pictures written.
     */
    public static List<Path> write(List<Long> rows, List<AtomContributions> contributions, Path directory)
            throws IOException {
        if (rows.size() != contributions.size()) {
            throw new IllegalArgumentException("one row number per explanation");
        }
        Files.createDirectories(directory);
        List<Path> pictures = new ArrayList<>();
        AtomicFiles.write(directory.resolve(CSV), out -> {
            java.io.Writer writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord("row", "smiles", "task", "prediction", "atom", "symbol", "contribution");
            for (int i = 0; i < rows.size(); i++) {
                AtomContributions c = contributions.get(i);
                if (c == null) {
                    continue;
                }
                double[] atoms = c.atoms();
                String[] symbols = c.symbols();
                for (int a = 0; a < atoms.length; a++) {
                    csv.printRecord(rows.get(i), c.smiles(), c.task(), number(c.prediction()), a, symbols[a],
                            number(atoms[a]));
                }
            }
            csv.flush();
        });
        for (int i = 0; i < rows.size(); i++) {
            AtomContributions c = contributions.get(i);
            if (c != null) {
                Path file = directory.resolve(rows.get(i) + "-" + io.chemdl4j.models.plot.Plots.fileName(c.task())
                        + ".png");
                ContributionMap.writePng(c, file);
                pictures.add(file);
            }
        }
        return pictures;
    }

    /**
     * What {@link #explainFile} did.
     *
     * @param explained molecules explained
     * @param skipped   rows among the first ones that could not be read or fingerprinted
     * @param pictures  the similarity maps written
     */
    public record Summary(int explained, int skipped, List<Path> pictures) {
    }

    /**
     * Explains task {@code task} of {@code model} for the first {@code max} rows of the molecule file {@code input}
     * and writes them into {@code directory} ({@link #write}).
     *
     * @throws IllegalArgumentException if the model cannot be explained or has no such task
     */
    public static Summary explainFile(io.chemdl4j.models.predict.SavedModel model, Path input, String smilesColumn,
                                      java.nio.charset.Charset encoding, String task, int max, Path directory)
            throws IOException, io.chemdl4j.featurize.io.InputFileException {
        if (max < 1) {
            throw new IllegalArgumentException("explain at least one molecule, not " + max);
        }
        Explainer explainer = Explainer.of(model);
        List<Long> rows = new ArrayList<>();
        List<String> smiles = new ArrayList<>();
        int skipped = 0;
        try (io.chemdl4j.featurize.io.MoleculeReader reader = io.chemdl4j.featurize.io.MoleculeReader.open(input,
                smilesColumn, encoding)) {
            while (reader.hasNext() && rows.size() + skipped < max) {
                io.chemdl4j.featurize.io.MoleculeRecord record = reader.next();
                if (record.readError() != null || record.smiles() == null || record.smiles().isBlank()) {
                    skipped++;
                    continue;
                }
                rows.add(record.row());
                smiles.add(record.smiles());
            }
        }
        List<AtomContributions> contributions = explainer.explain(smiles, task);
        skipped += (int) contributions.stream().filter(java.util.Objects::isNull).count();
        List<Path> pictures = write(rows, contributions, directory);
        return new Summary(pictures.size(), skipped, pictures);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
