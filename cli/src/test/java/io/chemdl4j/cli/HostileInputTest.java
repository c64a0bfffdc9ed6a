package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.io.ModelIO;
import picocli.CommandLine;

/**
 * The hostile-input suite: crafted model directories and damaged or malicious input files, each built here, fed to
 * {@code chemdl} in a JVM of its own (heap capped at 512 MB, an empty home), and held to the same outcome: exit code
 * 2 and one line naming what is wrong (no stack trace, nothing echoed from a file it should not read), under 30 s
 * and 1 GB of peak resident memory, nothing written but the output paths, and for inputs no row lost (every row in
 * the output or in the error list, a damaged end reported as its own error row). The cases run two at a time.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class HostileInputTest {
    /** Numbers the cases' directories: the cases run two at a time. */
    private static final java.util.concurrent.atomic.AtomicInteger CASES = new java.util.concurrent.atomic.AtomicInteger();
    private static final long MAX_SECONDS = 30;
    private static final long MAX_RSS_BYTES = 1L << 30;
    private static final List<String> SMILES = List.of("CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC",
            "O=C(O)c1ccccc1", "C1CCCCC1", "CCCCCCCCO", "Clc1ccc(Cl)cc1");

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void trainASmallModel() {
        model = dir.resolve("model");
        CommandLine cl = ChemDl.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("train", "--dataset", "delaney", "--epochs", "1", "--layers", "16", "--quiet",
                "--save-model", model.toString()));
    }

    /** What one run did. */
    private record Outcome(int exit, List<String> lines, double seconds, long peakRss, Set<String> created) {
        String text() {
            return String.join("\n", lines);
        }
    }

    /** A crafted copy of the model: {@code craft} changes the files of the copy in {@code dir}. */
    @FunctionalInterface
    private interface Craft {
        void apply(Path dir) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> craftedModelsAreRefusedInOneLine() {
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(refused("an array declaring 2^62 values", d -> replaceFirstArray(d,
                arrayHeader(new long[] {1L << 62}), 16), "out of range"));
        cases.add(refused("an array declaring 2^31 values in a 2 MB entry", d -> replaceFirstArray(d,
                arrayHeader(new long[] {1L << 16, 1L << 15}), 2 << 20), "more than 67108864 elements"));
        cases.add(refused("a zip bomb: 1 GB of zeros (about 1 MB on disk)", d -> replaceFirstArray(d, new byte[0],
                1L << 30), "is not a ChemDL4J array"));
        cases.add(refused("a zip bomb behind a valid header: 2^26 floats and 64 MB more", d -> replaceFirstArray(d,
                arrayHeader(new long[] {1L << 13, 1L << 13}), (1L << 28) + (64 << 20)), "data continues after"));
        cases.add(refused("an array of the wrong shape", d -> replaceFirstArray(d, arrayHeader(new long[] {3, 2}), 24),
                "has shape [3, 2]"));
        cases.add(refused("a Java serialization payload as an extra entry", d -> addEntry(d.resolve("parameters.zip"),
                "preprocessor.bin", javaSerializationPayload()), "entry 'preprocessor.bin' is not a ChemDL4J array"));
        cases.add(refused("a version-1 network.zip with a Java serialization payload", d -> {
            clear(d);
            Path golden = Path.of("..", "models", "src", "test", "resources", "golden", "v1-multitask-classifier");
            Files.copy(golden.resolve(ModelIO.MANIFEST), d.resolve(ModelIO.MANIFEST));
            Files.copy(golden.resolve(ModelIO.NETWORK), d.resolve(ModelIO.NETWORK));
            addEntry(d.resolve(ModelIO.NETWORK), "preprocessor.bin", javaSerializationPayload());
        }, "unexpected entry 'preprocessor.bin'"));
        cases.add(refused("a manifest without modelType", d -> editManifest(d, "\"modelType\"", "\"modelTypo\""),
                "modelType"));
        cases.add(refused("a manifest without tasks", d -> editManifest(d, "\"tasks\"", "\"tusks\""), "tasks"));
        cases.add(refused("a manifest that is not JSON", d -> Files.writeString(d.resolve(ModelIO.MANIFEST), "{\"format"),
                "not JSON"));
        cases.add(refused("a 20 MB manifest", d -> Files.writeString(d.resolve(ModelIO.MANIFEST), " ".repeat(20 << 20)),
                "is larger than"));
        cases.add(refused("a manifest that links to /etc/passwd", d -> {
            Files.delete(d.resolve(ModelIO.MANIFEST));
            Files.createSymbolicLink(d.resolve(ModelIO.MANIFEST), Path.of("/etc/passwd"));
        }, "is a symbolic link"));
        cases.add(refused("a parameters file that links elsewhere", d -> {
            Path moved = Files.move(d.resolve("parameters.zip"), dir.resolve("elsewhere-" + CASES.incrementAndGet()));
            Files.createSymbolicLink(d.resolve("parameters.zip"), moved);
        }, "is a symbolic link"));
        cases.add(refused("a truncated parameters file", d -> {
            byte[] bytes = Files.readAllBytes(d.resolve("parameters.zip"));
            Files.write(d.resolve("parameters.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        }, "parameters.zip"));
        cases.add(refused("a missing parameters file", d -> Files.delete(d.resolve("parameters.zip")),
                "parameters.zip"));
        cases.add(refused("a 300 MB calibration file", d -> {
            try (var f = new java.io.RandomAccessFile(d.resolve("reliability.json").toFile(), "rw")) {
                f.setLength(300L << 20); // sparse: the size is checked before a byte is read
            }
        }, "reliability.json is larger than"));
        cases.add(refused("a calibration file that links to /etc/passwd", d -> Files.createSymbolicLink(
                d.resolve("reliability.json"), Path.of("/etc/passwd")), "reliability.json is not a regular file"));
        cases.add(refused("a calibration file whose fingerprint bits lie outside the fingerprint", d -> Files.writeString(
                d.resolve("reliability.json"), "{\"format\":\"chemdl4j-reliability\",\"formatVersion\":1,"
                        + "\"taskType\":\"regression\",\"tasks\":[\"y\"],\"spread\":{\"kind\":\"none\",\"samples\":0},"
                        + "\"intervals\":[{\"normalized\":false,\"scores\":[1.0]}],\"domain\":{\"fingerprint\":"
                        + "{\"name\":\"ecfp\"},\"neighbours\":5,\"quantile\":0.05,\"threshold\":0.2,\"length\":16,"
                        + "\"training\":[[1,99999]]},\"provenance\":{\"source\":\"x\",\"split\":\"y\",\"calibrationSize\":1,"
                        + "\"trainingSize\":1}}"),
                "bit 99999"));
        return cases.stream();
    }

    private DynamicTest refused(String name, Craft craft, String expected) {
        return dynamicTest(name, () -> {
            Path work = Files.createDirectories(dir.resolve("case-" + CASES.incrementAndGet()));
            Path crafted = work.resolve("crafted-model");
            copy(model, crafted);
            craft.apply(crafted);
            Path input = Files.writeString(work.resolve("in.smi"), String.join("\n", SMILES) + "\n");
            Set<String> before = files(work);
            Outcome o = chemdl(work, "predict", "--model", crafted.toString(), "--input", input.toString(), "--output",
                    work.resolve("out.csv").toString(), "--errors", work.resolve("errors.csv").toString(), "--quiet");
            assertBounded(o);
            assertEquals(2, o.exit(), o.text());
            assertEquals(1, o.lines().size(), "one line:\n" + o.text());
            assertTrue(o.lines().get(0).startsWith("chemdl predict: "), o.text());
            assertTrue(o.lines().get(0).contains(expected), "'" + expected + "' in: " + o.text());
            assertFalse(o.text().contains("root:"), "nothing of a linked file is echoed");
            assertEquals(before, files(work), "nothing is written");
        });
    }

    @TestFactory
    Stream<DynamicTest> damagedInputsLoseNoRow() {
        List<DynamicTest> cases = new ArrayList<>();
        String csv = csv(2000);
        cases.add(damaged("a truncated gzip file", "library.csv.gz", gzipTruncated(csv), 2, "the input is damaged"));
        String quoted = csv(1000).replace("\nm500,", "\n\"m500,");
        cases.add(damaged("an unterminated quote in row 500", "library.csv", quoted.getBytes(StandardCharsets.UTF_8), 2,
                "the input is damaged after row 499"));
        StringBuilder sdf = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sdf.append("m").append(i).append("\n  CDK\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n")
                    .append("    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\nM  END\n");
        }
        cases.add(damaged("an SDF file whose $$$$ lines are missing", "molecules.sdf",
                sdf.toString().getBytes(StandardCharsets.UTF_8), 0, null));
        cases.add(damaged("a byte-order mark before the header", "library.csv",
                ("\ufeff" + csv(50)).getBytes(StandardCharsets.UTF_8), 0, null));
        StringBuilder giant = new StringBuilder("id,smiles\n");
        giant.append("a,CCO\n").append("chain,").append("C".repeat(5000)).append('\n')
                .append("nested,").append("C(".repeat(5000)).append('C').append(")".repeat(5000)).append('\n')
                .append("line,").append("C".repeat(5 << 20)).append('\n').append("b,c1ccccc1O\n");
        cases.add(damaged("giant molecules and a 5 MB line", "library.csv", giant.toString().getBytes(StandardCharsets.UTF_8),
                0, null));
        cases.add(refusedInput("duplicate column names", "library.csv",
                "id,smiles,id\na,CCO,b\n".getBytes(StandardCharsets.UTF_8), "id"));
        cases.add(refusedInput("a file that is not UTF-8", "library.csv",
                "id,smiles\ncaf\u00e9,CCO\n".getBytes(StandardCharsets.ISO_8859_1), "--encoding"));
        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        cases.add(refusedInput("a binary file", "library.csv", binary, "library.csv"));
        return cases.stream();
    }

    /**
     * {@code content} as file {@code name} through featurize: the exit code expected, every input row once in the
     * output or the error list, and (when damaged) a last line naming the damage and an error row at that place.
     */
    private DynamicTest damaged(String name, String file, byte[] content, int exit, String lastLine) {
        return dynamicTest(name, () -> {
            Path work = Files.createDirectories(dir.resolve("case-" + CASES.incrementAndGet()));
            Path input = Files.write(work.resolve(file), content);
            Path out = work.resolve("out.csv");
            Path errors = work.resolve("errors.csv");
            Outcome o = chemdl(work, "featurize", "--input", input.toString(), "--output", out.toString(), "--errors",
                    errors.toString(), "--format", "onbits", "--quiet");
            assertBounded(o);
            assertEquals(exit, o.exit(), o.text());
            assertFalse(o.text().contains("Exception") || o.text().contains("\tat "), o.text());
            TreeSet<Long> rows = new TreeSet<>();
            long listed = rowsOf(out, rows) + rowsOf(errors, rows);
            if (lastLine != null) {
                assertTrue(o.lines().get(o.lines().size() - 1).contains(lastLine), o.text());
                assertTrue(Files.readAllLines(out).size() > 100, "the rows before the damage are written");
            }
            assertEquals(rows.size(), listed, "no row twice");
            assertEquals(rows.last() + 1, rows.size(), "no row missing: rows 0.." + rows.last() + " all present");
            if (exit == 0) {
                long expectedRows = file.endsWith(".sdf") ? 10 : new String(content, StandardCharsets.UTF_8).lines()
                        .count() - 1;
                assertEquals(expectedRows, rows.size(), "every input row is accounted for");
            }
            assertEquals(Set.of(file, "out.csv", "errors.csv"), files(work), "nothing else is written");
        });
    }

    private DynamicTest refusedInput(String name, String file, byte[] content, String expected) {
        return dynamicTest(name, () -> {
            Path work = Files.createDirectories(dir.resolve("case-" + CASES.incrementAndGet()));
            Path input = Files.write(work.resolve(file), content);
            Outcome o = chemdl(work, "featurize", "--input", input.toString(), "--output",
                    work.resolve("out.csv").toString(), "--quiet");
            assertBounded(o);
            assertEquals(2, o.exit(), o.text());
            assertEquals(1, o.lines().size(), "one line:\n" + o.text());
            assertTrue(o.lines().get(0).contains(expected), "'" + expected + "' in: " + o.text());
            assertEquals(Set.of(file), files(work), "nothing is written");
        });
    }

    private static void assertBounded(Outcome o) {
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertTrue(o.peakRss() > 0, "the memory of the run was measured");
        }
        System.out.printf(java.util.Locale.ROOT, "hostile input: exit %d, %.1f s, peak RSS %d MB: %s%n", o.exit(),
                o.seconds(), o.peakRss() >> 20, o.lines().isEmpty() ? "" : o.lines().get(o.lines().size() - 1));
        assertTrue(o.seconds() < MAX_SECONDS, "took " + o.seconds() + " s:\n" + o.text());
        assertTrue(o.peakRss() < MAX_RSS_BYTES, "peak RSS " + (o.peakRss() >> 20) + " MB:\n" + o.text());
    }

    /** Runs chemdl in a JVM of its own in {@code work}, with an empty home and a 512 MB heap, watching its memory. */
    private static Outcome chemdl(Path work, String... args) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-" + CASES.incrementAndGet()));
        Path log = home.resolve("chemdl.log");
        ProcessBuilder pb = ChildJvm.of(List.of("-Xmx512m", "-Duser.home=" + home), ChemDl.class, List.of(args))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", home.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        long peak = 0;
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        while (p.isAlive() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2 * MAX_SECONDS)) {
            peak = Math.max(peak, peakRss(status));
            Thread.sleep(20);
        }
        if (p.isAlive()) {
            p.destroyForcibly().waitFor();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return new Outcome(p.exitValue(), lines, seconds, peak, files(work));
    }

    /** The process's peak resident set (VmHWM) in bytes; 0 where /proc is not there (not Linux) or it has ended. */
    private static long peakRss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended between two looks
        }
        return 0;
    }

    private static Set<String> files(Path work) throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            return all.filter(p -> !p.equals(work) && !p.startsWith(work.resolve("crafted-model")))
                    .map(p -> work.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** The rows named in a CSV written by featurize (first column), added to {@code rows}; how many lines there were. */
    private static long rowsOf(Path csv, Set<Long> rows) throws IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        long n = 0;
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(csv))) {
            for (var record : parser) {
                rows.add(Long.parseLong(record.get(0)));
                n++;
            }
        }
        return n;
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id,smiles\n");
        for (int i = 0; i < rows; i++) {
            csv.append('m').append(i).append(',').append(SMILES.get(i % SMILES.size())).append('\n');
        }
        return csv.toString();
    }

    private static byte[] gzipTruncated(String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] all = bytes.toByteArray();
            return Arrays.copyOf(all, all.length / 2);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The start of a ChemDL4J array entry: magic, version 1, float32, the rank and {@code shape}. */
    private static byte[] arrayHeader(long[] shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("CDLA");
            out.writeByte(1);
            out.writeByte(1);
            out.writeByte(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
        }
        return bytes.toByteArray();
    }

    /** The bytes of a serialized Java object: what DL4J's serializer would have handed to ObjectInputStream. */
    private static byte[] javaSerializationPayload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.HashMap<>(java.util.Map.of("a", new java.util.ArrayList<>(List.of(1, 2)))));
        }
        return bytes.toByteArray();
    }

    /** Rewrites parameters.zip with its first entry replaced by {@code head} followed by {@code zeros} zero bytes. */
    private static void replaceFirstArray(Path model, byte[] head, long zeros) throws IOException {
        Path file = model.resolve("parameters.zip");
        Path rewritten = model.resolve("parameters.zip.new");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            boolean first = true;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (first) {
                    out.write(head);
                    byte[] block = new byte[1 << 20];
                    for (long left = zeros; left > 0; left -= block.length) {
                        out.write(block, 0, (int) Math.min(block.length, left));
                    }
                    first = false;
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(rewritten, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void addEntry(Path zip, String name, byte[] content) throws IOException {
        Path rewritten = zip.resolveSibling(zip.getFileName() + ".new");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        Files.move(rewritten, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void editManifest(Path model, String from, String to) throws IOException {
        Path manifest = model.resolve(ModelIO.MANIFEST);
        String text = Files.readString(manifest);
        assertTrue(text.contains(from), from + " in the manifest");
        Files.writeString(manifest, text.replace(from, to));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void clear(Path model) throws IOException {
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }
}
