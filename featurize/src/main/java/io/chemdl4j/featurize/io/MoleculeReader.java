package io.chemdl4j.featurize.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.ISimpleChemObjectReader;
import org.openscience.cdk.io.MDLV2000Reader;
import org.openscience.cdk.io.MDLV3000Reader;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

import io.chemdl4j.featurize.io.RowError;

/**
 * Streams molecule records from a file, one at a time and in order, in constant memory:
 * CSV/TSV with a SMILES column, {@code .smi} (SMILES, optional whitespace-separated name), or SDF
 * (with its properties as columns), each optionally gzipped. The format comes from the file name
 * ({@code .csv}, {@code .tsv}, {@code .smi}/{@code .smiles}, {@code .sdf}/{@code .sd}/{@code .mol}).
 *
 * <p>Not thread-safe: one reader per thread; close it when done.
 */
public final class MoleculeReader implements Iterator<MoleculeRecord>, Closeable {
    /** Input formats. */
    public enum Format { CSV, TSV, SMI, SDF }

    private final Path file;
    private final Reader reader;
    private final Iterator<MoleculeRecord> records;
    private boolean ended;
    private long lastRow = -1;
    private String damage;
    /** Where a compressed stream's failure is put when it ends the readable part early ({@link TextFiles}). */
    private java.util.concurrent.atomic.AtomicReference<IOException> streamDamage = new java.util.concurrent.atomic.AtomicReference<>();
    private MoleculeRecord damageRecord;
    private final List<String> columns;
    /** The records' other columns, or {@code null} until an SDF file has been scanned for them. */
    private List<String> propertyNames;
    private final java.nio.charset.Charset encoding;
    private java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
    private long size = -1;

    private MoleculeReader(Path file, Reader reader, Iterator<MoleculeRecord> records, List<String> columns,
                           List<String> propertyNames, java.nio.charset.Charset encoding) {
        this.file = file;
        this.reader = reader;
        this.records = records;
        this.columns = columns;
        this.propertyNames = propertyNames;
        this.encoding = encoding;
    }

    /** The format of {@code file} from its name. */
    public static Format formatOf(Path file) {
        String name = TextFiles.formatName(file);
        if (name.endsWith(".sdf") || name.endsWith(".sd") || name.endsWith(".mol")) {
            return Format.SDF;
        }
        if (name.endsWith(".smi") || name.endsWith(".smiles") || name.endsWith(".ism")) {
            return Format.SMI;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return Format.TSV;
        }
        return Format.CSV;
    }

    /**
     * Opens {@code file}.
     *
     * @param smilesColumn the SMILES column of a CSV/TSV file (ignored for .smi and SDF)
     * @throws InputFileException if the file is missing, empty, binary or lacks the SMILES column
     */
    public static MoleculeReader open(Path file, String smilesColumn) throws InputFileException {
        return open(file, smilesColumn, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Opens {@code file}, a text file in {@code encoding}.
     *
     * @param smilesColumn the SMILES column of a CSV/TSV file (ignored for .smi and SDF)
     * @throws InputFileException if the file is missing, empty, binary, not text in {@code encoding}, or lacks the
     *                            SMILES column
     */
    public static MoleculeReader open(Path file, String smilesColumn, java.nio.charset.Charset encoding)
            throws InputFileException {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file + ": no such file");
        }
        Reader reader;
        java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<IOException> streamDamage = new java.util.concurrent.atomic.AtomicReference<>();
        MoleculeReader opened;
        try {
            Format format = formatOf(file);
            reader = new BufferedReader(new LineCappingReader(TextFiles.open(file, encoding, bytesRead, streamDamage),
                    LineCappingReader.DEFAULT_MAX_LINE,
                    format == Format.CSV ? ',' : format == Format.TSV ? '\t' : 0), 1 << 16);
            reader.mark(4096);
            char[] head = new char[4096];
            int n = reader.read(head);
            reader.reset();
            if (n <= 0) {
                reader.close();
                throw new InputFileException(file + ": file is empty");
            }
            for (int i = 0; i < n; i++) {
                if (head[i] == 0) {
                    reader.close();
                    throw new InputFileException(file + ": not a text file (binary content near character " + i + ")");
                }
                if (head[i] == '\uFFFD') {
                    reader.close();
                    throw new InputFileException(file + ": not " + encoding.name() + " text (a byte that is not "
                            + encoding.name() + " near character " + i + "); name its encoding with --encoding "
                            + "(for example ISO-8859-1 or windows-1252), or save it as UTF-8");
                }
            }
            if (head[0] == '\uFEFF') {
                reader.skip(1); // a byte-order mark is not part of the first column's name
            }
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            opened = switch (formatOf(file)) {
                case SDF -> sdf(file, reader, encoding);
                case SMI -> smi(file, reader, encoding);
                case TSV -> delimited(file, reader, CSVFormat.TDF, smilesColumn, encoding);
                case CSV -> delimited(file, reader, CSVFormat.DEFAULT, smilesColumn, encoding);
            };
        } catch (InputFileException e) {
            closeQuietly(reader);
            throw e;
        }
        opened.bytesRead = bytesRead;
        opened.streamDamage = streamDamage;
        try {
            opened.size = Files.size(file);
        } catch (IOException e) {
            opened.size = -1;
        }
        return opened;
    }

    private static MoleculeReader delimited(Path file, Reader reader, CSVFormat base, String smilesColumn,
                                            java.nio.charset.Charset encoding) throws InputFileException {
        CSVParser parser;
        try {
            parser = base.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(false)
                    .build().parse(reader);
        } catch (IOException | RuntimeException e) {
            throw new InputFileException(file + ": not a readable CSV file: " + e.getMessage(), e);
        }
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new InputFileException(file + ": file has no header line");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> repeated = new java.util.LinkedHashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                repeated.add(name);
            }
        }
        if (!repeated.isEmpty()) {
            throw new InputFileException(file + ": the header names " + repeated + " more than once; "
                    + "every column needs its own name");
        }
        int smilesIndex = header.indexOf(smilesColumn);
        if (smilesIndex < 0) {
            throw new InputFileException(file + ": no column '" + smilesColumn + "' (columns: " + header
                    + "); name the SMILES column with --smiles-column");
        }
        Iterator<CSVRecord> it = parser.iterator();
        Iterator<MoleculeRecord> records = new Iterator<>() {
            long row;

            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (UncheckedIOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e.getCause());
                }
            }

            @Override
            public MoleculeRecord next() {
                CSVRecord r = it.next();
                Map<String, String> props = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < r.size(); i++) {
                    if (i != smilesIndex) {
                        props.put(header.get(i), r.get(i));
                    }
                }
                String smiles = smilesIndex < r.size() ? r.get(smilesIndex) : "";
                for (String value : r) {
                    if (LineCappingReader.wasCut(value)) {
                        return tooLong(row++, smiles, props);
                    }
                }
                return new MoleculeRecord(row++, smiles, null, props);
            }
        };
        List<String> others = new ArrayList<>(header);
        others.remove(smilesIndex);
        return new MoleculeReader(file, reader, records, List.copyOf(header), List.copyOf(others), encoding);
    }

    private static MoleculeReader smi(Path file, Reader reader, java.nio.charset.Charset encoding) {
        BufferedReader lines = (BufferedReader) reader;
        Iterator<MoleculeRecord> records = new Iterator<>() {
            long row;
            String nextLine = advance();

            private String advance() {
                try {
                    String line;
                    do {
                        line = lines.readLine();
                    } while (line != null && (line.isBlank() || line.startsWith("#")));
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return nextLine != null;
            }

            @Override
            public MoleculeRecord next() {
                if (nextLine == null) {
                    throw new NoSuchElementException();
                }
                String line = nextLine.strip();
                nextLine = advance();
                if (LineCappingReader.wasCut(line)) {
                    return tooLong(row++, line, Map.of());
                }
                int space = indexOfWhitespace(line);
                String smiles = space < 0 ? line : line.substring(0, space);
                String name = space < 0 ? "" : line.substring(space).strip();
                return new MoleculeRecord(row++, smiles, null, Map.of("name", name));
            }
        };
        return new MoleculeReader(file, reader, records, List.of("smiles", "name"), List.of("name"), encoding);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * SDF, one record at a time: each record (up to {@code $$$$}) is parsed on its own, so that a
     * broken connection table becomes a record with a read error, reported with its record number,
     * and the records after it are still read and keep their numbers.
     */
    private static MoleculeReader sdf(Path file, Reader reader, java.nio.charset.Charset encoding) {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        SmilesGenerator generator = new SmilesGenerator(SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols);
        SdfRecords texts = new SdfRecords(lines);
        Iterator<MoleculeRecord> records = new Iterator<>() {
            long row;
            String pending;

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    pending = texts.next();
                }
                return pending != null;
            }

            @Override
            public MoleculeRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String text = pending;
                pending = null;
                return sdfRecord(row++, text, generator);
            }
        };
        return new MoleculeReader(file, reader, records, List.of(), null, encoding);
    }

    /**
     * Splits SDF text into records: each ends at its {@code $$$$}, or, when that line is missing, where the next
     * molfile begins after this one's {@code M  END} (a counts line ending in V2000 or V3000 outside the data items,
     * its header the three lines before it), so that a missing terminator never merges two molecules into one or
     * drops the second.
     */
    private static final class SdfRecords {
        private final BufferedReader lines;
        /** Lines read past the end of the previous record: the start of this one. */
        private final java.util.ArrayDeque<String> carried = new java.util.ArrayDeque<>();

        SdfRecords(BufferedReader lines) {
            this.lines = lines;
        }

        /** The next record's lines up to (without) its {@code $$$$}, or null at the end of the file. */
        String next() {
            StringBuilder text = new StringBuilder();
            boolean content = false;
            boolean ended = false; // past M  END
            boolean inItem = false; // inside a data item's value
            List<String> gap = new ArrayList<>(); // lines between data items, not yet placed
            try {
                String line;
                while ((line = carried.isEmpty() ? lines.readLine() : carried.poll()) != null) {
                    if (line.strip().equals("$$$$")) {
                        gap.forEach(l -> text.append(l).append('\n'));
                        return text.toString();
                    }
                    if (ended && !inItem) {
                        if (isCountsLine(line) && gap.size() >= 3) {
                            // a molfile header and counts line where data items belong: the $$$$ is missing
                            for (String l : gap.subList(0, gap.size() - 3)) {
                                text.append(l).append('\n');
                            }
                            carried.addAll(gap.subList(gap.size() - 3, gap.size()));
                            carried.add(line);
                            return text.toString();
                        }
                        if (line.startsWith(">")) {
                            gap.forEach(l -> text.append(l).append('\n'));
                            gap.clear();
                            inItem = true;
                        } else {
                            gap.add(line);
                            continue;
                        }
                    } else if (inItem && line.isBlank()) {
                        inItem = false;
                    }
                    ended |= line.startsWith("M  END");
                    text.append(line).append('\n');
                    content |= !line.isBlank();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gap.forEach(l -> text.append(l).append('\n'));
            content |= gap.stream().anyMatch(l -> !l.isBlank());
            return content ? text.toString() : null;
        }

        private static boolean isCountsLine(String line) {
            String s = line.stripTrailing();
            return s.endsWith("V2000") || s.endsWith("V3000");
        }
    }

    /**
     * A record with a line longer than {@link LineCappingReader#DEFAULT_MAX_LINE} characters, reported instead of
     * read (with the start of its SMILES, to find it by).
     */
    private static MoleculeRecord tooLong(long row, String smiles, Map<String, String> properties) {
        String start = smiles.replace(String.valueOf(LineCappingReader.CUT), "");
        start = start.length() > 40 ? start.substring(0, 40) + "..." : start;
        Map<String, String> kept = new LinkedHashMap<>();
        properties.forEach((k, v) -> kept.put(k, LineCappingReader.wasCut(v) ? "" : v));
        return new MoleculeRecord(row, start, null, kept, "a line longer than " + LineCappingReader.DEFAULT_MAX_LINE
                + " characters; not read");
    }

    private static MoleculeRecord sdfRecord(long row, String text, SmilesGenerator generator) {
        if (LineCappingReader.wasCut(text)) {
            return new MoleculeRecord(row, "", null, Map.of(), "SDF record " + (row + 1) + " has a line longer than "
                    + LineCappingReader.DEFAULT_MAX_LINE + " characters; not read");
        }
        int end = text.indexOf("M  END");
        int dataStart = end < 0 ? text.length() : text.indexOf('\n', end) + 1;
        String ctab = text.substring(0, dataStart == 0 ? text.length() : dataStart);
        String title = text.lines().findFirst().orElse("").strip();
        Map<String, String> props = new LinkedHashMap<>();
        props.put(SDF_TITLE, title);
        props.putAll(sdfProperties(text.substring(Math.min(dataStart, text.length()))));
        String where = "SDF record " + (row + 1) + (title.isEmpty() ? "" : " ('" + title + "')");
        IAtomContainer molecule;
        boolean v3000 = ctab.lines().skip(3).findFirst().orElse("").contains("V3000");
        try (ISimpleChemObjectReader mdl = v3000 ? new MDLV3000Reader(new StringReader(ctab))
                : new MDLV2000Reader(new StringReader(ctab))) {
            molecule = mdl.read(SilentChemObjectBuilder.getInstance().newAtomContainer());
        } catch (CDKException | IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            return new MoleculeRecord(row, "", null, props, where + ": unreadable connection table: " + reason);
        }
        if (molecule == null || molecule.getAtomCount() == 0) {
            return new MoleculeRecord(row, "", null, props, where + " has no atoms");
        }
        String smiles;
        try {
            smiles = generator.create(molecule);
        } catch (CDKException | RuntimeException e) {
            smiles = "";
        }
        return new MoleculeRecord(row, smiles, molecule, props);
    }

    /** The name of an SD data item's header line ({@code >  <name>}), or {@code null} if the line is not one. */
    private static String dataItemName(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return line.startsWith(">") && open > 0 && close > open ? line.substring(open + 1, close) : null;
    }

    /** SD data items ({@code >  <name>} then value lines up to a blank line), in file order. */
    private static Map<String, String> sdfProperties(String data) {
        Map<String, String> props = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : data.lines().toList()) {
            if (name == null) {
                name = dataItemName(line);
                value.setLength(0);
            } else if (line.isBlank()) {
                props.put(name, value.toString());
                name = null;
            } else {
                value.append(value.length() == 0 ? "" : "\n").append(line);
            }
        }
        if (name != null) {
            props.put(name, value.toString());
        }
        return props;
    }

    /**
     * The names of the records' {@link MoleculeRecord#properties() properties}, in file order: a CSV/TSV file's
     * columns other than the SMILES, a {@code .smi} file's {@code name}, an SDF file's {@code title} (the first line
     * of each record) and every data item name that any record has. An SDF file is read through once for them, on
     * the first call, without disturbing the records' reading.
     *
     * @throws InputFileException when an SDF file names more than 1,000 different data items
     */
    public List<String> propertyNames() throws InputFileException {
        if (propertyNames == null) {
            propertyNames = sdfPropertyNames();
        }
        return propertyNames;
    }

    /** The property holding an SDF record's title line. */
    public static final String SDF_TITLE = "title";
    private static final int MAX_SDF_PROPERTY_NAMES = 1_000;

    private List<String> sdfPropertyNames() throws InputFileException {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(SDF_TITLE);
        try (BufferedReader lines = new BufferedReader(new LineCappingReader(TextFiles.open(file, encoding),
                LineCappingReader.DEFAULT_MAX_LINE, (char) 0), 1 << 16)) {
            boolean inData = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("M  END")) {
                    inData = true;
                } else if (line.strip().equals("$$$$")) {
                    inData = false;
                } else if (inData) {
                    String name = dataItemName(line);
                    if (name != null && names.add(name) && names.size() > MAX_SDF_PROPERTY_NAMES) {
                        throw new InputFileException(file + ": more than " + MAX_SDF_PROPERTY_NAMES
                                + " different SD data items; keep the ones wanted by name");
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A damaged file: the names seen so far; reading the records reports the damage where it is.
        }
        return List.copyOf(names);
    }

    /**
     * The bytes of the file read so far (compressed bytes for a gzip file), read ahead of the records returned by up
     * to a buffer's worth: with {@link #size()}, how far a run has come.
     */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** The file's size in bytes, or -1 if it could not be told. */
    public long size() {
        return size;
    }

    /** Column names of a CSV/TSV source (empty for SDF, whose properties vary per record). */
    public List<String> columns() {
        return columns;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /**
     * Why reading stopped before the end of the file (a truncated gzip stream, an unterminated quote, an
     * unreadable byte), naming the place; {@code null} while the file reads cleanly. Every record before the
     * damage was returned, and one more record carries this reason as its read error.
     */
    public String damage() {
        return damage;
    }

    @Override
    public boolean hasNext() {
        if (ended) {
            return damageRecord != null;
        }
        try {
            if (records.hasNext()) {
                return true;
            }
            if (streamDamage.get() != null) {
                damaged(new UncheckedIOException(streamDamage.get()));
                return true;
            }
            ended = true;
            return false;
        } catch (UncheckedIOException | IllegalStateException e) {
            damaged(e);
            return true;
        }
    }

    @Override
    public MoleculeRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (ended) {
            MoleculeRecord r = damageRecord;
            damageRecord = null;
            return r;
        }
        try {
            MoleculeRecord r = records.next();
            lastRow = r.row();
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            damaged(e);
            return next();
        }
    }

    /** Ends reading at a failure of the file itself: the records read stand, the rest is reported as damage. */
    private void damaged(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        what = RowError.printable(what.replace(file + ": ", ""), 200);
        damage = file + ": the input is damaged after row " + lastRow + " (" + what + "); the rows before it were read";
        damageRecord = new MoleculeRecord(lastRow + 1, "", null, Map.of(), "input damaged here: " + what
                + "; nothing after it was read");
        ended = true;
    }

    /** Reads past the next {@code n} records (fewer at the end), as a resumed job does with the rows it has done. */
    public void skip(long n) {
        for (long i = 0; i < n && hasNext(); i++) {
            next();
        }
    }

    /** Reads the next {@code max} records (fewer at the end). */
    public List<MoleculeRecord> nextChunk(int max) {
        List<MoleculeRecord> chunk = new ArrayList<>(Math.min(max, 1 << 16));
        while (chunk.size() < max && hasNext()) {
            chunk.add(next());
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // already failing with a clearer error
        }
    }
}
