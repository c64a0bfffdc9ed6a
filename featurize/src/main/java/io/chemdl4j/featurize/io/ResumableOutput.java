package io.chemdl4j.featurize.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.function.Supplier;

import io.chemdl4j.featurize.io.AtomicFiles;

/**
 * The output file and error list of a streaming job ({@code featurize}, {@code predict}), committed chunk by chunk
 * so that a run killed at any moment (kill -9, a lost machine) can be continued with {@code --resume}, the final
 * files byte-identical to those of an uninterrupted run.
 *
 * <p>While the job runs, both files grow in a hidden staging directory beside the output,
 * {@code .<output name>.resume/}, next to a small state file. A {@linkplain #commit commit} records, after the
 * job finished a chunk, how many input rows are done and how long each file was then; it is taken at most once a
 * second (the data are forced to disk first, the state then replaced atomically). Resuming truncates both files to
 * their committed lengths (what a killed run wrote after its last commit is dropped) and tells the job how many
 * rows to skip. The state also records a digest of the job's settings and of the input's size and modification
 * time: a resume with other settings or a changed input is refused rather than mixing two runs. When the job
 * {@linkplain #complete completes}, the files are renamed to their destinations (each appears whole, as with
 * {@link AtomicFiles}) and the staging directory is removed. A run without {@code --resume} discards what an
 * interrupted run left there.
 *
 * <p>A lock file in the staging directory keeps two runs from writing the same output at once; the operating
 * system releases it when a process dies. Not thread-safe as a whole: {@link #output()} belongs to the thread that
 * writes the output and {@link #errors()} with {@link #errorsLength()} to the one that writes the errors; either may
 * call {@link #commit}.
 */
public final class ResumableOutput implements Closeable {
    /** Format of the state file; a state of another version is not resumed. */
    private static final String STATE_VERSION = "1";
    private static final long COMMIT_INTERVAL_NANOS = 1_000_000_000L;
    private final long commitIntervalNanos;

    /**
     * What a job had finished at a commit.
     *
     * @param rows   input rows done (written or listed as errors)
     * @param failed of those, the rows listed as errors
     * @param chunks the job's own count of the chunks done (a predictor seeds each chunk's dropout masks by it)
     */
    public record Progress(long rows, long failed, long chunks) {
        /** Nothing done yet. */
        public static final Progress NONE = new Progress(0, 0, 0);

        public Progress {
            if (rows < 0 || failed < 0 || failed > rows || chunks < 0) {
                throw new IllegalArgumentException("inconsistent progress: " + rows + " rows, " + failed + " failed, "
                        + chunks + " chunks");
            }
        }
    }

    private final Path output;
    private final Path errorsTarget;
    private final Path staging;
    private final Path state;
    private final Path outputPart;
    private final Path errorsPart;
    /** The settings' digest, computed when first needed (see {@link #open(Path, Path, Supplier, boolean)}). */
    private final Supplier<String> settings;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel outputChannel;
    private final FileChannel errorsChannel;
    private final Writer outputWriter;
    private final Writer errorsWriter;
    private final Progress resumed;
    private final boolean discarded;
    private long lastCommit = System.nanoTime();
    private boolean completed;

    private ResumableOutput(Path output, Path errors, Supplier<String> settings, boolean resume,
                            long commitIntervalNanos)
            throws IOException, InputFileException {
        this.commitIntervalNanos = commitIntervalNanos;
        this.output = output.toAbsolutePath();
        this.errorsTarget = errors == null ? null : errors.toAbsolutePath();
        this.settings = settings;
        Path parent = this.output.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot write to a file-system root: " + output);
        }
        Files.createDirectories(parent);
        this.staging = parent.resolve("." + this.output.getFileName() + ".resume");
        if (Files.isSymbolicLink(staging) || (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS))) {
            throw new InputFileException(staging + ": not a directory this toolkit made; remove it to write " + output);
        }
        Files.createDirectories(staging);
        this.state = staging.resolve("state");
        this.outputPart = staging.resolve("output.part");
        this.errorsPart = staging.resolve("errors.part");
        this.lockChannel = FileChannel.open(staging.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            taken = null;
        }
        if (taken == null) {
            lockChannel.close();
            throw new InputFileException(output + ": another run is writing this output now; wait for it to end or "
                    + "choose another --output");
        }
        this.lock = taken;
        FileChannel out = null;
        FileChannel err = null;
        try {
            Committed committed = readState();
            boolean continuing = false;
            if (resume && committed != null) {
                if (!committed.settings().equals(settings.get())) {
                    throw new InputFileException(output + ": cannot resume: the interrupted run that wrote it had "
                            + "other settings, another model or an input that has changed since; run without "
                            + "--resume to start over");
                }
                continuing = Files.isRegularFile(outputPart, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(outputPart) >= committed.outputLength()
                        && (errors == null || Files.isRegularFile(errorsPart, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(errorsPart) >= committed.errorsLength());
                if (!continuing) {
                    throw new InputFileException(output + ": cannot resume: the files of the interrupted run in "
                            + staging + " are shorter than their last commit; run without --resume to start over");
                }
            }
            this.discarded = !continuing && (committed != null || Files.exists(outputPart));
            out = openPart(outputPart, continuing ? committed.outputLength() : 0);
            err = errors == null ? null : openPart(errorsPart, continuing ? committed.errorsLength() : 0);
            this.resumed = continuing ? committed.progress() : null;
            if (!continuing) {
                Files.deleteIfExists(state);
            }
        } catch (IOException | InputFileException | RuntimeException e) {
            closeQuietly(out);
            closeQuietly(err);
            releaseQuietly();
            throw e;
        }
        this.outputChannel = out;
        this.errorsChannel = err;
        this.outputWriter = writer(out, this.output);
        this.errorsWriter = err == null ? null : writer(err, this.errorsTarget);
    }

    /**
     * Opens the staged output of a job writing {@code output} (and {@code errors}, or {@code null} for none).
     *
     * @param settings what must be the same for a run to be continued: the job's settings, its model, and the input's
     *                 identity ({@link #inputIdentity}); kept as a digest
     * @param resume   continue an interrupted run of the same settings if one left its files here; without it, such
     *                 files are discarded and the job starts over
     * @throws InputFileException when another run holds the output, or a resume finds an interrupted run of other
     *                            settings or with damaged files
     */
    public static ResumableOutput open(Path output, Path errors, String settings, boolean resume) throws IOException,
            InputFileException {
        return open(output, errors, () -> settings, resume);
    }

    /**
     * As {@link #open(Path, Path, String, boolean)} with settings that take time to make (a model's predictions for a
     * few molecules): asked for once, here when an interrupted run is to be resumed, else at the first commit, from
     * the thread that commits, so that a fresh run starts at once.
     */
    public static ResumableOutput open(Path output, Path errors, Supplier<String> settings, boolean resume)
            throws IOException, InputFileException {
        return open(output, errors, settings, resume, COMMIT_INTERVAL_NANOS);
    }

    /** As {@link #open(Path, Path, Supplier, boolean)}, committing at most once per {@code commitIntervalNanos}. */
    static ResumableOutput open(Path output, Path errors, Supplier<String> settings, boolean resume,
                                long commitIntervalNanos) throws IOException, InputFileException {
        Supplier<String> digest = memoized(() -> digest(settings.get() + "\nerrors listed: " + (errors != null)));
        return new ResumableOutput(output, errors, digest, resume, commitIntervalNanos);
    }

    /** {@code supplier}'s value, computed at the first call only; safe from any thread. */
    private static Supplier<String> memoized(Supplier<String> supplier) {
        return new Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    value = java.util.Objects.requireNonNull(supplier.get(), "settings");
                }
                return value;
            }
        };
    }

    /** What identifies an input file for a resume: its absolute path, size and modification time. */
    public static String inputIdentity(Path input) throws IOException {
        Path file = input.toAbsolutePath();
        return file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    }

    /** Where the last commit of an interrupted run left off, or {@code null} when this run starts from the first row. */
    public Progress resumedFrom() {
        return resumed;
    }

    /**
     * Where the job starts: reads {@code reader} past the rows of the run resumed, tells {@code progress} (may be
     * null) that it resumes or that an interrupted run was discarded, and gives the progress to count on from
     * ({@link Progress#NONE} for a run from the first row).
     */
    public Progress start(MoleculeReader reader, StreamingFeaturizer.ProgressListener progress) {
        Progress from = resumed == null ? Progress.NONE : resumed;
        if (progress != null && resumed != null) {
            progress.resumed(from.rows());
        } else if (progress != null && discarded) {
            progress.interruptedRunDiscarded();
        }
        reader.skip(from.rows());
        return from;
    }

    /** The error sink of this run: {@link #errors()} as a {@link RowErrorList}, counting on from the run resumed. */
    public RowErrorList.Sink errorSink() throws IOException {
        return RowErrorList.sink(errorsWriter, resumed == null, resumed == null ? 0 : resumed.failed());
    }

    /** Whether the files of an interrupted run were found and discarded (a run without {@code --resume}). */
    public boolean discardedInterruptedRun() {
        return discarded;
    }

    /** Where the job writes its output (UTF-8, buffered); after a resume, positioned after the committed rows. */
    public Writer output() {
        return outputWriter;
    }

    /** Where the job lists its failed rows (UTF-8, buffered), or {@code null} when no error list is written. */
    public Writer errors() {
        return errorsWriter;
    }

    /**
     * Flushes the error list and gives its length in bytes (0 without one): taken by the thread that writes the errors
     * when a chunk's errors are all written, and passed to the {@link #commit} of that chunk.
     */
    public long errorsLength() throws IOException {
        if (errorsWriter == null) {
            return 0;
        }
        errorsWriter.flush();
        return errorsChannel.position();
    }

    /**
     * Records that {@code done} is finished: every row up to it is in the output, which the calling thread has
     * written, and in the error list up to {@code errorsLength}. Taken at most once a second; in between, the call
     * returns at once.
     */
    public void commit(Progress done, long errorsLength) throws IOException {
        long now = System.nanoTime();
        if (now - lastCommit < commitIntervalNanos) {
            return;
        }
        lastCommit = now;
        outputWriter.flush();
        long outputLength;
        try {
            outputLength = outputChannel.position();
            outputChannel.force(false);
            if (errorsChannel != null) {
                errorsChannel.force(false);
            }
        } catch (IOException e) {
            throw new IOException(output + ": cannot be written (" + e.getMessage() + ")", e);
        }
        Properties p = new Properties();
        p.setProperty("version", STATE_VERSION);
        p.setProperty("settings", settings.get());
        p.setProperty("rows", Long.toString(done.rows()));
        p.setProperty("failed", Long.toString(done.failed()));
        p.setProperty("chunks", Long.toString(done.chunks()));
        p.setProperty("outputLength", Long.toString(outputLength));
        p.setProperty("errorsLength", Long.toString(errorsLength));
        AtomicFiles.write(state, stream -> p.store(stream, "chemdl resume state"));
    }

    /**
     * Ends the job: both files are flushed and renamed to their destinations (the error list first, so that an output
     * that appears always has its error list), and the staging directory is removed.
     */
    public void complete() throws IOException {
        outputWriter.flush();
        outputWriter.close();
        if (errorsWriter != null) {
            errorsWriter.flush();
            errorsWriter.close();
            moveIntoPlace(errorsPart, errorsTarget);
        }
        moveIntoPlace(outputPart, output);
        completed = true;
        Files.deleteIfExists(state);
        Files.deleteIfExists(staging.resolve("lock"));
        releaseQuietly();
        try {
            Files.deleteIfExists(staging);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // something else was put there; left alone
        }
    }

    /** Releases the output; unless completed, the staged files stay for a later {@code --resume}. */
    @Override
    public void close() {
        if (!completed) {
            closeQuietly(outputWriter);
            closeQuietly(errorsWriter);
            releaseQuietly();
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            AtomicFiles.write(target, out -> Files.copy(part, out));
            Files.delete(part);
        }
    }

    private record Committed(String settings, Progress progress, long outputLength, long errorsLength) {
    }

    /** The last commit, or {@code null} if there is none or it is not a state this version wrote. */
    private Committed readState() throws IOException {
        if (!Files.isRegularFile(state, LinkOption.NOFOLLOW_LINKS) || Files.size(state) > 4096) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        if (!STATE_VERSION.equals(p.getProperty("version")) || p.getProperty("settings") == null) {
            return null;
        }
        try {
            return new Committed(p.getProperty("settings"), new Progress(number(p, "rows"), number(p, "failed"),
                    number(p, "chunks")), number(p, "outputLength"), number(p, "errorsLength"));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static long number(Properties p, String key) {
        long value = Long.parseLong(String.valueOf(p.getProperty(key)));
        if (value < 0) {
            throw new IllegalArgumentException(key + " is negative");
        }
        return value;
    }

    private static FileChannel openPart(Path part, long length) throws IOException {
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        channel.truncate(length);
        channel.position(length);
        return channel;
    }

    private static Writer writer(FileChannel channel, Path target) {
        return new BufferedWriter(new NamingFailures(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), target), 1 << 16);
    }

    /** A writer whose failures (a full disk, a lost mount) name the file the user asked for, not the staged one. */
    static final class NamingFailures extends java.io.FilterWriter {
        private final Path target;

        NamingFailures(Writer out, Path target) {
            super(out);
            this.target = target;
        }

        private IOException named(IOException e) {
            return new IOException(target + ": cannot be written (" + e.getMessage() + ")", e);
        }

        @Override
        public void write(int c) throws IOException {
            try {
                super.write(c);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(char[] buffer, int off, int len) throws IOException {
            try {
                super.write(buffer, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(String text, int off, int len) throws IOException {
            try {
                super.write(text, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                throw named(e);
            }
        }
    }

    private static String digest(String settings) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(settings.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private void releaseQuietly() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process in any case
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // the staged files are taken up again by a resume, or discarded
        }
    }
}
