package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.csv.CSVPrinter;

/**
 * Which of the input's own columns an output repeats beside what it computes (chemprop keeps them too), so that
 * a name, an id or a measured value travels with each molecule and no join on {@code row} is needed: every column
 * by default ({@code .smi} names, SDF titles and properties included), none, or the ones named; an id column, when
 * named, comes first and is kept in every case. Immutable.
 *
 * @param everyColumn keep every input column ({@code names} is then empty)
 * @param names       the columns to keep otherwise, in the order to write them
 * @param idColumn    the column that identifies a molecule, or {@code null}
 */
public record PassThrough(boolean everyColumn, List<String> names, String idColumn) {
    private static final PassThrough ALL = new PassThrough(true, List.of(), null);
    private static final PassThrough NONE = new PassThrough(false, List.of(), null);

    public PassThrough {
        names = List.copyOf(names);
        if (everyColumn && !names.isEmpty()) {
            throw new IllegalArgumentException("either every column or the named ones, not both");
        }
        if (idColumn != null && idColumn.isBlank()) {
            throw new IllegalArgumentException("the id column needs a name");
        }
    }

    /** Every input column (the default). */
    public static PassThrough all() {
        return ALL;
    }

    /** No input column: {@code row} and {@code smiles} only. */
    public static PassThrough none() {
        return NONE;
    }

    /** The named input columns, in this order. */
    public static PassThrough only(List<String> names) {
        return new PassThrough(false, names, null);
    }

    /** These columns with {@code column} as the id: written first, kept in every case. */
    public PassThrough withIdColumn(String column) {
        return new PassThrough(everyColumn, names, column);
    }

    /**
     * The columns of {@code reader}'s input to write, and the names to write them under: an input column named as
     * one of {@code outputColumns} (a model's task, a feature) is written as {@code <name>_input}, so that a
     * measured value never hides a prediction nor the other way round.
     *
     * @throws InputFileException naming a column asked for that the input does not have, and the ones it has
     */
    public Columns resolve(MoleculeReader reader, Collection<String> outputColumns) throws InputFileException {
        if (!everyColumn && names.isEmpty() && idColumn == null) {
            return Columns.none(); // without asking for the names: an SDF file would be read through for them
        }
        List<String> available = reader.propertyNames();
        List<String> chosen = new ArrayList<>();
        if (idColumn != null) {
            chosen.add(idColumn);
        }
        for (String name : everyColumn ? available : names) {
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        List<String> missing = chosen.stream().filter(n -> !available.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new InputFileException(reader.file() + ": no column " + String.join(", ", missing.stream()
                    .map(n -> "'" + n + "'").toList()) + " to keep (" + (available.isEmpty() ? "it has none besides "
                    + "the SMILES" : "it has " + available) + ")");
        }
        Set<String> taken = new HashSet<>(outputColumns);
        taken.add("row");
        taken.add("smiles");
        Map<String, String> written = new LinkedHashMap<>();
        for (String name : chosen) {
            String as = name;
            for (int n = 2; taken.contains(as); n++) {
                as = name + "_input" + (n == 2 ? "" : "_" + n);
            }
            taken.add(as);
            written.put(name, as);
        }
        return new Columns(List.copyOf(written.keySet()), List.copyOf(written.values()));
    }

    /**
     * Input columns resolved against one input and one output.
     *
     * @param input  the input's column names, in output order
     * @param header the names they are written under
     */
    public record Columns(List<String> input, List<String> header) {
        public Columns {
            input = List.copyOf(input);
            header = List.copyOf(header);
            if (input.size() != header.size()) {
                throw new IllegalArgumentException("one header name per input column");
            }
        }

        /** None: for outputs that carry no input column. */
        public static Columns none() {
            return new Columns(List.of(), List.of());
        }

        /**
         * Prints {@code record}'s values of these columns with {@code printer}, each a field of the record being
         * printed; an absent value is empty.
         */
        public void printValues(MoleculeRecord record, CSVPrinter printer) throws IOException {
            Map<String, String> properties = record.properties();
            for (String name : input) {
                printer.print(Objects.requireNonNullElse(properties.get(name), ""));
            }
        }
    }
}
