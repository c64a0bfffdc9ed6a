package io.chemdl4j.spark;

import org.apache.spark.Partitioner;

/**
 * Places data rows (keys: the 0-based row) in partitions by blocks of {@code chunkSize} consecutive rows, dealt to the
 * partitions in turn, so that every block, {@code chemdl predict}'s chunk, lies whole in one partition.
 */
final class ChunkPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;
    private final int chunkSize;

    ChunkPartitioner(int partitions, int chunkSize) {
        if (partitions < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("partitions and chunk size must be positive");
        }
        this.partitions = partitions;
        this.chunkSize = chunkSize;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return (int) ((((Long) key) / chunkSize) % partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkPartitioner c && c.partitions == partitions && c.chunkSize == chunkSize;
    }

    @Override
    public int hashCode() {
        return 31 * partitions + chunkSize;
    }
}
