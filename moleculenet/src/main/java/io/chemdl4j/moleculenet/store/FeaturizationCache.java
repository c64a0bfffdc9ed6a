package io.chemdl4j.moleculenet.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.DatasetLoader;
import io.chemdl4j.moleculenet.load.LoadedData;

/**
 * Featurized datasets of every {@link FeatureKind} (feature rows and molecular graphs) kept on disk
 * (as {@link DiskDataset}s under {@code <cache>/featurized/}), keyed by the source file's SHA-256,
 * the featurizer and its parameters, and the column layout:
 * a second load with the same key reads the features instead of computing them, and a change to
 * any part of the key misses the cache. Entries are written atomically, so a crash never leaves an
 * entry that loads; a corrupted entry is rebuilt.
 *
 * <p>Thread-safe for distinct keys; two processes building the same entry at once both succeed
 * and the last one wins.
 */
public final class FeaturizationCache {
    /** Version of the cache layout: bump it to invalidate every entry. */
    static final int LAYOUT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(FeaturizationCache.class);

    private final Path root;

    /** A cache under {@code root}. */
    public FeaturizationCache(Path root) {
        this.root = root;
    }

    /** The cache under {@link DataFiles#cacheDirectory()}. */
    public static FeaturizationCache standard() {
        return new FeaturizationCache(DataFiles.cacheDirectory().resolve("featurized"));
    }

    /** Featurizer specs of the complete entries cached under {@code name} (e.g. a dataset id). */
    public List<String> cachedFeaturizers(String name) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(name + "-") && DiskDataset.exists(p))
                    .map(p -> {
                        try {
                            return DiskDataset.open(p).properties().getOrDefault("featurizer", "?");
                        } catch (InvalidDataException e) {
                            return "unreadable";
                        }
                    }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * What a load produced and whether it came from the cache.
     *
     * @param <D> the dataset type
     */
    public record Result<D extends LabelledData<D>>(LoadedData<D> data, boolean fromCache, Path entry) {
    }

    /**
     * Loads {@code file} through the cache, featurized by {@code featurizer} into a dataset of {@code kind}.
     *
     * @param name     a readable prefix for the entry's directory (e.g. the dataset id)
     * @param fileHash the file's SHA-256 ({@link #sha256(Path)})
     * @param reload   whether a valid entry may be reused; {@code false} rebuilds it
     * @param progress told the rows read so far when the file is featurized, or {@code null}
     */
    public <F, D extends LabelledData<D>> Result<D> load(String name, Path file, String fileHash, ColumnSpec spec,
                                                         MoleculeFeaturizer<F> featurizer, FeatureKind<F, D> kind,
                                                         int threads, boolean reload,
                                                         StreamingFeaturizer.ProgressListener progress) {
        String key = sha256(String.join("\n", "layout=" + LAYOUT, "file=" + fileHash,
                "featurizer=" + featurizer.spec(), "smiles=" + spec.smilesColumn(), "tasks=" + spec.taskColumns(),
                "id=" + spec.idColumn()).getBytes(StandardCharsets.UTF_8));
        Path entry = root.resolve(name + "-" + key.substring(0, 16));
        if (reload && DiskDataset.exists(entry)) {
            try {
                DiskDataset disk = DiskDataset.open(entry);
                return new Result<>(new LoadedData<>(kind.read(disk), DatasetLoader.rowErrors(disk),
                        Integer.parseInt(disk.properties().getOrDefault(DatasetLoader.ROWS_READ, "0"))), true, entry);
            } catch (InvalidDataException | IllegalArgumentException e) { // NumberFormatException included
                LOG.warn("Featurization cache entry {} is unusable ({}); rebuilding it", entry, e.getMessage());
            }
        }
        DatasetLoader<F, D> loader = new DatasetLoader<>(spec, featurizer, kind, threads);
        try {
            Files.createDirectories(root);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("source", file.toAbsolutePath().toString());
            properties.put("sourceSha256", fileHash);
            properties.put("featurizer", featurizer.spec().toString());
            DatasetLoader.DiskLoad loaded = loader.loadToDisk(file, entry, properties, progress);
            return new Result<>(new LoadedData<>(kind.read(loaded.dataset()), loaded.errors(),
                    (int) loaded.rowsRead()), false, entry);
        } catch (IOException e) {
            LOG.warn("Featurization cache {} is not writable ({}); loading without it", root, e.getMessage());
            return new Result<>(loader.load(file), false, null);
        }
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) {
        MessageDigest digest = DiskDataset.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DiskDataset.sha256().digest(bytes));
    }

    /** Discards bytes (the digest stream sees them on the way). */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
