package io.chemdl4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A saved model's directory as one zip archive, the way a Spark job broadcasts it to its executors (Spark ships no
 * directories to a cluster), and unpacked there again.
 */
final class ModelArchive {
    private ModelArchive() {
    }

    /** The largest archive broadcast (a Java array's limit, with room). */
    static final int MAX_ARCHIVE_BYTES = Integer.MAX_VALUE - 1024;

    /**
     * Every file under {@code model} (sub-directories included, such as an ensemble's members), zipped.
     *
     * @throws IllegalArgumentException when the model is larger than {@link #MAX_ARCHIVE_BYTES} zipped
     */
    static byte[] zip(Path model) throws IOException {
        Path dir = model.toAbsolutePath().normalize();
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long size = 0;
        for (Path f : files) {
            size += Files.size(f);
        }
        if (size > MAX_ARCHIVE_BYTES) {
            throw new IllegalArgumentException(model + ": " + size + " bytes of model files; a Spark job broadcasts "
                    + "at most " + MAX_ARCHIVE_BYTES);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Unpacks {@code archive} (from {@link #zip}) into a new temporary directory, which the JVM deletes on exit, and returns it. Refuses
     * entries that would leave it, and more than {@code maxBytes} in all.
     */
    static Path unpack(byte[] archive, long maxBytes) throws IOException {
        Path dir = Files.createTempDirectory("chemdl-model-");
        long total = 0;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir) || entry.isDirectory()) {
                    throw new IOException("entry '" + entry.getName() + "' is not a file of the model");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = zip.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw new IOException("more than " + maxBytes + " bytes unpacked");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                target.toFile().deleteOnExit();
            }
        }
        dir.toFile().deleteOnExit();
        return dir;
    }
}
