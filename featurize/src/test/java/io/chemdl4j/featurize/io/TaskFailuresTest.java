package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

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
}
