package io.chemdl4j.featurize;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes files and directories so that readers see either the old content or the complete new
 * content, never a partial write: everything is written beside the target under a temporary name,
 * then renamed into place. The one way this toolkit writes its outputs, models and caches.
 */
public final class AtomicFiles {
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
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
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
        return new StagedDirectory(target, Files.createTempDirectory(parent, "." + target.getFileName() + "."));
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
            Path parent = parentOf(target);
            Path old = null;
            try {
                if (Files.exists(target)) {
                    old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old.");
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
