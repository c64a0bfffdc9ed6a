package io.chemdl4j.moleculenet.store;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.chemdl4j.moleculenet.FeatureRows;
import io.chemdl4j.moleculenet.InvalidDataException;

/**
 * The feature matrices of a disk dataset's shards ({@code shard-NNNNN-X.npy}), read in place a row at a time by
 * positional reads: features that never pass through the heap all at once. The dataset checks every file against
 * its SHA-256 and its header against the shape the metadata gives first; each stays open (read-only) until these rows
 * are unreachable, so a cache entry rebuilt meanwhile does not change them. Immutable and
 * thread-safe (positional reads share no file position).
 */
final class ShardFeatureRows implements FeatureRows {
    private static final Cleaner CLEANER = Cleaner.create();

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
     * Opens the feature files, already checked by the dataset ({@link DiskDataset#toDatasetInFiles()}).
     *
     * @param files      the shards' X files
     * @param dataOffset where each file's values begin (after its header)
     * @param shardRows  rows per shard
     * @param width      features per row
     * @throws InvalidDataException naming the file that cannot be opened
     */
    ShardFeatureRows(List<Path> files, long[] dataOffset, int[] shardRows, int width) {
        this.width = width;
        this.dataOffset = dataOffset.clone();
        int shards = files.size();
        firstRow = new int[shards + 1];
        channels = new FileChannel[shards];
        OpenFiles open = new OpenFiles(channels);
        for (int s = 0; s < shards; s++) {
            firstRow[s + 1] = Math.addExact(firstRow[s], shardRows[s]);
            try {
                channels[s] = FileChannel.open(files.get(s), StandardOpenOption.READ);
            } catch (IOException e) {
                open.run();
                throw new InvalidDataException(files.get(s) + ": cannot be opened (" + e.getMessage() + ")", e);
            }
        }
        rows = firstRow[shards];
        CLEANER.register(this, open);
        int rowBytes = Math.multiplyExact(width, 4);
        buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(rowBytes).order(ByteOrder.LITTLE_ENDIAN));
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
