package io.chemdl4j.moleculenet.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.InvalidDataException;

/** Sharded NumPy storage: round trips, the .npy bytes, checksums, batches, and crash safety. */
class DiskDatasetTest {
    @TempDir
    Path dir;

    static Dataset sample(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][d];
        float[][] y = new float[n][2];
        float[][] w = new float[n][2];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = r.nextFloat();
            }
            y[i][0] = r.nextInt(2);
            y[i][1] = (float) r.nextGaussian();
            w[i][0] = 1;
            w[i][1] = i % 3 == 0 ? 0 : 1;
            ids[i] = "mol-" + i + (i % 7 == 0 ? "-αβ" : "");
        }
        return Dataset.of(x, y, w, ids, List.of("active", "logS"));
    }

    @Test
    void roundTripsThroughShardsAndReopensIdentically() throws Exception {
        Dataset data = sample(25, 6, 1);
        DiskDataset disk = DiskDataset.write(data, dir.resolve("ds"), 10, Map.of("source", "unit test"));
        assertEquals(3, disk.shardCount());
        assertEquals(List.of(10, 10, 5), List.of(disk.shardSize(0), disk.shardSize(1), disk.shardSize(2)));
        DiskDataset reopened = DiskDataset.open(dir.resolve("ds"));
        assertEquals(data, reopened.toDataset());
        assertEquals("unit test", reopened.properties().get("source"));
        assertEquals(List.of("active", "logS"), reopened.tasks());
    }

    @Test
    void shardsAreNumpyFilesWithTheExpectedHeaders() throws Exception {
        DiskDataset disk = DiskDataset.write(sample(12, 5, 2), dir.resolve("ds"), 8, Map.of());
        List<Path> files = disk.shardFiles(1);
        byte[] x = Files.readAllBytes(files.get(0));
        // magic, version 1.0, header length; the header (with its newline) pads the preamble to 64 bytes
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, java.util.Arrays.copyOf(x, 8));
        int headerLength = (x[8] & 0xff) | (x[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(x, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), }", header.strip());
        assertEquals(10 + headerLength + 4 * 5 * 4, x.length);
        float first = ByteBuffer.wrap(x, 10 + headerLength, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(disk.shard(1).feature(0, 0), first);
        byte[] ids = Files.readAllBytes(files.get(3));
        String idHeader = new String(ids, 10, (ids[8] & 0xff) | (ids[9] & 0xff) << 8, StandardCharsets.US_ASCII);
        assertTrue(idHeader.startsWith("{'descr': '<U"), idHeader);
        assertTrue(idHeader.contains("'shape': (4,)"), idHeader);
        numpyAgrees(files.get(0), disk.shard(1));
    }

    /** Where NumPy is installed, it reads the shard to the same values (skipped silently elsewhere). */
    private static void numpyAgrees(Path x, Dataset shard) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c",
                    "import sys, numpy; a = numpy.load(sys.argv[1]); print(a.shape, repr(float(a[0, 0])))",
                    x.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return;
        }
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = String.join("\n", r.lines().toList());
        }
        if (p.waitFor() != 0) {
            return; // no numpy here
        }
        assertEquals("(4, 5) " + (double) shard.feature(0, 0), out);
    }

    @Test
    void aCorruptedShardIsReportedByName() throws Exception {
        DiskDataset disk = DiskDataset.write(sample(20, 4, 3), dir.resolve("ds"), 10, Map.of());
        Path y = disk.shardFiles(1).get(1);
        byte[] bytes = Files.readAllBytes(y);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(y, bytes);
        DiskDataset reopened = DiskDataset.open(dir.resolve("ds"));
        reopened.shard(0);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reopened.shard(1));
        assertTrue(e.getMessage().contains("shard-00001-y.npy") && e.getMessage().contains("corrupted"), e.getMessage());
        Files.write(y, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        InvalidDataException truncated = assertThrows(InvalidDataException.class, reopened::verify);
        assertTrue(truncated.getMessage().contains("shard-00001-y.npy"), truncated.getMessage());
    }

    @Test
    void batchesCoverEveryMoleculeOnceInOrderOrSeededShuffled() throws Exception {
        Dataset data = sample(23, 3, 4);
        DiskDataset disk = DiskDataset.write(data, dir.resolve("ds"), 7, Map.of());
        List<String> ordered = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Dataset batch : disk.batches(5)) {
            ordered.addAll(List.of(batch.ids()));
            sizes.add(batch.size());
        }
        assertEquals(List.of(data.ids()), ordered);
        assertEquals(List.of(5, 5, 5, 5, 3), sizes);
        List<String> shuffled = new ArrayList<>();
        disk.batches(5, 42).forEach(b -> shuffled.addAll(List.of(b.ids())));
        List<String> again = new ArrayList<>();
        disk.batches(5, 42).forEach(b -> again.addAll(List.of(b.ids())));
        assertEquals(shuffled, again, "same seed, same order");
        assertFalse(shuffled.equals(ordered));
        assertEquals(new java.util.TreeSet<>(ordered), new java.util.TreeSet<>(shuffled));
    }

    @Test
    void anUncommittedWriteLeavesNoDataset() throws Exception {
        Path target = dir.resolve("ds");
        try (DiskDataset.Writer writer = DiskDataset.writer(target, List.of("a"), 2, 4)) {
            for (int i = 0; i < 10; i++) {
                writer.add(new float[] {i, i}, new float[] {1}, new float[] {1}, "m" + i);
            }
        }
        assertFalse(Files.exists(target));
        try (var siblings = Files.list(dir)) {
            assertEquals(0, siblings.count(), "the staging directory is removed");
        }
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> DiskDataset.open(target));
        assertTrue(e.getMessage().contains("not a dataset"), e.getMessage());
    }

    @Test
    void killMinus9WhileWritingLeavesNoDatasetAndTheNextWriteSucceeds() throws Exception {
        Path target = dir.resolve("ds");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int shards = 0;
            while ((line = out.readLine()) != null && shards < 3) {
                if (line.equals("shard")) {
                    shards++;
                }
            }
            assertEquals(3, shards, "the child wrote shards before being killed");
        }
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(DiskDataset.exists(target));
        assertThrows(InvalidDataException.class, () -> DiskDataset.open(target));

        Dataset data = sample(30, 4, 5);
        DiskDataset.write(data, target, 8, Map.of());
        assertEquals(data, DiskDataset.open(target).toDataset());
    }

    /** Child process of the kill test: writes shards forever, announcing each. */
    public static final class SlowWriter {
        public static void main(String[] args) throws Exception {
            try (DiskDataset.Writer writer = DiskDataset.writer(Path.of(args[0]), List.of("a"), 64, 100)) {
                float[] x = new float[64];
                for (long i = 0; ; i++) {
                    writer.add(x, new float[] {1}, new float[] {1}, "m" + i);
                    if (writer.size() % 100 == 0) {
                        System.out.println("shard");
                        System.out.flush();
                        Thread.sleep(20);
                    }
                }
            }
        }
    }

}
