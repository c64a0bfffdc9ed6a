package io.chemdl4j.models.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checked array format round-trips float32 and float64 arrays exactly, and refuses crafted entries by
 * what is wrong, before allocating anything: a length of 2^62, a shape whose elements overflow, a byte
 * count that disagrees with the shape, trailing bytes, an unknown element type; a model file whose
 * arrays hide a zip bomb is refused once the cap is passed. {@link ArrayCodec#check}, which checks a file before
 * ND4J starts, refuses the same entries with the same messages.
 */
class ArrayCodecTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsExactly() throws Exception {
        INDArray f = Nd4j.create(new float[] {1.5f, -2.25f, 3e-8f, Float.MAX_VALUE, 0, 7}, new long[] {2, 3}, 'c');
        INDArray back = ArrayCodec.decode("f", ArrayCodec.encode(f));
        assertEquals(DataType.FLOAT, back.dataType());
        assertEquals(f, back);
        INDArray d = Nd4j.create(new double[] {Math.PI, -1e-300, 2}, new long[] {3, 1}, 'c');
        INDArray backD = ArrayCodec.decode("d", ArrayCodec.encode(d));
        assertEquals(DataType.DOUBLE, backD.dataType());
        assertEquals(d, backD);
        INDArray f2 = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c').transpose();
        assertEquals(f2, ArrayCodec.decode("transposed", ArrayCodec.encode(f2)), "a view is written in row-major order");
        // read in blocks of 2^18 values: several blocks, a partial last one, both element types
        INDArray big = Nd4j.rand(DataType.FLOAT, 600, 1000);
        assertEquals(big, ArrayCodec.decode("big", ArrayCodec.encode(big)));
        INDArray bigD = Nd4j.rand(DataType.DOUBLE, 3, 100_001);
        assertEquals(bigD, ArrayCodec.decode("bigD", ArrayCodec.encode(bigD)));
        INDArray scalar = Nd4j.scalar(2.5f);
        INDArray backScalar = ArrayCodec.decode("scalar", ArrayCodec.encode(scalar));
        assertEquals(0, backScalar.rank());
        assertEquals(2.5f, backScalar.getFloat(0));
        assertEquals(600_000, ArrayCodec.check("big", new java.io.ByteArrayInputStream(ArrayCodec.encode(big))));
        assertEquals(1, ArrayCodec.check("scalar", new java.io.ByteArrayInputStream(ArrayCodec.encode(scalar))));
        INDArray empty = Nd4j.create(DataType.FLOAT, 0, 5);
        assertTrue(Arrays.equals(new long[] {0, 5}, ArrayCodec.decode("empty", ArrayCodec.encode(empty)).shape()));
    }

    private static byte[] entry(int type, int rank, long[] shape, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("CDLA");
            out.writeByte(1);
            out.writeByte(type);
            out.writeByte(rank);
            for (long d : shape) {
                out.writeLong(d);
            }
            out.write(new byte[dataBytes]);
        }
        return bytes.toByteArray();
    }

    /**
     * Why {@code bytes} are refused; {@link ArrayCodec#check}, which makes no array, and {@link ArrayCodec#readFloats},
     * which reads onto the heap (given the shape the entry's header declares, as if its data had changed since it was
     * checked), refuse them alike.
     */
    private static String refused(byte[] bytes) {
        String message = assertThrows(IOException.class, () -> ArrayCodec.decode("w", bytes)).getMessage();
        assertEquals(message, assertThrows(IOException.class,
                () -> ArrayCodec.check("w", new java.io.ByteArrayInputStream(bytes))).getMessage());
        long[] declared;
        try {
            declared = ArrayCodec.shape("w", new java.io.ByteArrayInputStream(bytes));
        } catch (IOException headerRefused) {
            declared = new long[0];
        }
        long[] shape = declared;
        assertEquals(message, assertThrows(IOException.class,
                () -> ArrayCodec.readFloats("w", new java.io.ByteArrayInputStream(bytes), shape)).getMessage());
        return message;
    }

    @Test
    void readsOntoTheHeapTheValuesNd4jReads() throws Exception {
        // one block, several blocks with a partial last one, float64 and int32 converted as castTo(FLOAT) converts
        for (INDArray array : new INDArray[] {Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.rand(DataType.FLOAT, 600, 1000),
                Nd4j.rand(DataType.DOUBLE, 3, 100_001), Nd4j.createFromArray(new int[] {-7, 0, 1 << 24, 5}),
                Nd4j.scalar(2.5f), Nd4j.create(DataType.FLOAT, 0, 5)}) {
            ArrayCodec.Floats floats = ArrayCodec.readFloats("a", new java.io.ByteArrayInputStream(ArrayCodec.encode(array)),
                    array.shape());
            assertTrue(Arrays.equals(array.shape(), floats.shape()), Arrays.toString(floats.shape()));
            assertTrue(Arrays.equals(array.castTo(DataType.FLOAT).data().asFloat(), floats.values()),
                    "values of " + Arrays.toString(array.shape()));
        }
    }

    @Test
    void heapArraysReadWhatIsWantedAndOnlyTheHeadersOfTheRest() throws Exception {
        Path file = dir.resolve("parameters.zip");
        INDArray weights = Nd4j.rand(DataType.FLOAT, 3, 4);
        byte[] stateHead = Arrays.copyOf(ArrayCodec.encode(Nd4j.zeros(DataType.FLOAT, 1, 1000)), 7 + 16 + 40);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("w"));
            zip.write(ArrayCodec.encode(weights));
            zip.putNextEntry(new java.util.zip.ZipEntry("state"));
            zip.write(stateHead); // 10 of its 1,000 values: damaged, but only its header is read
            zip.closeEntry();
        }
        ModelIO.SavedFiles files = new ModelIO.SavedFiles(dir, "x", 4, java.util.List.of("t"), 1,
                java.util.List.of(), null, null, 0);
        ModelIO.HeapArrays arrays = files.heapArrays("parameters.zip", "w"::equals);
        assertEquals(java.util.List.of("w", "state"), java.util.List.copyOf(arrays.shapes().keySet()));
        assertTrue(Arrays.equals(new long[] {1, 1000}, arrays.shapes().get("state")));
        assertEquals(java.util.Set.of("w"), arrays.values().keySet());
        assertTrue(Arrays.equals(weights.data().asFloat(), arrays.values().get("w").values()));
        String message = assertThrows(ModelFormatException.class,
                () -> files.heapArrays("parameters.zip", name -> true)).getMessage();
        assertTrue(message.contains("entry 'state': 40 bytes of data for shape [1, 1000], which needs 4000"), message);
    }

    @Test
    void refusesCraftedEntriesBeforeAllocating() throws Exception {
        assertTrue(refused(entry(1, 1, new long[] {1L << 62}, 16)).contains("out of range"));
        assertTrue(refused(entry(1, 2, new long[] {1L << 20, 1L << 20}, 16)).contains("elements"));
        assertTrue(refused(entry(1, 2, new long[] {2, 3}, 20)).contains("needs 24"));
        assertTrue(refused(entry(1, 2, new long[] {1 << 12, 1 << 12}, 3_000_000)).contains("3000000 bytes of data for "
                + "shape [4096, 4096], which needs 67108864"), "short data found block by block");
        assertTrue(refused(entry(1, 2, new long[] {2, 3}, 28)).contains("data continues"), "trailing bytes");
        assertTrue(refused(entry(9, 1, new long[] {1}, 4)).contains("element type"));
        assertTrue(refused(entry(1, 9, new long[] {}, 0)).contains("rank"));
        assertTrue(refused(entry(1, 3, new long[] {1}, 0)).contains("ends inside its shape"));
        assertTrue(refused(new byte[] {1, 2, 3}).contains("not a ChemDL4J array"));
        assertFalse(ArrayCodec.isEncoded(new byte[] {'C', 'D'}));
    }

    @Test
    void aModelArraysFileIsReadWithCaps() throws Exception {
        Path file = dir.resolve("parameters.zip");
        ModelIO.writeArrays(file, Map.of("w", Nd4j.ones(DataType.FLOAT, 2, 2)));
        ModelIO.SavedFiles files = new ModelIO.SavedFiles(dir, "x", 4, java.util.List.of("t"), 1,
                java.util.List.of(), null, null, 0);
        assertEquals(Nd4j.ones(DataType.FLOAT, 2, 2), files.arrays("parameters.zip").get("w"));
        // a checked entry that declares 2 × 2 floats and then inflates to 512 MB of zeros: refused after 16 bytes
        String message = refusedFile(dir.resolve("bomb.zip"), entry(1, 2, new long[] {2, 2}, 16), 512, files);
        assertTrue(message.contains("data continues"), message);
        // an entry of the older ND4J format inflating to 300 MB: refused at its first bytes (LegacyArrayReaderTest
        // covers the size cap)
        ModelIO.SavedFiles legacyFiles = new ModelIO.SavedFiles(dir, "x", 2, java.util.List.of("t"), 1,
                java.util.List.of(), null, null, 0);
        message = refusedFile(dir.resolve("legacy-bomb.zip"), new byte[0], 300, legacyFiles);
        assertTrue(message.contains("unknown allocation mode ''"), message);
        // ... which a file of format 4 or later never holds: refused as not being an array of ChemDL4J's
        message = refusedFile(dir.resolve("legacy-bomb.zip"), new byte[0], 300, files);
        assertTrue(message.contains("entry 'w' is not a ChemDL4J array"), message);
    }

    /** Writes a zip whose one entry is {@code head} followed by {@code megabytes} of zeros, and loads it. */
    private static String refusedFile(Path file, byte[] head, int megabytes, ModelIO.SavedFiles files)
            throws IOException {
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("w"));
            zip.write(head);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        long start = System.nanoTime();
        String message = assertThrows(ModelFormatException.class,
                () -> files.arrays(file.getFileName().toString())).getMessage();
        if (files.formatVersion() >= ModelIO.ARRAYS_FORMAT_VERSION) {
            assertEquals(message, assertThrows(ModelFormatException.class,
                    () -> files.heapArrays(file.getFileName().toString(), name -> true)).getMessage());
        }
        assertTrue(System.nanoTime() - start < 60e9, "bounded time");
        assertEquals(1, Arrays.stream(message.split("\n")).count(), "one line: " + message);
        return message;
    }
}
