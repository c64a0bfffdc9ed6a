package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.chemdl4j.featurize.io.AtomicFiles;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesAndDirectoriesGetTheUmasksPermissionsAsAnyNewFileDoes() throws IOException {
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

    @Test
    void whatAKilledRunLeftIsRemovedByTheNextWriteAndALiveWritersFilesAreNot() throws Exception {
        Process finished = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        finished.getInputStream().readAllBytes();
        finished.waitFor();
        long dead = finished.pid();
        long alive = ProcessHandle.current().pid();
        Path staleFile = Files.writeString(dir.resolve(".out.csv." + dead + "-k1ll3d.tmp"), "half");
        Path staleModel = Files.createDirectories(dir.resolve(".model." + dead + "-k1ll3d"));
        Files.writeString(staleModel.resolve("chemdl-model.json"), "{");
        Path live = Files.writeString(dir.resolve(".out.csv." + alive + "-w0rk1ng.tmp"), "in progress");
        Path unrelated = Files.writeString(dir.resolve(".out.csv.notes"), "the user's own");
        Path recent = Files.writeString(dir.resolve(".out.csv." + dead + "-r3c3nt.tmp"), "another host's, maybe");
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
        for (Path old : List.of(staleFile, staleModel, live, unrelated)) {
            Files.setLastModifiedTime(old, hourAgo);
        }

        AtomicFiles.write(dir.resolve("out.csv"), o -> o.write("a\n".getBytes()));
        AtomicFiles.writeDirectory(dir.resolve("model"), d -> Files.writeString(d.resolve("m.json"), "{}"));

        assertFalse(Files.exists(staleFile), "a dead process's staging file");
        assertFalse(Files.exists(staleModel), "a dead process's staging directory");
        assertTrue(Files.exists(live), "a live writer's file is its own");
        assertTrue(Files.exists(unrelated), "a name the toolkit does not make");
        assertTrue(Files.exists(recent), "changed in the last ten minutes: perhaps a writer on another machine");
    }
}
