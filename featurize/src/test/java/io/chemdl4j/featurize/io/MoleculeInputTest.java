package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;
import io.chemdl4j.featurize.RequiredData;
import io.chemdl4j.featurize.io.RowError;

/** Reading every input format, fragment policies, and the featurize job's output. */
class MoleculeInputTest {
    @TempDir
    Path dir;

    private static final String SDF = """
            ethanol
              manual

              3  2  0  0  0  0  0  0  0  0999 V2000
                0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
                1.5000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
                2.2500    1.2990    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
              1  2  1  0
              2  3  1  0
            M  END
            >  <solubility>
            1.1

            $$$$
            water
              manual

              1  0  0  0  0  0  0  0  0  0999 V2000
                0.0000    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
            M  END
            >  <solubility>
            55.5

            $$$$
            """;

    private List<MoleculeRecord> readAll(Path file, String column) throws Exception {
        try (MoleculeReader reader = MoleculeReader.open(file, column)) {
            List<MoleculeRecord> all = new ArrayList<>();
            reader.forEachRemaining(all::add);
            return all;
        }
    }

    private Path gzip(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void readsCsvTsvSmiAndSdfPlainOrGzipped() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "id,SMILES,y\n1,CCO,0.5\n2,c1ccccc1,1.5\n");
        List<MoleculeRecord> rows = readAll(csv, "SMILES");
        assertEquals(2, rows.size());
        assertEquals("c1ccccc1", rows.get(1).smiles());
        assertEquals("1.5", rows.get(1).properties().get("y"));
        assertEquals(1, rows.get(1).row());

        assertEquals(2, readAll(gzip("a.tsv.gz", "smiles\tname\nCCO\te\nCCN\tm\n"), "smiles").size());

        List<MoleculeRecord> smi = readAll(gzip("a.smi.gz", "CCO ethanol\n\n# comment\nc1ccccc1\tbenzene ring\n"), "x");
        assertEquals(List.of("CCO", "c1ccccc1"), smi.stream().map(MoleculeRecord::smiles).toList());
        assertEquals("benzene ring", smi.get(1).properties().get("name"));

        List<MoleculeRecord> sdf = readAll(Files.writeString(dir.resolve("b.sdf"), SDF), "ignored");
        assertEquals(2, sdf.size());
        assertEquals("CCO", sdf.get(0).smiles());
        assertEquals("55.5", sdf.get(1).properties().get("solubility"));
        assertEquals(3, sdf.get(0).molecule().getAtomCount());
    }

    @Test
    void aBrokenSdfRecordIsReportedWithItsNumberAndTheRestIsRead() throws Exception {
        // the middle record's counts line promises 3 atoms but its atom block holds garbage
        String broken = """
                broken one
                  manual

                  3  2  0  0  0  0  0  0  0  0999 V2000
                    0.0000    not-a-number  C   0  0  0  0  0
                M  END
                >  <solubility>
                9.9

                $$$$
                """;
        int split = SDF.indexOf("$$$$") + 5;
        Path file = Files.writeString(dir.resolve("mixed.sdf"), SDF.substring(0, split) + broken + SDF.substring(split));
        List<MoleculeRecord> records = readAll(file, "ignored");
        assertEquals(List.of(0L, 1L, 2L), records.stream().map(MoleculeRecord::row).toList());
        assertNull(records.get(0).readError());
        assertTrue(records.get(1).readError().startsWith("SDF record 2 ('broken one'): unreadable connection table"),
                records.get(1).readError());
        assertEquals("9.9", records.get(1).properties().get("solubility"), "properties survive a broken ctab");
        assertEquals("O", records.get(2).smiles());

        List<RowError> errors = new ArrayList<>();
        List<Long> featurized = new ArrayList<>();
        try (MoleculeReader reader = MoleculeReader.open(file, "ignored")) {
            StreamingFeaturizer.Summary s = new StreamingFeaturizer<>(new MorganFeaturizer(), FragmentPolicy.KEEP_ALL, 2, 2)
                    .run(reader, (r, f) -> featurized.add(r.row()), errors::add, null);
            assertEquals(new StreamingFeaturizer.Summary(3, 2, 1), s);
        }
        assertEquals(List.of(0L, 2L), featurized);
        assertEquals(1, errors.get(0).row());
        assertTrue(errors.get(0).reason().contains("SDF record 2"), errors.get(0).reason());
    }

    /**
     * A truncated gzip stream or an unterminated quote ends reading with every row before it read, one error row
     * at the place, and the damage named; a job's summary carries it.
     */
    @Test
    void aDamagedInputKeepsEveryRowBeforeTheDamage() throws Exception {
        StringBuilder text = new StringBuilder("smiles,name\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("C".repeat(1 + i % 5)).append("O,m").append(i).append('\n');
        }
        Path whole = gzip("whole.csv.gz", text.toString());
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<MoleculeRecord> records;
        String damage;
        try (MoleculeReader reader = MoleculeReader.open(truncated, "smiles")) {
            records = new ArrayList<>();
            reader.forEachRemaining(records::add);
            damage = reader.damage();
        }
        MoleculeRecord last = records.get(records.size() - 1);
        assertTrue(records.size() > 10_000 && records.size() < 50_000, records.size() + " rows");
        assertEquals(records.size() - 1, last.row());
        assertTrue(last.readError().startsWith("input damaged here: Unexpected end of ZLIB input stream"), last.readError());
        assertTrue(records.subList(0, records.size() - 1).stream().allMatch(r -> r.readError() == null));
        assertTrue(damage.contains("the input is damaged after row " + (last.row() - 1)), damage);

        Path quote = Files.writeString(dir.resolve("quote.csv"), "smiles,name\nCCO,a\nCCN,\"b\nCCC,c\n");
        Path out = dir.resolve("quote.out.csv");
        StreamingFeaturizer.Summary s = FeaturizeJob.run(new FeaturizeJob.Config(quote, "smiles",
                FeaturizeJob.spec("maccs", 2, 1024, false, false), FeatureCsvWriter.Layout.ONBITS, out, null,
                FragmentPolicy.KEEP_ALL, 1, null, null), null);
        assertEquals(1, s.featurized());
        assertTrue(s.damage().contains("EOF reached before encapsulated token finished"), s.damage());
        assertEquals(2, Files.readAllLines(out).size(), "the row before the damage is written");
    }

    /** A byte-order mark is dropped; repeated column names and text that is not UTF-8 are refused naming why. */
    @Test
    void byteOrderMarksRepeatedColumnsAndOtherEncodings() throws Exception {
        Path bom = Files.write(dir.resolve("bom.csv"), "\uFEFFsmiles,name\nCCO,a\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("CCO", readAll(bom, "smiles").get(0).smiles());
        Path repeated = Files.writeString(dir.resolve("repeated.csv"), "smiles,name,name\nCCO,a,b\n");
        String message = assertThrows(InputFileException.class, () -> MoleculeReader.open(repeated, "smiles")).getMessage();
        assertTrue(message.endsWith("the header names [name] more than once; every column needs its own name"), message);
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "smiles,name\nCCO,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        message = assertThrows(InputFileException.class, () -> MoleculeReader.open(latin1, "smiles")).getMessage();
        assertTrue(message.contains("not UTF-8 text") && message.contains("--encoding"), message);
        try (MoleculeReader reader = MoleculeReader.open(latin1, "smiles", StandardCharsets.ISO_8859_1)) {
            assertEquals("caf\u00e9", reader.next().properties().get("name"), "read in the encoding it was written in");
        }
    }

    /** A record whose {@code $$$$} is missing ends where the next molfile begins: nothing merged, nothing lost. */
    @Test
    void aMissingTerminatorNeitherMergesNorDropsRecords() throws Exception {
        String first = SDF.substring(0, SDF.indexOf("$$$$"));
        String second = SDF.substring(SDF.indexOf("$$$$") + 5);
        String noItems = first.substring(0, first.indexOf("M  END") + 7);
        for (String text : List.of(first + second, noItems + second, first + "\n" + second,
                first + second.replace("$$$$\n", ""))) {
            List<MoleculeRecord> records = readAll(Files.writeString(dir.resolve("unterminated.sdf"), text), "ignored");
            assertEquals(List.of("CCO", "O"), records.stream().map(MoleculeRecord::smiles).toList(), text);
            assertEquals("55.5", records.get(1).properties().get("solubility"));
            assertEquals(text.contains("1.1") ? java.util.Map.of("title", "ethanol", "solubility", "1.1")
                    : java.util.Map.of("title", "ethanol"), records.get(0).properties(),
                    "nothing of the second record in the first");
            assertEquals("water", records.get(1).properties().get("title"));
            assertNull(records.get(1).readError());
        }
        List<MoleculeRecord> records = readAll(Files.writeString(dir.resolve("blank-title.sdf"),
                first + second.replaceFirst("water", "")), "ignored");
        assertEquals(List.of("CCO", "O"), records.stream().map(MoleculeRecord::smiles).toList(), "a blank title line");
    }

    @Test
    void readsEveryRecordOfARealSdfFile() throws Exception {
        Path gdb = Path.of(System.getenv().getOrDefault("CHEMDL_DATA_DIR", "../../shared/data"), "gdb1k.sdf");
        RequiredData.require(Files.exists(gdb), "no " + gdb);
        List<MoleculeRecord> records = readAll(gdb, "ignored");
        long sdfTerminators = Files.readAllLines(gdb).stream().filter(l -> l.strip().equals("$$$$")).count();
        assertEquals(sdfTerminators, records.size());
        assertTrue(records.stream().allMatch(r -> r.readError() == null && r.molecule().getAtomCount() > 0));
        // RDKit 2022.09's SanitizeMol refuses exactly these records (0-based, as RDKit's SDMolSupplier counts them),
        // each for a nitrogen with four bonds; every other record passes.
        List<Long> refused = new ArrayList<>();
        for (MoleculeRecord r : records) {
            try {
                MoleculeLimits.defaults().check(r.molecule());
            } catch (InvalidMoleculeException e) {
                assertTrue(e.getMessage().startsWith("N with valence 4 "), e.getMessage());
                refused.add(r.row());
            }
        }
        assertEquals(List.of(198L, 202L, 221L, 365L, 444L, 591L, 667L, 809L, 934L), refused);
    }

    @Test
    void unreadableFilesGiveOneClearReason() throws Exception {
        InputFileException missing = assertThrows(InputFileException.class,
                () -> MoleculeReader.open(dir.resolve("nope.csv"), "smiles"));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertTrue(assertThrows(InputFileException.class, () -> MoleculeReader.open(empty, "smiles"))
                .getMessage().contains("empty"));
        Path noColumn = Files.writeString(dir.resolve("x.csv"), "mol,y\nCCO,1\n");
        assertTrue(assertThrows(InputFileException.class, () -> MoleculeReader.open(noColumn, "smiles"))
                .getMessage().contains("no column 'smiles'"));
        Path binary = Files.write(dir.resolve("b.csv"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0x10});
        assertTrue(assertThrows(InputFileException.class, () -> MoleculeReader.open(binary, "smiles"))
                .getMessage().contains("not a text file"));
    }

    @Test
    void fragmentPoliciesAreExplicit() throws Exception {
        Path csv = Files.writeString(dir.resolve("salts.csv"), "smiles\n[Na+].[O-]C(=O)c1ccccc1\nCCO\n");
        MorganFeaturizer morgan = new MorganFeaturizer();
        List<float[]> kept = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try (MoleculeReader reader = MoleculeReader.open(csv, "smiles")) {
            new StreamingFeaturizer<>(morgan, FragmentPolicy.LARGEST, 2, 1)
                    .run(reader, (r, f) -> kept.add(f), errors::add, null);
        }
        assertArrayEquals(morgan.featurize("[O-]C(=O)c1ccccc1"), kept.get(0), "largest fragment is the benzoate");
        try (MoleculeReader reader = MoleculeReader.open(csv, "smiles")) {
            StreamingFeaturizer.Summary s = new StreamingFeaturizer<>(morgan, FragmentPolicy.REJECT, 2, 1)
                    .run(reader, (r, f) -> { }, errors::add, null);
            assertEquals(1, s.failed());
        }
        assertEquals(0, errors.get(0).row());
        assertTrue(errors.get(0).reason().contains("2 fragments"), errors.get(0).reason());
    }

    @Test
    void jobWritesRowSmilesAndOnBitsAndListsErrors() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "smiles\nCCO\nC1CC\nc1ccccc1O\n");
        Path out = dir.resolve("out.csv");
        Path errors = dir.resolve("errors.csv");
        StreamingFeaturizer.Summary s = FeaturizeJob.run(new FeaturizeJob.Config(csv, "smiles",
                FeaturizeJob.spec("morgan", 2, 1024, false, false), FeatureCsvWriter.Layout.ONBITS, out, errors,
                FragmentPolicy.KEEP_ALL, 2, null, null), null);
        assertEquals(new StreamingFeaturizer.Summary(3, 2, 1), s);
        // on-bits from native RDKit 2022.09: GetMorganFingerprintAsBitVect(m, 2, nBits=1024)
        assertEquals(List.of("row,smiles,onbits", "0,CCO,33 80 222 294 386 807",
                "2,c1ccccc1O,64 65 175 356 389 578 726 745 754 807 849"), Files.readAllLines(out));
        List<String> err = Files.readAllLines(errors);
        assertEquals("row,smiles,reason", err.get(0));
        assertTrue(err.get(1).startsWith("1,C1CC,"), err.get(1));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }
}
