package io.chemdl4j.models.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ensemble's directory is checked as strictly as a single model's: the member count is bounded, every member is
 * a real directory of its own holding a single model of the ensemble's kind, tasks, featurizer and transformers,
 * and each refusal is one line naming the file.
 */
class EnsembleFilesTest {
    @TempDir
    Path tmp;

    @Test
    void craftedEnsemblesAreRefusedNamingWhatIsWrong() throws Exception {
        assertRefused(manifest -> manifest.replace("\"members\" : 2", "\"members\" : 0"), null,
                "field 'members' must be 1 to 1000, not 0");
        assertRefused(manifest -> manifest.replace("\"members\" : 2", "\"members\" : 1000000"), null,
                "field 'members' must be 1 to 1000, not 1000000");
        assertRefused(manifest -> manifest.replace("\"members\" : 2", "\"members\" : 3"), null,
                "member-2: no such model directory");
        assertRefused(manifest -> manifest.replace("\"formatVersion\" : 5", "\"formatVersion\" : 4"), null,
                "an ensemble needs format version 5 or later, not 4");
        assertRefused(manifest -> manifest, dir -> {
            Path member = dir.resolve("member-1");
            deleteTree(member);
            Files.createSymbolicLink(member, dir.resolve("member-0"));
        }, "member-1 is a symbolic link; a model's files must be its own");
        assertRefused(manifest -> manifest, dir -> Files.writeString(dir.resolve("member-0/chemdl-model.json"),
                Files.readString(dir.resolve("member-0/chemdl-model.json")).replace("\"b\"", "\"c\"")),
                "its tasks, featurizer or transformers differ from the ensemble's");
        assertRefused(manifest -> manifest, dir -> Files.copy(dir.resolve("chemdl-model.json"),
                dir.resolve("member-0/chemdl-model.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING),
                "an ensemble's member is a single model, not an ensemble");
    }

    private interface Edit<T> {
        T apply(T value) throws Exception;
    }

    private interface Change {
        void apply(Path dir) throws Exception;
    }

    private void assertRefused(Edit<String> manifest, Change change, String reason) throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/v5-ensemble-classifier/" + ModelIO.MANIFEST).toURI())
                .getParent();
        Path copy = tmp.resolve("e" + System.nanoTime());
        try (Stream<Path> files = Files.walk(golden)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(golden.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path file = copy.resolve(ModelIO.MANIFEST);
        Files.writeString(file, manifest.apply(Files.readString(file)));
        if (change != null) {
            change.apply(copy);
        }
        String message = assertThrows(ModelFormatException.class, () -> ModelIO.load(copy)).getMessage();
        assertTrue(message.contains(reason) && message.lines().count() == 1, message);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
