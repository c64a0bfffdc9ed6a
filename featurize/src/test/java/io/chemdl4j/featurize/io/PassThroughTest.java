package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * The input's own columns travel into the featurized output: every one by default (CSV columns, {@code .smi}
 * names, SDF titles and every property any record has), none, or the ones named; an id column comes first; a
 * name taken by the output is written as {@code <name>_input}; a column asked for that is not there is refused
 * naming the ones there are.
 */
class PassThroughTest {
    @TempDir
    Path dir;

    private static final String SDF = """
            aspirin
              CDK

              2  1  0  0  0  0  0  0  0  0999 V2000
                0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
                1.5000    0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
              1  2  1  0  0  0  0
            M  END
            >  <id>
            M-1

            $$$$
            second
              CDK

              1  0  0  0  0  0  0  0  0  0999 V2000
                0.0000    0.0000    0.0000 N   0  0  0  0  0  0  0  0  0  0  0  0
            M  END
            >  <id>
            M-2

            >  <pIC50>
            6.5

            $$$$
            """;

    @Test
    void everyCsvColumnIsKeptByDefaultAndANameTakenByTheOutputIsRenamed() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "name,smiles,onbits,mw\nethanol,CCO,x,46\n"
                + "broken,C1CC,y,0\nbenzene,c1ccccc1,z,78\n");
        List<String> out = featurize(csv, PassThrough.all());
        assertEquals("row,smiles,name,onbits_input,mw,onbits", out.get(0));
        assertTrue(out.get(1).startsWith("0,CCO,ethanol,x,46,"), out.get(1));
        assertTrue(out.get(2).startsWith("2,c1ccccc1,benzene,z,78,"), out.get(2));
        assertEquals(3, out.size(), "the broken row is an error row, not an output row");
    }

    @Test
    void noneOrTheNamedOnesWithTheIdFirst() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "name,smiles,mw,logp\nethanol,CCO,46,-0.1\n");
        assertEquals("row,smiles,onbits", featurize(csv, PassThrough.none()).get(0));
        List<String> named = featurize(csv, PassThrough.only(List.of("logp")).withIdColumn("name"));
        assertEquals("row,smiles,name,logp,onbits", named.get(0));
        assertTrue(named.get(1).startsWith("0,CCO,ethanol,-0.1,"), named.get(1));
        assertEquals("row,smiles,name,onbits", featurize(csv, PassThrough.none().withIdColumn("name")).get(0),
                "the id is kept with none");
        InputFileException missing = assertThrows(InputFileException.class,
                () -> featurize(csv, PassThrough.only(List.of("mw", "pIC50"))));
        assertEquals(csv + ": no column 'pIC50' to keep (it has [name, mw, logp])", missing.getMessage());
    }

    @Test
    void smiNamesAndSdfTitlesAndPropertiesAreColumns() throws Exception {
        Path smi = Files.writeString(dir.resolve("in.smi"), "CCO ethanol\nc1ccccc1\tbenzene ring\nCC\n");
        List<String> fromSmi = featurize(smi, PassThrough.all());
        assertEquals("row,smiles,name,onbits", fromSmi.get(0));
        assertTrue(fromSmi.get(2).startsWith("1,c1ccccc1,benzene ring,"), fromSmi.get(2));
        assertTrue(fromSmi.get(3).startsWith("2,CC,,"), fromSmi.get(3));

        Path sdf = Files.writeString(dir.resolve("in.sdf"), SDF);
        List<String> fromSdf = featurize(sdf, PassThrough.all());
        assertEquals("row,smiles,title,id,pIC50,onbits", fromSdf.get(0), "a property of the second record only");
        assertTrue(fromSdf.get(1).startsWith("0,CO,aspirin,M-1,,"), fromSdf.get(1));
        assertTrue(fromSdf.get(2).startsWith("1,N,second,M-2,6.5,"), fromSdf.get(2));
        assertEquals("row,smiles,id,onbits", featurize(sdf, PassThrough.none().withIdColumn("id")).get(0));
    }

    /** Progress is told in bytes of the file, compressed ones for gzip, and ends at its size. */
    @Test
    void progressIsToldAsTheFractionOfTheFileRead() throws Exception {
        // ~1.6 MB, so that the reader's buffers (64 KiB each) hold a small part of it at a time.
        StringBuilder text = new StringBuilder("smiles,note\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("C".repeat(1 + i % 7)).append("O,").append(Integer.toHexString(i * 7919).repeat(10))
                    .append('\n');
        }
        Path csv = Files.writeString(dir.resolve("many.csv"), text);
        Path gz = dir.resolve("many.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (Path file : List.of(csv, gz)) {
            List<long[]> told = new java.util.ArrayList<>();
            StreamingFeaturizer.ProgressListener listener = new StreamingFeaturizer.ProgressListener() {
                @Override
                public void rowsDone(long rows) {
                }

                @Override
                public void bytesRead(long read, long size) {
                    told.add(new long[] {read, size});
                }
            };
            FeaturizeJob.run(new FeaturizeJob.Config(file, "smiles", FeaturizeJob.spec("ecfp", 2, 64, false, false),
                    FeatureCsvWriter.Layout.ONBITS, dir.resolve("o.csv"), null, FragmentPolicy.KEEP_ALL, 1, null, null,
                    null), listener);
            assertTrue(told.size() > 1, "told more than once: " + told.size());
            long[] last = told.get(told.size() - 1);
            assertEquals(Files.size(file), last[1]);
            assertEquals(Files.size(file), last[0], file + ": all of it read at the end");
            if (file.equals(csv)) { // the gzip file (a few KB) is read in one gulp
                assertTrue(told.get(0)[0] < last[0] / 2, "told as it goes: " + told.get(0)[0] + " of " + last[0]);
            }
        }
    }

    private List<String> featurize(Path input, PassThrough keep) throws Exception {
        Path out = dir.resolve("out.csv");
        FeaturizeJob.run(new FeaturizeJob.Config(input, "smiles", FeaturizeJob.spec("ecfp", 2, 1024, false, false),
                FeatureCsvWriter.Layout.ONBITS, out, null, FragmentPolicy.KEEP_ALL, 1, null, null, keep), null);
        return Files.readAllLines(out);
    }
}
