package io.chemdl4j.moleculenet.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0), for the arrays a {@link DiskDataset} stores: 2-D
 * little-endian float32 ({@code <f4}) and int32 ({@code <i4}) matrices and 1-D fixed-width Unicode
 * ({@code <U}n) string vectors, all readable by {@code numpy.load} without {@code allow_pickle}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * A parsed {@code .npy} header.
     *
     * @param descr        NumPy dtype string, e.g. {@code <f4} or {@code <U12}
     * @param fortranOrder whether the data is column-major
     * @param shape        the array's shape
     */
    public record Header(String descr, boolean fortranOrder, long[] shape) {
        /** Number of elements. */
        public long elements() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** Writes a {@code rows × columns} float32 matrix, row-major ({@code values.length == rows * columns}). */
    public static void writeFloat32(OutputStream out, int rows, int columns, float[] values) throws IOException {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + "x" + columns + " matrix");
        }
        writeHeader(out, "<f4", "(" + rows + ", " + columns + ")");
        writeData(out, values.length, (buffer, start, count) -> buffer.asFloatBuffer().put(values, start, count));
    }

    /** Writes a {@code rows × columns} int32 matrix, row-major ({@code values.length == rows * columns}). */
    public static void writeInt32(OutputStream out, int rows, int columns, int[] values) throws IOException {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + "x" + columns + " matrix");
        }
        writeHeader(out, "<i4", "(" + rows + ", " + columns + ")");
        writeData(out, values.length, (buffer, start, count) -> buffer.asIntBuffer().put(values, start, count));
    }

    /** Moves {@code count} 4-byte values from index {@code start} between an array and a little-endian buffer. */
    @FunctionalInterface
    private interface Chunk {
        void move(ByteBuffer buffer, int start, int count);
    }

    /** Writes {@code length} 4-byte values a chunk at a time, each chunk filled by {@code chunk}. */
    private static void writeData(OutputStream out, int length, Chunk chunk) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            buffer.clear();
            chunk.move(buffer, start, count);
            out.write(buffer.array(), 0, count * 4);
        }
    }

    /** Reads {@code length} 4-byte values a chunk at a time, each chunk taken by {@code chunk}. */
    private static void readData(InputStream in, int length, Chunk chunk) throws IOException {
        byte[] bytes = new byte[CHUNK * 4];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            readFully(in, bytes, count * 4);
            buffer.clear();
            chunk.move(buffer, start, count);
        }
    }

    /** Writes strings as a 1-D {@code <U}n vector, n the longest string's length in code points. */
    public static void writeStrings(OutputStream out, List<String> values) throws IOException {
        int width = 1;
        for (String s : values) {
            width = Math.max(width, s.codePointCount(0, s.length()));
        }
        writeHeader(out, "<U" + width, "(" + values.size() + ",)");
        ByteBuffer buffer = ByteBuffer.allocate(width * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (String s : values) {
            buffer.clear();
            s.codePoints().forEach(buffer::putInt);
            while (buffer.hasRemaining()) {
                buffer.putInt(0);
            }
            out.write(buffer.array());
        }
    }

    private static void writeHeader(OutputStream out, String descr, String shape) throws IOException {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(shape).append(", }");
        // magic (6) + version (2) + length (2) + dict + newline, padded with spaces to a multiple of 64
        int unpadded = 10 + dict.length() + 1;
        dict.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        byte[] header = dict.toString().getBytes(StandardCharsets.US_ASCII);
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) (header.length & 0xff), (byte) (header.length >>> 8)});
        out.write(header);
    }

    /**
     * Reads a header and leaves {@code in} at the first data byte.
     *
     * @throws IOException if the stream is not a version 1.x–3.x {@code .npy} file
     */
    public static Header readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[6];
        data.readFully(magic);
        for (int i = 0; i < 6; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException("not a NumPy .npy file (bad magic)");
            }
        }
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        long length;
        if (major == 1) {
            length = data.readUnsignedByte() | (data.readUnsignedByte() << 8);
        } else if (major == 2 || major == 3) {
            byte[] b = new byte[4];
            data.readFully(b);
            length = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new IOException("unsupported .npy version " + major);
        }
        byte[] text = new byte[(int) length];
        data.readFully(text);
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new IOException("malformed .npy header: " + dict.strip());
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.strip()));
            }
        }
        return new Header(descr.group(1), fortran.group(1).equals("True"),
                dims.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Reads a 2-D row-major {@code <f4} matrix of the expected shape.
     *
     * @throws IOException if the header differs from what is expected or the data is short
     */
    public static float[] readFloat32(InputStream in, int rows, int columns) throws IOException {
        expect(readHeader(in), "<f4", rows, columns);
        float[] values = new float[rows * columns];
        readData(in, values.length, (buffer, start, count) -> buffer.asFloatBuffer().get(values, start, count));
        return values;
    }

    /**
     * Checks a 2-D row-major {@code <f4} matrix of the expected shape and skips its values, keeping none: for files
     * read in place later. Returns the header's length in bytes, where the values begin.
     *
     * @throws IOException if the header differs from what is expected or the data is short
     */
    public static long skipFloat32(InputStream in, int rows, int columns) throws IOException {
        CountingInput counting = new CountingInput(in);
        expect(readHeader(counting), "<f4", rows, columns);
        long header = counting.count;
        readData(counting, Math.multiplyExact(rows, columns), (buffer, start, count) -> { });
        return header;
    }

    /** Counts the bytes read through it. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }

    /**
     * Reads a 2-D row-major {@code <i4} matrix of the expected shape.
     *
     * @throws IOException if the header differs from what is expected or the data is short
     */
    public static int[] readInt32(InputStream in, int rows, int columns) throws IOException {
        expect(readHeader(in), "<i4", rows, columns);
        int[] values = new int[rows * columns];
        readData(in, values.length, (buffer, start, count) -> buffer.asIntBuffer().get(values, start, count));
        return values;
    }

    /** Checks a header against the dtype and shape expected, before anything of that size is allocated. */
    private static void expect(Header header, String descr, int rows, int columns) throws IOException {
        if ((long) rows * columns > Integer.MAX_VALUE - 8 || rows < 0 || columns < 0) {
            throw new IOException("an array of " + rows + "x" + columns + " values is larger than a Java array");
        }
        if (!header.descr().equals(descr) || header.fortranOrder() || header.shape().length != 2
                || header.shape()[0] != rows || header.shape()[1] != columns) {
            throw new IOException("expected a C-order " + descr + " array of shape (" + rows + ", " + columns
                    + "), found " + header.descr() + " " + java.util.Arrays.toString(header.shape()));
        }
    }

    /** Reads a 1-D {@code <U}n vector of the expected length. */
    public static List<String> readStrings(InputStream in, int length) throws IOException {
        Header header = readHeader(in);
        if (!header.descr().startsWith("<U") || header.shape().length != 1 || header.shape()[0] != length) {
            throw new IOException("expected a <U string vector of length " + length + ", found " + header.descr()
                    + " " + java.util.Arrays.toString(header.shape()));
        }
        int width = Integer.parseInt(header.descr().substring(2));
        byte[] bytes = new byte[width * 4];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<String> values = new ArrayList<>(length);
        StringBuilder s = new StringBuilder(width);
        for (int i = 0; i < length; i++) {
            readFully(in, bytes, bytes.length);
            buffer.clear();
            s.setLength(0);
            for (int k = 0; k < width; k++) {
                int cp = buffer.getInt();
                if (cp == 0) {
                    break;
                }
                s.appendCodePoint(cp);
            }
            values.add(s.toString());
        }
        return values;
    }

    private static void readFully(InputStream in, byte[] bytes, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int r = in.read(bytes, done, count - done);
            if (r < 0) {
                throw new EOFException("file ends early: " + (count - done) + " bytes of data missing");
            }
            done += r;
        }
    }
}
