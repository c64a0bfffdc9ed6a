package io.chemdl4j.moleculenet.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chemdl4j.moleculenet.InvalidDataException;

/**
 * Finds dataset files: first in the data directory named by {@code $CHEMDL_DATA_DIR}, then in the
 * user cache directory, then among the files that ship inside the toolkit (Tox21 and Delaney, so that
 * the quickstart and the examples work offline), else downloads them from their public URL into that
 * cache. Shipped files and downloads are written to a temporary file and moved into place atomically,
 * so an interrupted copy never leaves a file that looks complete.
 */
public final class DataFiles {
    /** Environment variable naming a directory that already holds dataset files. */
    public static final String DATA_DIR_ENV = "CHEMDL_DATA_DIR";
    /** Environment variable overriding the cache directory. */
    public static final String CACHE_DIR_ENV = "CHEMDL_CACHE_DIR";

    /** Class-path folder of the dataset files that ship inside the toolkit. */
    static final String BUNDLED_FOLDER = "/io/chemdl4j/moleculenet/data/";

    private static final Logger LOG = LoggerFactory.getLogger(DataFiles.class);

    private DataFiles() {
    }

    /** {@code $CHEMDL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/chemdl4j}, else {@code ~/.cache/chemdl4j}. */
    public static Path cacheDirectory() {
        String explicit = System.getenv(CACHE_DIR_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("chemdl4j");
    }

    /** The directory named by {@code $CHEMDL_DATA_DIR}, or {@code null}. */
    public static Path dataDirectoryFromEnvironment() {
        String dir = System.getenv(DATA_DIR_ENV);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /**
     * Where {@code fileName} is already on this machine (the data directory, then the cache), or
     * {@code null}; never downloads.
     *
     * @param dataDirectory directory to look in first, or {@code null} for {@code $CHEMDL_DATA_DIR}
     */
    public static Path findLocal(String fileName, Path dataDirectory) {
        return findLocal(fileName, dataDirectory, cacheDirectory());
    }

    private static Path findLocal(String fileName, Path dataDirectory, Path cacheDirectory) {
        Path dataDir = dataDirectory != null ? dataDirectory : dataDirectoryFromEnvironment();
        if (dataDir != null && Files.isRegularFile(dataDir.resolve(fileName))) {
            return dataDir.resolve(fileName);
        }
        Path cached = cacheDirectory.resolve(fileName);
        return Files.isRegularFile(cached) ? cached : null;
    }

    /** Whether {@code fileName} ships inside the toolkit (then it is never downloaded). */
    public static boolean isBundled(String fileName) {
        return DataFiles.class.getResource(BUNDLED_FOLDER + fileName) != null;
    }

    /**
     * Locates {@code fileName}: the data directory, the cache, the copy that ships inside the toolkit
     * (written into the cache on first use), else a download from {@code url} into the cache.
     *
     * @param dataDirectory directory to look in first, or {@code null} for {@code $CHEMDL_DATA_DIR}
     * @throws InvalidDataException if the file is nowhere and cannot be downloaded
     */
    public static Path locate(String fileName, URI url, Path dataDirectory) {
        return locate(fileName, url, dataDirectory, cacheDirectory());
    }

    /** As {@link #locate(String, URI, Path)}, with the cache in {@code cacheDirectory}. */
    public static Path locate(String fileName, URI url, Path dataDirectory, Path cacheDirectory) {
        Path local = findLocal(fileName, dataDirectory, cacheDirectory);
        if (local != null) {
            return local;
        }
        Path dataDir = dataDirectory != null ? dataDirectory : dataDirectoryFromEnvironment();
        Path cached = cacheDirectory.resolve(fileName);
        if (isBundled(fileName)) {
            return unpackBundled(fileName, cached);
        }
        try {
            download(url, cached);
            return cached;
        } catch (IOException e) {
            throw new InvalidDataException(fileName + " was not found in "
                    + (dataDir == null ? "$" + DATA_DIR_ENV + " (unset)" : dataDir) + " nor in the cache "
                    + cached.getParent() + ", and downloading it from " + url + " failed ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "). Put the file in one of those directories or set " + DATA_DIR_ENV + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidDataException("download of " + url + " interrupted", e);
        }
    }

    /**
     * The shipped copy of {@code fileName}, written atomically to {@code target} in the cache; where the
     * cache cannot be written (a read-only home), to a temporary file deleted when the JVM exits.
     */
    private static Path unpackBundled(String fileName, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = io.chemdl4j.featurize.io.AtomicFiles.createTemporarySibling(target, ".part", false);
            try {
                copyBundled(fileName, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException cacheUnwritable) {
            LOG.warn("Cannot write {} ({}); using a temporary copy of the shipped file", target,
                    cacheUnwritable.getMessage());
            try {
                Path temporary = Files.createTempFile("chemdl4j-", "-" + fileName);
                temporary.toFile().deleteOnExit();
                copyBundled(fileName, temporary);
                return temporary;
            } catch (IOException e) {
                throw new InvalidDataException(fileName + ": the copy shipped with ChemDL4J cannot be written to "
                        + "the cache " + target.getParent() + " nor to a temporary file (" + e.getMessage() + ")", e);
            }
        }
    }

    private static void copyBundled(String fileName, Path target) throws IOException {
        try (InputStream in = DataFiles.class.getResourceAsStream(BUNDLED_FOLDER + fileName)) {
            if (in == null) {
                throw new IOException("no shipped copy of " + fileName);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void download(URI url, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        LOG.info("Downloading {} to {}", url, target);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        Path partial = io.chemdl4j.featurize.io.AtomicFiles.createTemporarySibling(target, ".part", false);
        try {
            HttpResponse<Path> response = client.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A UTF-8 reader of a text file, transparently gunzipping it when it starts with the gzip magic. */
    public static Reader openText(Path file) throws IOException {
        return io.chemdl4j.featurize.io.TextFiles.open(file);
    }
}
