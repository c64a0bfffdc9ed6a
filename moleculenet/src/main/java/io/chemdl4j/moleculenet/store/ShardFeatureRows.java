package io.chemdl4j.moleculenet.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.chemdl4j.moleculenet.FeatureRows;
import io.chemdl4j.moleculenet.InvalidDataException;

/**
 * The feature matrices of a disk dataset's shards ({@code shard-NNNNN-X.npy}), read in place a row at a time by
 * positional reads: features that never pass through the heap all at once. Every file is checked against its
 * SHA-256 and its header against the shape the metadata gives when the rows are opened, and stays open (read-only)
 * until these rows are unreachable, so a cache entry rebuilt meanwhile does not change them. Immutable and
 * thread-safe (positional reads share no file position).
 */
final class ShardFeatureRows implements FeatureRows {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int WINDOW = 1 << 16;

    private final int width;
    private final int rows;
    /** First row of each shard, and {@code rows} at the end. */
    private final int[] firstRow;
    private final long[] dataOffset;
    private final FileChannel[] channels;
    private final ThreadLocal<ByteBuffer> buffers;

    /** The open files, closed by the cleaner once the rows are unreachable. */
    private record OpenFiles(FileChannel[] channels) implements Runnable {
        @Override
        public void run() {
            for (FileChannel channel : channels) {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException e) {
                    // closing a read-only file: nothing to lose
                }
            }
        }
    }

    /**
     * Opens and verifies the feature files.
     *
     * @param files     the shards' X files with their SHA-256 and row counts
     * @param width     features per row
     * @throws InvalidDataException naming the file that is missing, corrupted or of another shape
     */
    ShardFeatureRows(List<Path> files, List<String> sha256, int[] shardRows, int width) {
        this.width = width;
        int shards = files.size();
        firstRow = new int[shards + 1];
        dataOffset = new long[shards];
        channels = new FileChannel[shards];
        OpenFiles open = new OpenFiles(channels);
        try {
            for (int s = 0; s < shards; s++) {
                firstRow[s + 1] = Math.addExact(firstRow[s], shardRows[s]);
                dataOffset[s] = verify(files.get(s), sha256.get(s), shardRows[s], width);
                channels[s] = FileChannel.open(files.get(s), StandardOpenOption.READ);
            }
        } catch (IOException | RuntimeException e) {
            open.run();
            if (e instanceof InvalidDataException invalid) {
                throw invalid;
            }
            throw new InvalidDataException(files + ": cannot be read (" + e.getMessage() + ")", e);
        }
        rows = firstRow[shards];
        CLEANER.register(this, open);
        int rowBytes = Math.multiplyExact(width, 4);
        buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(rowBytes).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Checks the file's checksum and header; returns where its data begin. */
    private static long verify(Path file, String sha256, int rows, int width) throws IOException {
        MessageDigest digest = DiskDataset.sha256();
        long size = java.nio.file.Files.size(file);
        long data = (long) rows * width * 4;
        try (InputStream in = new DigestInputStream(new java.io.BufferedInputStream(
                java.nio.file.Files.newInputStream(file), WINDOW), digest)) {
            Npy.Header header = Npy.readHeader(in);
            if (!header.descr().equals("<f4") || header.fortranOrder() || header.shape().length != 2
                    || header.shape()[0] != rows || header.shape()[1] != width) {
                throw new InvalidDataException(file + ": expected a C-order <f4 array of shape (" + rows + ", " + width
                        + "), found " + header.descr() + " " + Arrays.toString(header.shape()));
            }
            long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
            if (rest != data) {
                throw new InvalidDataException(file + ": " + rest + " bytes of data where its header says " + data);
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new InvalidDataException(file + ": corrupted (SHA-256 " + actual + ", expected " + sha256 + ")");
        }
        return size - data;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void copyRow(int row, float[] dest, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, width, dest.length);
        int shard = 0; // the last shard starting at or before the row: the one holding it, past any empty shards
        int high = channels.length - 1;
        while (shard < high) {
            int middle = (shard + high + 1) >>> 1;
            if (firstRow[middle] <= row) {
                shard = middle;
            } else {
                high = middle - 1;
            }
        }
        ByteBuffer buffer = buffers.get();
        buffer.clear();
        long position = dataOffset[shard] + (long) (row - firstRow[shard]) * width * 4;
        try {
            while (buffer.hasRemaining()) {
                int read = channels[shard].read(buffer, position + buffer.position());
                if (read < 0) {
                    throw new InvalidDataException("shard " + shard + "'s features end before row " + row);
                }
            }
        } catch (IOException e) {
            throw new InvalidDataException("shard " + shard + "'s features cannot be read (" + e.getMessage() + ")",
                    e);
        }
        buffer.flip();
        buffer.asFloatBuffer().get(dest, offset, width);
    }
}
