package io.chemdl4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The rows of one partition among the best {@code keep} of any task (a superset of what those rows contribute to the
 * whole library's best): per task a bounded heap whose head is its worst kept row, by value, ties by id (then by the row
 * key, for repeated ids), so that they are broken the same way however the library is partitioned. Holds at most
 * {@code keep} rows per task.
 */
final class PartitionTop implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final List<Integer> tasks;
    private final int key;
    private final long keep;
    private final boolean ascending;

    /**
     * @param tasks     the indexes of the ranked (float) columns
     * @param key       the index of the row key (long)
     * @param keep      rows kept per task
     * @param ascending whether low values are best
     */
    PartitionTop(List<Integer> tasks, int key, long keep, boolean ascending) {
        this.tasks = List.copyOf(tasks);
        this.key = key;
        this.keep = keep;
        this.ascending = ascending;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        List<PriorityQueue<Row>> best = new ArrayList<>();
        for (int task : tasks) {
            best.add(new PriorityQueue<>(worstFirst(task)));
        }
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int t = 0; t < tasks.size(); t++) {
                PriorityQueue<Row> heap = best.get(t);
                if (heap.size() < keep) {
                    heap.add(row);
                } else if (heap.comparator().compare(row, heap.peek()) > 0) {
                    heap.poll();
                    heap.add(row);
                }
            }
        }
        Map<Long, Row> kept = new LinkedHashMap<>();
        for (PriorityQueue<Row> heap : best) {
            for (Row row : heap) {
                kept.putIfAbsent(row.getLong(key), row);
            }
        }
        return kept.values().iterator();
    }

    /** Orders rows from the worst to the best for {@code task}: the heap's head is the first to drop. */
    private Comparator<Row> worstFirst(int task) {
        Comparator<Row> byValue = Comparator.comparingDouble(r -> r.getFloat(task));
        // ties: the larger id (then key) is the worse
        Comparator<Row> tieWorstFirst = Comparator.comparing((Row r) -> r.getString(0))
                .thenComparingLong(r -> r.getLong(key)).reversed();
        // high values best: the lowest is the worst; low values best: the highest is
        return (ascending ? byValue.reversed() : byValue).thenComparing(tieWorstFirst);
    }
}
