package io.chemdl4j.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import scala.Tuple2;

/**
 * Lays a numbered library ({@link MoleculeSource#readNumbered}) out so that every block of {@code chunkSize} data rows,
 * {@code chemdl predict}'s chunk, lies whole and in row order in one partition. A library read in enough partitions
 * keeps them: each block goes to the partition where it starts, which takes the rows of it that the next partitions
 * begin with (collected first: fewer than a block per partition), so nothing is shuffled. Otherwise (a gzipped file
 * is read as one partition) the blocks are dealt to {@code partitions} partitions by a shuffle
 * ({@link ChunkPartitioner}).
 */
final class BlockLayout {
    private BlockLayout() {
    }

    /** One molecule: its data row, id and SMILES. */
    private static final class Rows extends ArrayList<Tuple2<Long, Tuple2<String, String>>> {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A partition's start: the rows it begins with that belong to a block started before it ({@code head}), and
     * whether they are all its rows. A class, not a record: Spark's Kryo cannot make records.
     */
    private static final class Start implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private Rows head;
        private boolean whole;

        /** For Kryo. */
        @SuppressWarnings("unused")
        private Start() {
        }

        Start(Rows head, boolean whole) {
            this.head = head;
            this.whole = whole;
        }

        Rows head() {
            return head;
        }

        boolean whole() {
            return whole;
        }
    }

    /**
     * {@code numbered}, blocks whole: in its own partitions if {@code partitions} is 0 and it has a partition for every
     * core at least, else shuffled into {@code partitions} (0: two per core).
     */
    static JavaRDD<Tuple2<Long, Tuple2<String, String>>> of(JavaSparkContext spark,
            JavaPairRDD<Long, Tuple2<String, String>> numbered, int chunkSize, int partitions) {
        int cores = spark.defaultParallelism();
        if (partitions > 0 || numbered.getNumPartitions() < cores) {
            return numbered.repartitionAndSortWithinPartitions(new ChunkPartitioner(partitions > 0 ? partitions
                    : 2 * cores, chunkSize)).rdd().toJavaRDD();
        }
        Map<Integer, Start> starts = new HashMap<>();
        for (Tuple2<Integer, Start> s : numbered.mapPartitionsWithIndex((p, rows) -> List.of(new Tuple2<>(p,
                start(rows, chunkSize))).iterator(), true).collect()) {
            starts.put(s._1(), s._2());
        }
        Broadcast<Map<Integer, Start>> heads = spark.broadcast(starts);
        int count = numbered.getNumPartitions();
        return numbered.mapPartitionsWithIndex((p, rows) -> aligned(p, rows, heads.value(), count, chunkSize), true);
    }

    /** The rows a partition begins with that continue a block started before it. */
    private static Start start(Iterator<Tuple2<Long, Tuple2<String, String>>> rows, int chunkSize) {
        Rows head = new Rows();
        if (!rows.hasNext()) {
            return new Start(head, true);
        }
        Tuple2<Long, Tuple2<String, String>> first = rows.next();
        if (first._1() % chunkSize == 0) {
            return new Start(head, false);
        }
        long block = first._1() / chunkSize;
        head.add(first);
        while (rows.hasNext()) {
            Tuple2<Long, Tuple2<String, String>> row = rows.next();
            if (row._1() / chunkSize != block) {
                return new Start(head, false);
            }
            head.add(row);
        }
        return new Start(head, true);
    }

    /**
     * Partition {@code p}'s blocks: its rows less its head (an earlier partition's), then the heads of the partitions
     * after it that continue its last block.
     */
    private static Iterator<Tuple2<Long, Tuple2<String, String>>> aligned(int p,
            Iterator<Tuple2<Long, Tuple2<String, String>>> rows, Map<Integer, Start> starts, int partitions,
            int chunkSize) {
        // (Spark's row iterators need hasNext before every next)
        for (int skip = starts.get(p).head().size(); skip > 0 && rows.hasNext(); skip--) {
            rows.next();
        }
        return new Iterator<>() {
            private long last = -1;
            private int nextPartition = p + 1;
            private Iterator<Tuple2<Long, Tuple2<String, String>>> tail;

            @Override
            public boolean hasNext() {
                if (rows.hasNext()) {
                    return true;
                }
                while ((tail == null || !tail.hasNext()) && last >= 0 && (last + 1) % chunkSize != 0
                        && nextPartition < partitions) {
                    Start next = starts.get(nextPartition++);
                    tail = next.head().iterator();
                    if (!next.whole()) {
                        nextPartition = partitions; // its first block ends the one continued here
                    }
                }
                return tail != null && tail.hasNext();
            }

            @Override
            public Tuple2<Long, Tuple2<String, String>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Tuple2<Long, Tuple2<String, String>> row = rows.hasNext() ? rows.next() : tail.next();
                last = row._1();
                return row;
            }
        };
    }
}
