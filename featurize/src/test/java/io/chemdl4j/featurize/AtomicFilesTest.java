package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesAndDirectoriesGetTheUmasksPermissionsAsAnyNewFileDoes() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions");
        Set<PosixFilePermission> plainFile = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Set<PosixFilePermission> plainDirectory = Files.getPosixFilePermissions(
                Files.createDirectory(dir.resolve("plain-dir")));
        Path out = dir.resolve("out.csv");
        AtomicFiles.write(out, o -> o.write("a,b\n".getBytes()));
        assertEquals(plainFile, Files.getPosixFilePermissions(out), "not createTempFile's owner-only 0600");
        Path model = dir.resolve("model");
        AtomicFiles.writeDirectory(model, d -> Files.writeString(d.resolve("m.json"), "{}"));
        assertEquals(plainDirectory, Files.getPosixFilePermissions(model), "not createTempDirectory's 0700");
        assertEquals(plainFile, Files.getPosixFilePermissions(model.resolve("m.json")));
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoStagingFile() throws IOException {
        Path out = dir.resolve("out.csv");
        AtomicFiles.write(out, o -> o.write("old\n".getBytes()));
        assertThrows(IOException.class, () -> AtomicFiles.write(out, o -> {
            o.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(out));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(out), listing.toList());
        }
        Path model = dir.resolve("model");
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(model, d -> {
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(model));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(out), listing.toList(), "no staging directory left");
        }
    }
}
