package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes files and directories so that readers see either the old content or the complete new
 * content, never a partial write: everything is written beside the target under a temporary name,
 * then renamed into place. The one way this toolkit writes its outputs, models and caches.
 *
 * <p>The temporary names are made here rather than by {@link Files#createTempFile}, which creates files
 * readable by their owner only (0600, directories 0700): what the toolkit writes gets the permissions the
 * user's umask gives any new file, as a shell redirect would. A temporary name carries the writing process's id
 * ({@code .name.<pid>-<random>.tmp}): what a killed run left behind is removed by the next write to the same
 * target, once no process of that id is alive here and it has not changed for ten minutes (a live writer's files,
 * this process's and another machine's on a shared disk included, are left alone).
 */
public final class AtomicFiles {
    /** Draws temporary names; unpredictable, so that two writers (or processes) rarely collide. */
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** How long a dead process's temporary file stays untouched before it counts as left behind. */
    private static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(10);
    /** This process's id, in every temporary name it makes. */
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** Something that writes a file's content. */
    @FunctionalInterface
    public interface StreamWriter {
        /** Writes the file's whole content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a fresh, empty directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        /** Fills {@code directory}, a new empty directory beside the destination. */
        void write(Path directory) throws IOException;
    }

    /** Writes {@code target} atomically: the content goes to a temporary sibling, which is then renamed. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        Path dir = parentOf(target);
        Files.createDirectories(dir);
        removeStale(target);
        Path tmp = null;
        try {
            OutputStream created = null;
            while (created == null) {
                tmp = dir.resolve(temporaryName(target, ".tmp"));
                try {
                    created = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    tmp = null; // another writer's name: draw again
                }
            }
            try (OutputStream out = created) {
                writer.write(out);
            }
            move(tmp, target);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A new empty file or directory beside {@code target} under a hidden temporary name ({@code .name.<random><suffix>}),
     * with the permissions the umask gives new files; see the class comment.
     */
    public static Path createTemporarySibling(Path target, String suffix, boolean directory) throws IOException {
        Path dir = parentOf(target);
        removeStale(target);
        while (true) {
            Path tmp = dir.resolve(temporaryName(target, suffix));
            try {
                return directory ? Files.createDirectory(tmp) : Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                // another writer's name: draw again
            }
        }
    }

    private static String temporaryName(Path target, String suffix) {
        return "." + target.getFileName() + "." + PID + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix;
    }

    /**
     * Deletes the temporary files and directories beside {@code target} that a process no longer alive left
     * (killed before it renamed them into place) and that have not changed for ten minutes. Best effort: one that
     * cannot be deleted stays.
     */
    static void removeStale(Path target) {
        Path dir = parentOf(target);
        String prefix = "." + target.getFileName() + ".";
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(prefix) + "(\\d+)-[0-9a-z]+(\\.tmp|\\.part|\\.old)?");
        try (java.nio.file.DirectoryStream<Path> siblings = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path sibling : siblings) {
                java.util.regex.Matcher m = ours.matcher(sibling.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != PID && ProcessHandle.of(pid).isEmpty() && Files.getLastModifiedTime(sibling).toInstant()
                        .isBefore(java.time.Instant.now().minus(STALE_AFTER))) {
                    deleteRecursively(sibling);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a directory that cannot be listed or cleaned is written to all the same
        }
    }

    /**
     * Writes a whole directory atomically: it is filled under a temporary name, then renamed into
     * place; an existing directory at {@code target} is replaced.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        try (StagedDirectory staged = stageDirectory(target)) {
            writer.write(staged.path());
            staged.commit();
        }
    }

    /**
     * A fresh temporary directory beside {@code target}, to be filled over time (a streaming
     * writer) and then {@linkplain StagedDirectory#commit() committed}: renamed into place in one
     * step. Closing it uncommitted deletes it. A process killed before the commit leaves only a
     * hidden {@code .name.*} sibling, never a directory at {@code target}.
     */
    public static StagedDirectory stageDirectory(Path target) throws IOException {
        Path parent = parentOf(target);
        Files.createDirectories(parent);
        return new StagedDirectory(target, createTemporarySibling(target, "", true));
    }

    /** A directory being written under a temporary name; see {@link #stageDirectory(Path)}. */
    public static final class StagedDirectory implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private boolean committed;

        private StagedDirectory(Path target, Path tmp) {
            this.target = target;
            this.tmp = tmp;
        }

        /** Where to write the content. */
        public Path path() {
            return tmp;
        }

        /** Renames the content into place, replacing an existing directory at the target. */
        public void commit() throws IOException {
            Path old = null;
            try {
                if (Files.exists(target)) {
                    old = createTemporarySibling(target, ".old", true);
                    Files.delete(old);
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                committed = true;
            } finally {
                if (old != null) {
                    deleteRecursively(old);
                }
            }
        }

        /** Deletes the temporary directory unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!committed) {
                deleteRecursively(tmp);
            }
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot write to a file-system root: " + target);
        }
        return parent;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or directory tree if it exists. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw new UncheckedIOException(exc);
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
