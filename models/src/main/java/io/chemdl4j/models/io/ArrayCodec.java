package io.chemdl4j.models.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ChemDL4J's own array format for model weights, read without trusting anything in it: every length and
 * shape is checked against the entry's real size before anything is allocated, so a crafted file is
 * refused in bounded time and memory and native code never sees an unchecked length.
 *
 * <p>Layout, big-endian: the magic {@code CDLA}; the codec version (1 byte, 1); the element type (1 byte:
 * 1 = float32, 2 = float64, 3 = int32, the last for the node indices of saved forests); the rank {@code r} (1 byte, 0 to {@value #MAX_RANK}); {@code r} dimensions
 * (8 bytes each, non-negative); then the elements in row-major order. Nothing may follow them.
 */
public final class ArrayCodec {
    /** Most dimensions an array may have. */
    public static final int MAX_RANK = 4;
    /** Most elements one array may hold (256 MiB of float32; the widest network here has 4 million per layer). */
    public static final long MAX_ELEMENTS = 1L << 26;
    private static final byte[] MAGIC = {'C', 'D', 'L', 'A'};
    private static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 3;
    /** Elements read and copied at a time. */
    private static final int BLOCK_ELEMENTS = 1 << 18;

    private ArrayCodec() {
    }

    /** Whether {@code bytes} start as an entry of this format does (older model files hold ND4J's own). */
    public static boolean isEncoded(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC);
    }

    /** {@code array} encoded, as float64 if it is double precision, int32 if it holds 32-bit integers, else float32. */
    public static byte[] encode(INDArray array) throws IOException {
        boolean doubles = array.dataType() == DataType.DOUBLE;
        boolean ints = array.dataType() == DataType.INT;
        long[] shape = array.shape();
        if (shape.length > MAX_RANK) {
            throw new IOException("rank " + shape.length + " is more than " + MAX_RANK);
        }
        INDArray c = array.dup('c');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(doubles ? 2 : ints ? 3 : 1);
            out.writeByte(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            if (doubles) {
                for (double v : c.data().asDouble()) {
                    out.writeDouble(v);
                }
            } else if (ints) {
                for (int v : c.data().asInt()) {
                    out.writeInt(v);
                }
            } else {
                for (float v : c.data().asFloat()) {
                    out.writeFloat(v);
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The array of entry {@code name}: float32 entries as {@link DataType#FLOAT}, float64 ones as
     * {@link DataType#DOUBLE}, int32 ones as {@link DataType#INT}.
     *
     * @throws IOException naming the entry and what is wrong: magic, version, element type, rank, a
     *                     dimension, the element count, or data that is shorter or longer than the shape says
     */
    public static INDArray decode(String name, byte[] bytes) throws IOException {
        return read(name, new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * As {@link #decode}, reading the entry from {@code in} to its end: the header is checked first, then
     * exactly as many bytes as its shape needs are read, so a crafted entry never makes this allocate more
     * than {@value #MAX_ELEMENTS} elements, and anything after them is refused.
     */
    public static INDArray read(String name, java.io.InputStream in) throws IOException {
        Header header = header(name, in);
        // The values are read in blocks as they arrive, so that an entry shorter than its shape claims allocates
        // only what it holds; once its length is checked they are copied off-heap block by block, so that the heap
        // never holds more than one copy of the data.
        java.util.List<INDArray> blocks = new java.util.ArrayList<>();
        readValues(name, in, header, values -> {
            int n = values.remaining() / header.elementSize();
            if (header.type() == 2) {
                double[] block = new double[n];
                values.asDoubleBuffer().get(block);
                blocks.add(Nd4j.createFromArray(block));
            } else if (header.type() == 3) {
                int[] block = new int[n];
                values.asIntBuffer().get(block);
                blocks.add(Nd4j.createFromArray(block));
            } else {
                float[] block = new float[n];
                values.asFloatBuffer().get(block);
                blocks.add(Nd4j.createFromArray(block));
            }
        });
        long[] shape = header.shape();
        DataType dataType = header.type() == 2 ? DataType.DOUBLE : header.type() == 3 ? DataType.INT : DataType.FLOAT;
        if (blocks.size() == 1 && shape.length > 0) {
            return blocks.get(0).reshape(shape);
        }
        if (blocks.size() == 1) {
            return blocks.get(0).reshape(new long[0]).castTo(dataType);
        }
        INDArray array = Nd4j.create(dataType, shape, 'c');
        if (blocks.isEmpty()) {
            return array;
        }
        INDArray flat = array.reshape(new long[] {header.elements()});
        long offset = 0;
        for (INDArray block : blocks) {
            flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + block.length())).assign(block);
            offset += block.length();
            block.close();
        }
        return array;
    }

    /**
     * An entry read onto the Java heap: its shape and its elements in row-major order as float32 (float64 and int32
     * entries converted, as {@code castTo(FLOAT)} does).
     *
     * @param shape  the entry's dimensions
     * @param values its elements, {@code product(shape)} of them
     */
    public record Floats(long[] shape, float[] values) {
    }

    /**
     * An entry that {@link #checkShape} passed with shape {@code checked}, read again onto the Java heap as floats,
     * without ND4J: its values are allocated at once, so the entry must have been checked whole first (and its header
     * must still give the shape checked, or it is refused before anything is allocated).
     *
     * @throws IOException as {@link #read} does, or if the entry's shape is not {@code checked}
     */
    static Floats readFloats(String name, java.io.InputStream in, long[] checked) throws IOException {
        Header header = header(name, in);
        if (!Arrays.equals(header.shape(), checked)) {
            throw new IOException("entry '" + name + "' has shape " + Arrays.toString(header.shape())
                    + " now, " + Arrays.toString(checked) + " when it was checked");
        }
        float[] values = new float[(int) header.elements()];
        int[] at = {0};
        readValues(name, in, header, block -> {
            int n = block.remaining() / header.elementSize();
            if (header.type() == 2) {
                java.nio.DoubleBuffer doubles = block.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    values[at[0] + i] = (float) doubles.get(i);
                }
            } else if (header.type() == 3) {
                java.nio.IntBuffer ints = block.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    values[at[0] + i] = ints.get(i);
                }
            } else {
                block.asFloatBuffer().get(values, at[0], n);
            }
            at[0] += n;
        });
        return new Floats(header.shape(), values);
    }

    /**
     * Checks entry {@code name} exactly as {@link #read} does, reading {@code in} to its end, but keeps no value and
     * creates no array: a model file is checked whole this way before ND4J (seconds to start) is touched, so that a
     * damaged or crafted file is refused at once. Returns the entry's element count.
     *
     * @throws IOException as {@link #read} does
     */
    public static long check(String name, java.io.InputStream in) throws IOException {
        return checked(name, in).elements();
    }

    /**
     * The shape of entry {@code name}, from its header alone, checked as {@link #read} checks it; none of its data is
     * read (so none of it is checked).
     *
     * @throws IOException if the header is damaged or out of range
     */
    static long[] shape(String name, java.io.InputStream in) throws IOException {
        return header(name, in).shape();
    }

    /** As {@link #check}, giving the entry's shape. */
    static long[] checkShape(String name, java.io.InputStream in) throws IOException {
        return checked(name, in).shape();
    }

    /** The header of entry {@code name}, its data read to the end and checked against it, none kept. */
    private static Header checked(String name, java.io.InputStream in) throws IOException {
        Header header = header(name, in);
        readValues(name, in, header, values -> { });
        return header;
    }

    /** An entry's element type (1 float32, 2 float64, 3 int32), shape and element count, checked. */
    private record Header(int type, long[] shape, long elements) {
        int elementSize() {
            return type == 2 ? 8 : 4;
        }
    }

    private static Header header(String name, java.io.InputStream in) throws IOException {
        byte[] head = in.readNBytes(HEADER);
        if (head.length < HEADER || !isEncoded(head)) {
            throw new IOException("entry '" + name + "' is not a ChemDL4J array");
        }
        int version = head[4];
        int type = head[5];
        int rank = head[6];
        if (version != VERSION) {
            throw new IOException("entry '" + name + "': array format version " + version + " is not " + VERSION);
        }
        if (type != 1 && type != 2 && type != 3) {
            throw new IOException("entry '" + name + "': unknown element type " + type);
        }
        if (rank < 0 || rank > MAX_RANK) {
            throw new IOException("entry '" + name + "': rank " + rank + " is not 0 to " + MAX_RANK);
        }
        byte[] dims = in.readNBytes(8 * rank);
        if (dims.length != 8 * rank) {
            throw new IOException("entry '" + name + "': the entry ends inside its shape (rank " + rank + ")");
        }
        ByteBuffer shapeBytes = ByteBuffer.wrap(dims);
        long[] shape = new long[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = shapeBytes.getLong();
            if (shape[i] < 0 || shape[i] > MAX_ELEMENTS) {
                throw new IOException("entry '" + name + "': dimension " + shape[i] + " out of range");
            }
            elements *= shape[i];
            if (elements > MAX_ELEMENTS) {
                throw new IOException("entry '" + name + "': more than " + MAX_ELEMENTS + " elements");
            }
        }
        return new Header(type, shape, elements);
    }

    /**
     * Hands {@code block} the entry's values, up to {@value #BLOCK_ELEMENTS} at a time, as they are read; refuses data
     * shorter than the header's shape or continuing after it.
     */
    private static void readValues(String name, java.io.InputStream in, Header header,
                                   java.util.function.Consumer<ByteBuffer> block) throws IOException {
        int size = header.elementSize();
        long elements = header.elements();
        byte[] buffer = new byte[(int) Math.min(BLOCK_ELEMENTS, Math.max(elements, 1)) * size];
        long read = 0;
        while (read < elements) {
            int n = (int) Math.min(BLOCK_ELEMENTS, elements - read);
            int got = in.readNBytes(buffer, 0, n * size);
            read += got / size;
            if (got != n * size) {
                throw new IOException("entry '" + name + "': " + (read * size + got % size) + " bytes of data for shape "
                        + Arrays.toString(header.shape()) + ", which needs " + elements * size);
            }
            block.accept(ByteBuffer.wrap(buffer, 0, got));
        }
        if (in.read() != -1) {
            throw new IOException("entry '" + name + "': data continues after the " + elements * size
                    + " bytes that shape " + Arrays.toString(header.shape()) + " needs");
        }
    }
}
