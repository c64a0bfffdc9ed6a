package io.chemdl4j.featurize.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged outputs commit, resume from their last commit, refuse what would mix two runs, and appear only whole. */
class ResumableOutputTest {
    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out.csv");
    }

    private Path errors() {
        return dir.resolve("errors.csv");
    }

    private ResumableOutput open(String settings, boolean resume) throws Exception {
        return ResumableOutput.open(out(), errors(), () -> settings, resume, 0);
    }

    /** Writes two committed rows (one of them an error) and one row after the commit, then stops as a killed run would. */
    private void interruptedRun(String settings) throws Exception {
        ResumableOutput staged = open(settings, false);
        staged.output().write("header\na\n");
        staged.errors().write("row,smiles,reason\n1,X,bad\n");
        staged.commit(new ResumableOutput.Progress(2, 1, 1), staged.errorsLength());
        staged.output().write("uncommitted\n");
        staged.errors().write("5,Y,uncommitted\n");
        staged.output().flush();
        staged.errors().flush();
        // no complete(): the process dies here; the OS releases its lock
        staged.close();
    }

    @Test
    void settingsThatTakeTimeAreAskedForOnceAtTheFirstCommitOfAFreshRunAndAtOnceForAResume() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> slow = () -> {
            asked.incrementAndGet();
            return "s";
        };
        ResumableOutput fresh = ResumableOutput.open(out(), errors(), slow, false, 0);
        assertEquals(0, asked.get(), "a fresh run starts without them");
        fresh.output().write("header\na\n");
        fresh.commit(new ResumableOutput.Progress(1, 0, 1), fresh.errorsLength());
        fresh.commit(new ResumableOutput.Progress(1, 0, 1), fresh.errorsLength());
        assertEquals(1, asked.get(), "asked for at the first commit, once");
        fresh.close();
        asked.set(0);
        try (ResumableOutput resumed = ResumableOutput.open(out(), errors(), slow, true, 0)) {
            assertEquals(1, asked.get(), "a resume compares them before any row");
            assertEquals(new ResumableOutput.Progress(1, 0, 1), resumed.resumedFrom(), "the same settings continue");
        }
        assertThrows(InputFileException.class, () -> ResumableOutput.open(out(), errors(), () -> "other", true, 0),
                "other settings are refused");
    }

    @Test
    void aResumeDropsWhatWasWrittenAfterTheLastCommitAndContinuesFromIt() throws Exception {
        interruptedRun("s");
        assertFalse(Files.exists(out()), "no output before the run completes");
        try (ResumableOutput staged = open("s", true)) {
            assertEquals(new ResumableOutput.Progress(2, 1, 1), staged.resumedFrom());
            assertFalse(staged.discardedInterruptedRun());
            staged.output().write("b\n");
            staged.errors().write("3,Z,bad\n");
            staged.complete();
        }
        assertEquals("header\na\nb\n", Files.readString(out()));
        assertEquals("row,smiles,reason\n1,X,bad\n3,Z,bad\n", Files.readString(errors()));
        assertFalse(Files.exists(dir.resolve(".out.csv.resume")), "the staging directory is removed");
    }

    @Test
    void withoutResumeAnInterruptedRunIsDiscardedAndTheJobStartsOver() throws Exception {
        interruptedRun("s");
        try (ResumableOutput staged = open("s", false)) {
            assertNull(staged.resumedFrom());
            assertTrue(staged.discardedInterruptedRun());
            staged.output().write("fresh\n");
            staged.complete();
        }
        assertEquals("fresh\n", Files.readString(out()));
        assertEquals("", Files.readString(errors()));
    }

    @Test
    void aResumeWithNothingToResumeStartsFromTheFirstRow() throws Exception {
        try (ResumableOutput staged = open("s", true)) {
            assertNull(staged.resumedFrom());
            assertFalse(staged.discardedInterruptedRun());
            staged.output().write("x\n");
            staged.complete();
        }
        assertEquals("x\n", Files.readString(out()));
    }

    @Test
    void aResumeOfARunWithOtherSettingsOrAnotherInputIsRefused() throws Exception {
        interruptedRun("featurizer ecfp");
        InputFileException e = assertThrows(InputFileException.class, () -> open("featurizer maccs", true));
        assertTrue(e.getMessage().startsWith(out() + ": cannot resume: the interrupted run that wrote it had other "
                + "settings"), e.getMessage());
        // ... and nothing of it was touched: the right settings still resume it
        try (ResumableOutput staged = open("featurizer ecfp", true)) {
            assertEquals(2, staged.resumedFrom().rows());
        }
    }

    @Test
    void twoRunsCannotWriteTheSameOutputAtOnce() throws Exception {
        try (ResumableOutput first = open("s", false)) {
            InputFileException e = assertThrows(InputFileException.class, () -> open("s", false));
            assertEquals(out() + ": another run is writing this output now; wait for it to end or choose another "
                    + "--output", e.getMessage());
            first.output().write("first\n");
            first.complete();
        }
        try (ResumableOutput second = open("s", false)) {
            second.complete();
        }
        assertEquals("", Files.readString(out()));
    }

    @Test
    void anExistingOutputStaysAsItWasUntilTheNewOneIsComplete() throws Exception {
        Files.writeString(out(), "old\n");
        try (ResumableOutput staged = open("s", false)) {
            staged.output().write("new\n");
            staged.commit(new ResumableOutput.Progress(1, 0, 1), staged.errorsLength());
            assertEquals("old\n", Files.readString(out()));
            staged.complete();
        }
        assertEquals("new\n", Files.readString(out()));
    }

    @Test
    void aDamagedOrForeignStateFileIsNotResumedButReplaced() throws Exception {
        interruptedRun("s");
        Path state = dir.resolve(".out.csv.resume").resolve("state");
        for (String content : new String[]{"version=1\nsettings=x\nrows=-5\n", "\u0000\u0001garbage", "version=9\n",
                "version=1\nsettings=" + "x".repeat(5000)}) {
            Files.writeString(state, content);
            try (ResumableOutput staged = open("s", true)) {
                assertNull(staged.resumedFrom(), content);
                assertTrue(staged.discardedInterruptedRun());
                staged.output().write("again\n");
                staged.commit(new ResumableOutput.Progress(1, 0, 1), staged.errorsLength());
            }
        }
    }

    @Test
    void aStagingPathThatIsNotADirectoryIsRefusedNamingIt() throws Exception {
        Path staging = dir.resolve(".out.csv.resume");
        Files.writeString(staging, "not ours");
        InputFileException e = assertThrows(InputFileException.class, () -> open("s", false));
        assertTrue(e.getMessage().startsWith(staging + ": not a directory this toolkit made"), e.getMessage());
        assertEquals("not ours", Files.readString(staging));
    }

    @Test
    void aFailedWriteNamesTheOutputNotTheStagedFile() {
        java.io.Writer full = new java.io.Writer() {
            @Override
            public void write(char[] buffer, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.io.Writer named = new ResumableOutput.NamingFailures(full, out());
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> named.write("row\n"));
        assertEquals(out() + ": cannot be written (No space left on device)", e.getMessage());
    }
}
