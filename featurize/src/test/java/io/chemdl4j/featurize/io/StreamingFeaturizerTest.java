package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;

/**
 * {@link StreamingFeaturizer#run}'s hand-off: each chunk's rows, failures and progress reach the sinks in input order,
 * from one thread that is not the caller's (the next chunk is featurized meanwhile), all before it returns; whatever a
 * sink throws ends the run and is thrown as it was, after the rows before it.
 */
class StreamingFeaturizerTest {
    @TempDir
    Path dir;

    /** 23 rows, every fifth SMILES unreadable. */
    private Path input() throws IOException {
        List<String> lines = new ArrayList<>(List.of("smiles"));
        for (int i = 0; i < 23; i++) {
            lines.add(i % 5 == 4 ? "C1CC" : "C".repeat(1 + i % 7) + "O");
        }
        return Files.write(dir.resolve("in.csv"), lines);
    }

    @Test
    void rowsFailuresAndProgressArriveInOrderFromOneWritingThread() throws Exception {
        Thread caller = Thread.currentThread();
        Set<Thread> writers = ConcurrentHashMap.newKeySet();
        List<String> events = new ArrayList<>();
        StreamingFeaturizer.Summary summary;
        try (MoleculeReader reader = MoleculeReader.open(input(), "smiles")) {
            summary = new StreamingFeaturizer<>(new MorganFeaturizer(), FragmentPolicy.KEEP_ALL, 2, 4).run(reader,
                    (record, features) -> {
                        writers.add(Thread.currentThread());
                        events.add("row " + record.row());
                    },
                    error -> {
                        writers.add(Thread.currentThread());
                        events.add("failed " + error.row());
                    },
                    rows -> {
                        writers.add(Thread.currentThread());
                        events.add("done " + rows);
                    });
        }
        assertEquals(new StreamingFeaturizer.Summary(23, 19, 4), summary);
        List<String> expected = new ArrayList<>();
        for (int row = 0; row < 23; row++) {
            expected.add((row % 5 == 4 ? "failed " : "row ") + row); // rows are numbered from 0
            if (row % 4 == 3 || row == 22) {
                expected.add("done " + (row + 1));
            }
        }
        assertEquals(expected, events);
        assertEquals(1, writers.size(), "one writing thread");
        assertNotEquals(caller, writers.iterator().next(), "not the caller's: it reads and featurizes meanwhile");
    }

    @Test
    void whatASinkThrowsEndsTheRunAsItWasThrown() throws Exception {
        IOException full = new IOException("disk full");
        List<Long> written = new ArrayList<>();
        try (MoleculeReader reader = MoleculeReader.open(input(), "smiles")) {
            IOException thrown = assertThrows(IOException.class, () -> new StreamingFeaturizer<>(new MorganFeaturizer(),
                    FragmentPolicy.KEEP_ALL, 2, 4).run(reader, (record, features) -> {
                        if (record.row() == 10) {
                            throw full;
                        }
                        written.add(record.row());
                    }, error -> { }, null));
            assertSame(full, thrown);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L), written, "every row before it, none after");
        IllegalStateException broken = new IllegalStateException("sink broken");
        try (MoleculeReader reader = MoleculeReader.open(input(), "smiles")) {
            assertSame(broken, assertThrows(IllegalStateException.class, () -> new StreamingFeaturizer<>(
                    new MorganFeaturizer(), FragmentPolicy.KEEP_ALL, 2, 4).run(reader, (record, features) -> { },
                    error -> { }, rows -> {
                        throw broken;
                    })));
        }
    }
}
