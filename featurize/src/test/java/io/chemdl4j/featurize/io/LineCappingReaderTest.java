package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines past the cap are cut as they are read and marked, and a CSV parser still reads every record after them:
 * the mark lands inside a field whether the cut falls in a quoted field, right after one, or in plain text.
 */
class LineCappingReaderTest {
    private static final String CUT = String.valueOf(LineCappingReader.CUT);

    @TempDir
    Path dir;

    @Test
    void shortLinesPassUnchanged() throws IOException {
        String text = "smiles,name\nCCO,\"a,b\"\n\"C\nC\",x\n";
        assertEquals(text, read(new LineCappingReader(new StringReader(text), 12, ','), 3));
    }

    @Test
    void aLongLineIsCutAndMarked() throws IOException {
        assertEquals("abcde" + CUT + "\nxy\n", read(new LineCappingReader(new StringReader("abcdefghij\nxy\n"), 5, (char) 0), 4));
        assertEquals("abcde" + CUT, read(new LineCappingReader(new StringReader("abcdefghij"), 5, (char) 0), 1000));
    }

    @Test
    void everyRecordAfterACutIsStillReadAsCsv() throws IOException {
        String text = "smiles,name\nCCO,a\n\"CCCCCCCCCCCCCCCCCCCC\",b\n\"CCCCCCC\",\"long name\"\nCCCCCCCCCCCCCCCCCCCCC,c\n"
                + "\"CCCCCCCC\",f\n\"C\nC\",d\nCCN,e\n";
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new LineCappingReader(new StringReader(text), 10, ',')).getRecords();
        List<String> smiles = new ArrayList<>();
        List<Boolean> cut = new ArrayList<>();
        for (CSVRecord r : records) {
            smiles.add(r.get(0).replace(CUT, "|"));
            cut.add(r.stream().anyMatch(LineCappingReader::wasCut));
        }
        assertEquals(List.of("CCO", "CCCCCCCCC|", "CCCCCCC", "CCCCCCCCCC|", "CCCCCCCC", "C\nC", "CCN"), smiles);
        assertEquals(List.of(false, true, true, true, true, false, false), cut);
    }

    @Test
    void aReaderReportsTheRowAndReadsTheRest() throws Exception {
        Path tsv = Files.writeString(dir.resolve("long.tsv"), "smiles\tname\nCCO\ta\n" + "C".repeat(3 << 20)
                + "\tb\nc1ccccc1\tc\n");
        List<MoleculeRecord> records = new ArrayList<>();
        try (MoleculeReader reader = MoleculeReader.open(tsv, "smiles")) {
            reader.forEachRemaining(records::add);
        }
        assertEquals(List.of(0L, 1L, 2L), records.stream().map(MoleculeRecord::row).toList());
        assertEquals("a line longer than 1048576 characters; not read", records.get(1).readError());
        assertTrue(records.get(1).smiles().length() < 50, "the error row quotes only the start");
        assertEquals("c1ccccc1", records.get(2).smiles());
    }

    private static String read(Reader reader, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int n = reader.read(buffer, 0, chunk); n >= 0; n = reader.read(buffer, 0, chunk)) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }
}
