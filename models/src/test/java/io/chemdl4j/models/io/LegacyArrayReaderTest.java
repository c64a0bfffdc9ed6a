package io.chemdl4j.models.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arrays of model format versions 1 to 3 (ND4J's own format) are read by ChemDL4J, never by
 * {@code Nd4j.read}: what ND4J writes comes back value for value in every order, type and rank, and crafted
 * entries (a declared length of 2^62 or 2^31, a giant rank, strides that point outside the data, a name
 * field of 64 KB, trailing bytes, more bytes than the cap) are refused by what is wrong before anything of the
 * declared size is allocated.
 */
class LegacyArrayReaderTest {
    private static final int CAP = 1 << 20;

    @Test
    void readsWhatNd4jWritesValueForValue() throws Exception {
        INDArray[] arrays = {
            Nd4j.create(new double[] {1.5, -2.25, 3e-8, 7, 0, Math.PI}, new long[] {2, 3}, 'c').castTo(DataType.FLOAT),
            Nd4j.create(new double[] {1.5, -2.25, 3e-8, 7, 0, Math.PI}, new long[] {2, 3}, 'f'),
            Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {1, 8}, 'c').castTo(DataType.FLOAT),
            Nd4j.create(new double[] {1, 2, 3}, new long[] {3}, 'c'),
            Nd4j.scalar(DataType.FLOAT, 2.5f),
            Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {2, 2, 2}, 'f').castTo(DataType.FLOAT),
        };
        for (INDArray a : arrays) {
            INDArray back = LegacyArrayReader.read("a", new ByteArrayInputStream(nd4j(a)), CAP);
            assertEquals(a.dataType(), back.dataType(), a.shapeInfoToString());
            assertEquals(a.dup('c'), back, a.shapeInfoToString());
            assertEquals('c', back.ordering());
        }
    }

    @Test
    void refusesCraftedEntriesByWhatIsWrong() throws Exception {
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 2, 3, 3, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 1L << 62, "FLOAT", 24), "values for shape");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 1 << 20, 1 << 11, 1 << 11, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 1L << 31, "FLOAT", 24), "more than 67108864 elements");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 1L << 62, 4, 4, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 4, "FLOAT", 16), "dimension");
        assertRefused(legacy("MIXED_DATA_TYPES", 1L << 40, new long[0], "MIXED_DATA_TYPES", 1, "FLOAT", 4),
                "shape information of length");
        assertRefused(legacy("MIXED_DATA_TYPES", 6, new long[] {3, 2, 3, 3, 1, 0, 1}, "MIXED_DATA_TYPES", 6,
                "FLOAT", 24), "shape information of length");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 2, 3, 30, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 6, "FLOAT", 24), "strides");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 2, 3, 3, 1, 0, 1, 120},
                "MIXED_DATA_TYPES", 6, "FLOAT", 24), "order");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 2, 3, 3, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 6, "UTF8", 24), "element type");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 2, 3, 3, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 6, "FLOAT", 20), "ends before");
        assertRefused(legacy("MIXED_DATA_TYPES", 8, new long[] {2, 2, 3, 3, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 6, "FLOAT", 28), "continues after");
        assertRefused(legacy("\u0001rm -rf", 8, new long[] {2, 2, 3, 3, 1, 0, 1, 99},
                "MIXED_DATA_TYPES", 6, "FLOAT", 24), "'?rm -rf'");
        byte[] longName = new byte[2 + 65535];
        longName[0] = (byte) 0xff;
        longName[1] = (byte) 0xff;
        assertRefused(longName, "a name of 65535 bytes");
    }

    @Test
    void readsNoMoreThanItsCap() throws Exception {
        int n = CAP; // CAP floats: four times the bytes the reader may read
        byte[] entry = concat(legacy("MIXED_DATA_TYPES", 6, new long[] {1, n, 1, 0, 1, 99}, "MIXED_DATA_TYPES", n,
                "FLOAT", 0), new byte[4 * n]);
        assertRefused(entry, "larger than its limit");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertRefused(byte[] entry, String reason) {
        IOException e = assertThrows(IOException.class,
                () -> LegacyArrayReader.read("W", new ByteArrayInputStream(entry), CAP));
        assertTrue(e.getMessage().startsWith("entry 'W'"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), reason + " not in: " + e.getMessage());
    }

    private static byte[] nd4j(INDArray a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(a, out);
        }
        return bytes.toByteArray();
    }

    /** An entry laid out as {@code Nd4j.write} lays it out, with every field chosen by the test. */
    private static byte[] legacy(String shapeMode, long shapeLength, long[] shapeInfo, String dataMode, long dataLength,
                                 String dataType, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(shapeMode);
            out.writeLong(shapeLength);
            out.writeUTF("LONG");
            for (long v : shapeInfo) {
                out.writeLong(v);
            }
            out.writeUTF(dataMode);
            out.writeLong(dataLength);
            out.writeUTF(dataType);
            out.write(new byte[dataBytes]);
        }
        return bytes.toByteArray();
    }
}
