package io.chemdl4j.models.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the arrays of model files of format versions 1 to 3, which hold ND4J 1.0.0-M2.1's own array
 * format ({@code Nd4j.write}), without handing them to ND4J: {@code Nd4j.read} trusts the lengths in the
 * file, so a crafted entry could make native code write out of bounds or allocate gigabytes. Here every
 * length and the shape are checked against the limits of {@link ArrayCodec} and against the bytes that are
 * really there before anything is allocated, the values are decoded in Java, and anything unexpected is
 * refused naming the entry.
 *
 * <p>The format: two buffers, each the allocation mode (modified UTF-8), its length (8 bytes) and its
 * element type (modified UTF-8), then its elements, big-endian. The first buffer is the shape information
 * ({@code LONG}, {@code 2r + 4} values: the rank {@code r}, the {@code r} dimensions, the {@code r}
 * strides, an options word, the element-wise stride and the order, {@code 'c'} or {@code 'f'}); the
 * second holds the {@code FLOAT} or {@code DOUBLE} elements, as many as the dimensions multiply to, in
 * that order. Nothing may follow.
 */
final class LegacyArrayReader {
    /** Allocation modes ND4J wrote; the value carries no meaning for reading. */
    private static final Set<String> ALLOCATION_MODES = Set.of("MIXED_DATA_TYPES", "LONG_SHAPE", "JAVACPP", "DIRECT",
            "HEAP");
    /** Longest allocation-mode or type name accepted, in bytes. */
    private static final int MAX_NAME = 32;

    private LegacyArrayReader() {
    }

    /**
     * The array of entry {@code name}, read from {@code in} to its end; at most {@code maxBytes} bytes are read.
     *
     * @throws IOException naming the entry and what is wrong
     */
    static INDArray read(String name, InputStream in, int maxBytes) throws IOException {
        DataInputStream data = new DataInputStream(new CappedStream(in, maxBytes, name));
        try {
            long[] shapeInfo = readShapeInfo(name, data);
            int rank = (int) shapeInfo[0];
            long[] shape = Arrays.copyOfRange(shapeInfo, 1, 1 + rank);
            long[] strides = Arrays.copyOfRange(shapeInfo, 1 + rank, 1 + 2 * rank);
            char order = (char) shapeInfo[shapeInfo.length - 1];
            long elements = elements(name, shape);
            if (order != 'c' && order != 'f') {
                throw new IOException("entry '" + name + "': order " + shapeInfo[shapeInfo.length - 1]
                        + " is neither 'c' nor 'f'");
            }
            if (!stridesMatch(strides, contiguousStrides(shape, order), shape)) {
                throw new IOException("entry '" + name + "': strides " + Arrays.toString(strides)
                        + " are not those of a dense " + Arrays.toString(shape) + " array in '" + order + "' order");
            }
            String type = header(name, data, "values");
            long length = data.readLong();
            String elementType = name(name, data);
            int size = switch (elementType) {
                case "FLOAT" -> 4;
                case "DOUBLE" -> 8;
                default -> throw new IOException("entry '" + name + "': element type " + printable(elementType)
                        + " is neither FLOAT nor DOUBLE");
            };
            if (length != elements) {
                throw new IOException("entry '" + name + "': " + length + " values for shape " + Arrays.toString(shape)
                        + ", which holds " + elements + " (allocation " + type + ")");
            }
            // read before allocating anything of the declared size: a short entry allocates only what it holds
            byte[] bytes = data.readNBytes((int) (elements * size));
            if (bytes.length != elements * size) {
                throw new EOFException();
            }
            if (data.read() != -1) {
                throw new IOException("entry '" + name + "': data continues after the " + elements + " values of shape "
                        + Arrays.toString(shape));
            }
            java.nio.ByteBuffer values = java.nio.ByteBuffer.wrap(bytes);
            if (size == 4) {
                float[] v = new float[(int) elements];
                values.asFloatBuffer().get(v);
                return rank == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, order).dup('c');
            }
            double[] v = new double[(int) elements];
            values.asDoubleBuffer().get(v);
            return rank == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, order).dup('c');
        } catch (EOFException e) {
            throw new IOException("entry '" + name + "' ends before the array it describes", e);
        }
    }

    private static long[] readShapeInfo(String name, DataInputStream data) throws IOException {
        header(name, data, "shape");
        long length = data.readLong();
        String type = name(name, data);
        if (!type.equals("LONG") && !type.equals("INT")) {
            throw new IOException("entry '" + name + "': shape information of type " + printable(type));
        }
        if (length < 4 || length > 2L * ArrayCodec.MAX_RANK + 4 || length % 2 != 0) {
            throw new IOException("entry '" + name + "': shape information of length " + length + " (a rank of 0 to "
                    + ArrayCodec.MAX_RANK + " needs 4 to " + (2 * ArrayCodec.MAX_RANK + 4) + ")");
        }
        long[] info = new long[(int) length];
        for (int i = 0; i < info.length; i++) {
            info[i] = type.equals("LONG") ? data.readLong() : data.readInt();
        }
        if (info[0] != (length - 4) / 2) {
            throw new IOException("entry '" + name + "': rank " + info[0] + " in shape information of length " + length);
        }
        return info;
    }

    /** Reads a buffer's allocation mode. */
    private static String header(String name, DataInputStream data, String what) throws IOException {
        String mode = name(name, data);
        if (!ALLOCATION_MODES.contains(mode)) {
            throw new IOException("entry '" + name + "': unknown allocation mode " + printable(mode) + " of its " + what);
        }
        return mode;
    }

    /** A short name as {@code writeUTF} wrote it, refused before reading if it is longer than names are. */
    private static String name(String entry, DataInputStream data) throws IOException {
        int length = data.readUnsignedShort();
        if (length > MAX_NAME) {
            throw new IOException("entry '" + entry + "': a name of " + length + " bytes where a type name belongs");
        }
        byte[] bytes = data.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static long elements(String name, long[] shape) throws IOException {
        long elements = 1;
        for (long d : shape) {
            if (d < 0 || d > ArrayCodec.MAX_ELEMENTS) {
                throw new IOException("entry '" + name + "': dimension " + d + " out of range");
            }
            elements *= d;
            if (elements > ArrayCodec.MAX_ELEMENTS) {
                throw new IOException("entry '" + name + "': more than " + ArrayCodec.MAX_ELEMENTS + " elements");
            }
        }
        return elements;
    }

    /** Strides agree where they matter: along dimensions longer than 1 (ND4J writes any stride for the rest). */
    private static boolean stridesMatch(long[] strides, long[] expected, long[] shape) {
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > 1 && strides[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static long[] contiguousStrides(long[] shape, char order) {
        long[] strides = new long[shape.length];
        long step = 1;
        if (order == 'c') {
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = step;
                step *= Math.max(1, shape[i]);
            }
        } else {
            for (int i = 0; i < shape.length; i++) {
                strides[i] = step;
                step *= Math.max(1, shape[i]);
            }
        }
        return strides;
    }

    /** {@code s} quoted as {@link ModelIO#printable}: a file's bytes are never echoed as they are. */
    private static String printable(String s) {
        return "'" + ModelIO.printable(s) + "'";
    }

    /** Refuses to read past {@code max} bytes of an entry (a zip bomb ends here, in bounded time). */
    private static final class CappedStream extends java.io.FilterInputStream {
        private final String name;
        private long left;

        CappedStream(InputStream in, int max, String name) {
            super(in);
            this.left = max;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && left-- <= 0) {
                throw new IOException("entry '" + name + "' is larger than its limit");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new IOException("entry '" + name + "' is larger than its limit");
                }
            }
            return n;
        }
    }
}
