package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** A task's failure is thrown again as it was; a checked exception other than an I/O one inside an {@link IOException}. */
class TaskFailuresTest {
    @Test
    void throwsTheCauseAsItWas() {
        IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> TaskFailures.rethrow(new ExecutionException(io))));
        IllegalStateException runtime = new IllegalStateException("broken");
        assertSame(runtime, assertThrows(IllegalStateException.class,
                () -> TaskFailures.rethrow(new ExecutionException(runtime))));
        OutOfMemoryError error = new OutOfMemoryError("heap");
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> TaskFailures.rethrow(new ExecutionException(error))));
        Exception checked = new Exception("checked");
        assertSame(checked, assertThrows(IOException.class,
                () -> TaskFailures.rethrow(new ExecutionException(checked))).getCause());
    }

    @Test
    void anInterruptWhileWaitingLetsTheTaskFinishAndIsKept() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            Future<?> task = pool.submit(() -> {
                started.countDown();
                Thread.sleep(300);
                finished.set(true);
                return null;
            });
            started.await();
            Thread.currentThread().interrupt();
            TaskFailures.await(task);
            assertTrue(finished.get(), "the task finished before the wait returned");
            assertTrue(Thread.interrupted(), "the interrupt is set again (and cleared here)");
            IOException io = new IOException("disk full");
            Future<?> failing = pool.submit(() -> {
                throw io;
            });
            assertSame(io, assertThrows(IOException.class, () -> TaskFailures.await(failing)));
            TaskFailures.await(null);
        } finally {
            pool.shutdownNow();
        }
    }
}
