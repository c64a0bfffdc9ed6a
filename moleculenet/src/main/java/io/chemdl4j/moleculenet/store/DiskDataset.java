package io.chemdl4j.moleculenet.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.InvalidDataException;
import io.chemdl4j.moleculenet.split.Permutations;

/**
 * A dataset stored on disk in shards, DeepChem's {@code DiskDataset} layout in NumPy files: per
 * shard {@code shard-NNNNN-X.npy} (float32, molecules × features), {@code -y.npy} and {@code -w.npy}
 * (float32, molecules × tasks) and {@code -ids.npy} (Unicode strings), plus {@code metadata.json}
 * with the tasks, the shard sizes and a SHA-256 of every file. A dataset of molecular graphs (format
 * version 2) has no features in X and seven int32 or float32 {@code -graph-*.npy} arrays per shard instead: sizes
 * (atoms, edges, molecule features per graph), atoms (features), degrees, neighbours, edges (source, target),
 * edge features and molecule features.
 * It can be larger than the heap: {@link #batches} holds one shard at a time, and {@link #toDataset()} leaves
 * features that do not fit in their files.
 *
 * <p>Written by a {@link Writer} into a temporary directory that is renamed into place on
 * {@link Writer#commit()}, so a crash mid-write never leaves a directory that opens as a dataset.
 * Every shard is checked against its checksum when read; a corrupted file is named in the error.
 * An opened {@code DiskDataset} is immutable and thread-safe.
 */
public final class DiskDataset {
    /** File that marks a complete dataset directory. */
    public static final String METADATA = "metadata.json";
    static final String FORMAT = "chemdl4j-disk-dataset";
    /** Version 1: feature rows; version 2 added molecular graphs (written only by datasets of graphs). */
    static final int VERSION = 2;
    private static final int GRAPH_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final float[] NO_FEATURES = new float[0];

    private final Path directory;
    private final Metadata metadata;

    /** Everything {@code metadata.json} holds. */
    record Metadata(String format, int version, int size, int featureCount, List<String> tasks,
                    Map<String, String> properties, List<Shard> shards, GraphLayout graphs) {
    }

    /** Feature lengths of a dataset of molecular graphs (absent for feature rows). */
    record GraphLayout(int atomFeatureLength, int bondFeatureLength) {
    }

    /** One shard: its row count, its four files and, for graphs, the seven files of {@code GraphShard}. */
    record Shard(int rows, ShardFile x, ShardFile y, ShardFile w, ShardFile ids, List<ShardFile> graphs) {
    }

    /** A file of a shard and the SHA-256 of its bytes. */
    record ShardFile(String name, String sha256) {
    }

    private DiskDataset(Path directory, Metadata metadata) {
        this.directory = directory;
        this.metadata = metadata;
    }

    /**
     * Opens a dataset directory written by a {@link Writer}.
     *
     * @throws InvalidDataException if the directory holds no complete dataset or its metadata is unreadable
     */
    public static DiskDataset open(Path directory) {
        Path file = directory.resolve(METADATA);
        Metadata metadata;
        try {
            metadata = JSON.readValue(file.toFile(), Metadata.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidDataException(directory + ": not a dataset (no " + METADATA + ")", e);
        } catch (IOException e) {
            throw new InvalidDataException(file + ": unreadable dataset metadata (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(metadata.format()) || metadata.shards() == null || metadata.tasks() == null) {
            throw new InvalidDataException(file + ": not a " + FORMAT + " metadata file");
        }
        if (metadata.version() > VERSION) {
            throw new InvalidDataException(file + ": dataset format version " + metadata.version()
                    + " is newer than this toolkit reads (" + VERSION + "); upgrade ChemDL4J");
        }
        long rows = 0;
        for (Shard shard : metadata.shards()) {
            if (shard.rows() < 0 || metadata.graphs() != null
                    && (shard.graphs() == null || shard.graphs().size() != GraphShard.SUFFIXES.size())) {
                throw new InvalidDataException(file + ": a shard's entry is incomplete");
            }
            rows += shard.rows();
        }
        if (rows != metadata.size()) {
            throw new InvalidDataException(file + ": shards hold " + rows + " rows, metadata says " + metadata.size());
        }
        return new DiskDataset(directory, metadata);
    }

    /** Whether {@code directory} holds a committed dataset (its metadata file exists). */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(METADATA));
    }

    /**
     * A writer of a new dataset of molecular graphs at {@code directory} (replacing any there when committed), in
     * shards of {@code shardRows} molecules; every graph must have the feature lengths of the first.
     */
    public static Writer graphWriter(Path directory, List<String> tasks, int shardRows) throws IOException {
        if (shardRows < 1) {
            throw new IllegalArgumentException("shardRows must be at least 1");
        }
        return new Writer(directory, tasks, 0, shardRows, true);
    }

    /** Graphs per shard by default: about 2,000 drug-like molecules make a shard of about 15 MB. */
    public static final int GRAPH_SHARD_ROWS = 2048;

    /** Writes an in-memory dataset to {@code directory} in shards of {@code shardRows} molecules. */
    public static DiskDataset write(Dataset dataset, Path directory, int shardRows, Map<String, String> properties)
            throws IOException {
        try (Writer writer = writer(directory, dataset.tasks(), dataset.featureCount(), shardRows)) {
            writer.add(dataset);
            properties.forEach(writer::property);
            return writer.commit();
        }
    }

    /** A writer with {@link #defaultShardRows(int) default shard sizes}. */
    public static Writer writer(Path directory, List<String> tasks, int featureCount) throws IOException {
        return writer(directory, tasks, featureCount, defaultShardRows(featureCount));
    }

    /** A writer of a new dataset at {@code directory} (replacing any there when committed). */
    public static Writer writer(Path directory, List<String> tasks, int featureCount, int shardRows)
            throws IOException {
        if (shardRows < 1) {
            throw new IllegalArgumentException("shardRows must be at least 1");
        }
        return new Writer(directory, tasks, featureCount, shardRows, false);
    }

    /** DeepChem's 8192 molecules per shard, fewer for wide features so a shard's X stays near 16 MB. */
    public static int defaultShardRows(int featureCount) {
        return Math.max(1, Math.min(8192, (4 << 20) / Math.max(1, featureCount)));
    }

    /** The dataset's directory. */
    public Path directory() {
        return directory;
    }

    /** Number of molecules. */
    public int size() {
        return metadata.size();
    }

    /** Features per molecule. */
    public int featureCount() {
        return metadata.featureCount();
    }

    /** Task names. */
    public List<String> tasks() {
        return List.copyOf(metadata.tasks());
    }

    /** Free-form provenance recorded by the writer (source file, featurizer, ...). */
    public Map<String, String> properties() {
        return metadata.properties() == null ? Map.of() : Map.copyOf(metadata.properties());
    }

    /** Whether the molecules are stored as molecular graphs ({@link #graphShard}) rather than feature rows. */
    public boolean holdsGraphs() {
        return metadata.graphs() != null;
    }

    /** Shard files the molecules are stored in. */
    public int shardCount() {
        return metadata.shards().size();
    }

    /** Number of molecules in shard {@code index}. */
    public int shardSize(int index) {
        return metadata.shards().get(index).rows();
    }

    /** Paths of shard {@code index}'s files: X, y, w, ids. */
    public List<Path> shardFiles(int index) {
        Shard s = metadata.shards().get(index);
        return List.of(directory.resolve(s.x().name()), directory.resolve(s.y().name()),
                directory.resolve(s.w().name()), directory.resolve(s.ids().name()));
    }

    /**
     * Reads shard {@code index} into memory, verifying every file's checksum.
     *
     * @throws InvalidDataException naming the file that is missing, truncated or corrupted
     */
    public Dataset shard(int index) {
        Shard s = metadata.shards().get(index);
        int d = metadata.featureCount();
        int t = metadata.tasks().size();
        float[] x = readVerified(s.x(), in -> Npy.readFloat32(in, s.rows(), d));
        float[] y = readVerified(s.y(), in -> Npy.readFloat32(in, s.rows(), t));
        float[] w = readVerified(s.w(), in -> Npy.readFloat32(in, s.rows(), t));
        List<String> ids = readVerified(s.ids(), in -> Npy.readStrings(in, s.rows()));
        return Dataset.adopt(s.rows(), d, metadata.tasks(), x, y, w, ids.toArray(String[]::new));
    }

    /**
     * Reads shard {@code index} of a dataset of graphs into memory, verifying every file's checksum.
     *
     * @throws IllegalStateException if the dataset holds feature rows
     * @throws InvalidDataException  naming the file that is missing, truncated, corrupted or inconsistent
     */
    public GraphDataset graphShard(int index) {
        GraphLayout layout = metadata.graphs();
        if (layout == null) {
            throw new IllegalStateException(directory + " holds feature rows, not graphs");
        }
        Dataset labels = shard(index);
        Shard s = metadata.shards().get(index);
        List<ShardFile> files = s.graphs();
        int[] sizes = readVerified(files.get(0), in -> Npy.readInt32(in, s.rows(), 3));
        long[] totals;
        try {
            totals = GraphShard.totals(sizes, layout.atomFeatureLength(), layout.bondFeatureLength());
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(directory.resolve(files.get(0).name()) + ": " + e.getMessage(), e);
        }
        int atoms = (int) totals[0];
        int edges = (int) totals[1];
        float[] atomFeatures = readVerified(files.get(1), in -> Npy.readFloat32(in, atoms, layout.atomFeatureLength()));
        int[] degrees = readVerified(files.get(2), in -> Npy.readInt32(in, atoms, 1));
        long neighbourCount = 0;
        for (int d : degrees) {
            neighbourCount += Math.max(0, d);
        }
        if (neighbourCount > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(directory.resolve(files.get(2).name()) + ": degrees beyond one shard");
        }
        int neighbours = (int) neighbourCount;
        int[] neighbourList = readVerified(files.get(3), in -> Npy.readInt32(in, neighbours, 1));
        int[] edgeList = readVerified(files.get(4), in -> Npy.readInt32(in, edges, 2));
        float[] edgeFeatures = readVerified(files.get(5), in -> Npy.readFloat32(in, edges, layout.bondFeatureLength()));
        float[] molecule = readVerified(files.get(6), in -> Npy.readFloat32(in, (int) totals[2], 1));
        try {
            return GraphDataset.of(new GraphShard(sizes, atomFeatures, degrees, neighbourList, edgeList, edgeFeatures,
                    molecule).graphs(layout.atomFeatureLength(), layout.bondFeatureLength()), labels);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(directory + ": shard " + index + " holds inconsistent graphs ("
                    + e.getMessage() + "); delete it to rebuild it", e);
        }
    }

    /** Reads every shard and checks every checksum; returns normally when all are intact. */
    public void verify() {
        for (int i = 0; i < shardCount(); i++) {
            if (holdsGraphs()) {
                graphShard(i);
            } else {
                shard(i);
            }
        }
    }

    /** The whole dataset of graphs in memory (for datasets that fit). */
    public GraphDataset toGraphDataset() {
        List<GraphDataset> shards = new ArrayList<>(shardCount());
        for (int i = 0; i < shardCount(); i++) {
            shards.add(graphShard(i));
        }
        return GraphDataset.concat(shards, metadata.tasks());
    }

    /**
     * The whole dataset as a {@link Dataset}: its features on the heap when they take at most a quarter of the
     * largest heap, else {@linkplain #toDatasetInFiles() read in place from the shard files}, so that a dataset
     * larger than the heap loads, splits and trains all the same.
     */
    public Dataset toDataset() {
        if ((long) size() * featureCount() * Float.BYTES > Runtime.getRuntime().maxMemory() / 4) {
            return toDatasetInFiles();
        }
        return toDatasetInMemory();
    }

    /**
     * The dataset with its labels, weights and ids on the heap and its features read in place from the shard files,
     * a row at a time (each file checked against its checksum first); its selections are views of the same files.
     *
     * @throws IllegalStateException if the dataset holds graphs
     * @throws InvalidDataException  naming a feature file that is missing or corrupted
     */
    public Dataset toDatasetInFiles() {
        if (holdsGraphs()) {
            throw new IllegalStateException(directory + " holds graphs, not feature rows");
        }
        List<Path> files = new ArrayList<>();
        long[] dataOffset = new long[shardCount()];
        int[] rows = new int[shardCount()];
        for (int i = 0; i < shardCount(); i++) {
            Shard s = metadata.shards().get(i);
            // checked as shard() checks it, the values skipped rather than kept; they begin after the header
            long header = readVerified(s.x(), in -> Npy.skipFloat32(in, s.rows(), featureCount()));
            files.add(resolve(s.x()));
            dataOffset[i] = header;
            rows[i] = s.rows();
        }
        return Dataset.backedBy(new ShardFeatureRows(files, dataOffset, rows, featureCount()), labels());
    }

    /** The whole dataset on the heap, features included. */
    public Dataset toDatasetInMemory() {
        List<Dataset> shards = new ArrayList<>(shardCount());
        for (int i = 0; i < shardCount(); i++) {
            shards.add(shard(i));
        }
        return Dataset.concat(shards, metadata.tasks(), metadata.featureCount());
    }

    /**
     * The labels, weights and ids of every molecule, in stored order, without features (the feature files are not
     * read): what splitters and label transformers need from a dataset larger than the heap.
     */
    public Dataset labels() {
        List<Dataset> shards = new ArrayList<>(shardCount());
        int t = metadata.tasks().size();
        for (int i = 0; i < shardCount(); i++) {
            Shard s = metadata.shards().get(i);
            float[] y = readVerified(s.y(), in -> Npy.readFloat32(in, s.rows(), t));
            float[] w = readVerified(s.w(), in -> Npy.readFloat32(in, s.rows(), t));
            List<String> ids = readVerified(s.ids(), in -> Npy.readStrings(in, s.rows()));
            shards.add(Dataset.adopt(s.rows(), 0, metadata.tasks(), new float[0], y, w, ids.toArray(String[]::new)));
        }
        return Dataset.concat(shards, metadata.tasks(), 0);
    }

    /**
     * Writes the molecules at {@code rows} (indices into the stored order; each at most once) to a new dataset of
     * feature rows at {@code target}, in stored order, one shard in memory at a time: a split part of a dataset
     * larger than the heap. Shards of {@link #defaultShardRows} molecules; the properties are kept.
     *
     * @throws IllegalArgumentException if a row is out of range or repeated, or the dataset holds graphs
     */
    public DiskDataset select(int[] rows, Path target) throws IOException {
        if (holdsGraphs()) {
            throw new IllegalArgumentException(directory + " holds graphs; select them in memory");
        }
        boolean[] chosen = new boolean[size()];
        for (int row : rows) {
            if (row < 0 || row >= chosen.length || chosen[row]) {
                throw new IllegalArgumentException("row " + row + " is out of 0.." + (chosen.length - 1)
                        + " or repeated");
            }
            chosen[row] = true;
        }
        try (Writer writer = writer(target, metadata.tasks(), featureCount())) {
            int first = 0;
            for (int i = 0; i < shardCount(); i++) {
                int offset = first;
                int[] picked = java.util.stream.IntStream.range(0, shardSize(i)).filter(r -> chosen[offset + r]).toArray();
                first += shardSize(i);
                if (picked.length > 0) {
                    writer.add(shard(i).select(picked));
                }
            }
            properties().forEach(writer::property);
            return writer.commit();
        }
    }

    /** Batches of {@code batchSize} molecules (the last may be smaller) in stored order, one shard in memory at a time. */
    public Iterable<Dataset> batches(int batchSize) {
        return () -> new BatchIterator(batchSize, null);
    }

    /**
     * Batches in a seeded random order: the shard order is shuffled and so are the molecules
     * within each shard (DeepChem's non-deterministic {@code iterbatches}), still one shard in memory.
     */
    public Iterable<Dataset> batches(int batchSize, long seed) {
        return () -> new BatchIterator(batchSize, new SplittableRandom(seed));
    }

    @Override
    public String toString() {
        return "DiskDataset[" + directory + ", " + size() + " molecules, " + featureCount() + " features, "
                + shardCount() + " shards, tasks=" + metadata.tasks() + "]";
    }

    @FunctionalInterface
    private interface Parse<T> {
        T read(InputStream in) throws IOException;
    }

    private <T> T readVerified(ShardFile file, Parse<T> parse) {
        Path path = resolve(file);
        MessageDigest digest = sha256();
        try (InputStream raw = Files.newInputStream(path);
             DigestInputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), digest)) {
            T value = parse.read(in);
            if (in.read() != -1) {
                throw new InvalidDataException(path + ": corrupted (longer than its header says)");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(file.sha256())) {
                throw new InvalidDataException(path + ": corrupted (SHA-256 " + actual + ", expected "
                        + file.sha256() + "); delete " + directory + " to rebuild it");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(path + ": shard file missing; delete " + directory + " to rebuild it", e);
        } catch (IOException e) {
            throw new InvalidDataException(path + ": corrupted (" + e.getMessage() + "); delete " + directory
                    + " to rebuild it", e);
        }
    }

    /** A shard file's path, refusing names that would leave the dataset's directory. */
    private Path resolve(ShardFile file) {
        if (file.name() == null || file.name().contains("/") || file.name().contains("\\")
                || file.name().startsWith(".")) {
            throw new InvalidDataException(directory.resolve(METADATA) + ": shard file name '" + file.name()
                    + "' leaves the dataset directory");
        }
        return directory.resolve(file.name());
    }

        static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private final class BatchIterator implements Iterator<Dataset> {
        private final int batchSize;
        private final SplittableRandom random;
        private final int[] shardOrder;
        private int nextShard;
        private Dataset current;
        private int[] rowOrder;
        private int position;

        BatchIterator(int batchSize, SplittableRandom random) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1");
            }
            this.batchSize = batchSize;
            this.random = random;
            shardOrder = new int[shardCount()];
            for (int i = 0; i < shardOrder.length; i++) {
                shardOrder[i] = i;
            }
            if (random != null) {
                Permutations.shuffle(shardOrder, random);
            }
        }

        @Override
        public boolean hasNext() {
            while ((current == null || position >= current.size()) && nextShard < shardOrder.length) {
                current = shard(shardOrder[nextShard++]);
                rowOrder = new int[current.size()];
                for (int i = 0; i < rowOrder.length; i++) {
                    rowOrder[i] = i;
                }
                if (random != null) {
                    Permutations.shuffle(rowOrder, random);
                }
                position = 0;
            }
            return current != null && position < current.size();
        }

        @Override
        public Dataset next() {
            List<Dataset> parts = new ArrayList<>(2);
            int wanted = batchSize;
            while (wanted > 0 && hasNext()) {
                int take = Math.min(wanted, current.size() - position);
                parts.add(current.select(Arrays.copyOfRange(rowOrder, position, position + take)));
                position += take;
                wanted -= take;
            }
            if (parts.isEmpty()) {
                throw new NoSuchElementException();
            }
            return parts.size() == 1 ? parts.get(0)
                    : Dataset.concat(parts, metadata.tasks(), metadata.featureCount());
        }
    }

    /**
     * Writes a dataset one molecule (or batch) at a time, in constant memory: rows are buffered up
     * to one shard, then written. Nothing is visible at the target directory until {@link #commit()};
     * closing without committing discards everything. Not thread-safe.
     */
    public static final class Writer implements Closeable {
        private final Path directory;
        private final List<String> tasks;
        private final int featureCount;
        private final int shardRows;
        private final AtomicFiles.StagedDirectory staged;
        private final List<Shard> shards = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final float[] x;
        private final float[] y;
        private final float[] w;
        private final List<String> ids;
        private final List<MolecularGraph> graphs;
        private GraphLayout graphLayout;
        private int buffered;
        private int size;

        private Writer(Path directory, List<String> tasks, int featureCount, int shardRows, boolean holdsGraphs)
                throws IOException {
            this.directory = directory;
            this.graphs = holdsGraphs ? new ArrayList<>(Math.min(shardRows, 1 << 16)) : null;
            this.tasks = List.copyOf(tasks);
            this.featureCount = featureCount;
            this.shardRows = shardRows;
            x = new float[shardRows * featureCount];
            y = new float[shardRows * tasks.size()];
            w = new float[shardRows * tasks.size()];
            ids = new ArrayList<>(shardRows);
            staged = AtomicFiles.stageDirectory(directory);
        }

        /**
         * Adds one molecule: its graph, labels, weights (one per task) and id.
         *
         * @throws IllegalStateException    if this writer writes feature rows
         * @throws IllegalArgumentException if the graph's feature lengths are not the dataset's
         */
        public void add(MolecularGraph graph, float[] labels, float[] weights, String id) throws IOException {
            if (graphs == null) {
                throw new IllegalStateException("this writer writes feature rows, not graphs");
            }
            if (graphLayout == null) {
                graphLayout = new GraphLayout(graph.atomFeatureLength(), graph.bondFeatureLength());
            }
            if (graph.atomFeatureLength() != graphLayout.atomFeatureLength()
                    || graph.bondFeatureLength() != graphLayout.bondFeatureLength()) {
                throw new IllegalArgumentException("a graph of " + graph.atomFeatureLength() + " atom and "
                        + graph.bondFeatureLength() + " bond features in a dataset of " + graphLayout);
            }
            graphs.add(graph);
            add(NO_FEATURES, labels, weights, id);
        }

        /** Adds one molecule: its features, labels, weights (one per task) and id. */
        public void add(float[] features, float[] labels, float[] weights, String id) throws IOException {
            if (graphs != null && graphs.size() != buffered + 1) {
                throw new IllegalStateException("this writer writes graphs: add each molecule's graph");
            }
            int t = tasks.size();
            if (features.length != featureCount || labels.length != t || weights.length != t) {
                throw new IllegalArgumentException("expected " + featureCount + " features and " + t
                        + " labels and weights, got " + features.length + ", " + labels.length + ", " + weights.length);
            }
            System.arraycopy(features, 0, x, buffered * featureCount, featureCount);
            System.arraycopy(labels, 0, y, buffered * t, t);
            System.arraycopy(weights, 0, w, buffered * t, t);
            ids.add(id);
            buffered++;
            size++;
            if (buffered == shardRows) {
                flush();
            }
        }

        /** Adds every molecule of {@code batch}. */
        public void add(Dataset batch) throws IOException {
            if (!batch.tasks().equals(tasks) || batch.featureCount() != featureCount) {
                throw new IllegalArgumentException("batch " + batch + " does not match " + tasks + " / "
                        + featureCount + " features");
            }
            float[] labels = new float[tasks.size()];
            float[] weights = new float[tasks.size()];
            for (int i = 0; i < batch.size(); i++) {
                for (int k = 0; k < labels.length; k++) {
                    labels[k] = batch.label(i, k);
                    weights[k] = batch.weight(i, k);
                }
                add(batch.featureRow(i), labels, weights, batch.id(i));
            }
        }

        /** Records a provenance entry in the metadata. */
        public Writer property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Molecules added so far. */
        public int size() {
            return size;
        }

        private void flush() throws IOException {
            if (buffered == 0) {
                return;
            }
            int t = tasks.size();
            String prefix = String.format("shard-%05d-", shards.size());
            int rows = buffered;
            ShardFile fx = writeFile(prefix + "X.npy", out -> Npy.writeFloat32(out, rows, featureCount,
                    rows == shardRows ? x : Arrays.copyOf(x, rows * featureCount)));
            ShardFile fy = writeFile(prefix + "y.npy", out -> Npy.writeFloat32(out, rows, t, Arrays.copyOf(y, rows * t)));
            ShardFile fw = writeFile(prefix + "w.npy", out -> Npy.writeFloat32(out, rows, t, Arrays.copyOf(w, rows * t)));
            ShardFile fi = writeFile(prefix + "ids.npy", out -> Npy.writeStrings(out, ids));
            List<ShardFile> graphFiles = graphs == null ? null : writeGraphs(prefix);
            shards.add(new Shard(rows, fx, fy, fw, fi, graphFiles));
            buffered = 0;
            ids.clear();
        }

        private List<ShardFile> writeGraphs(String prefix) throws IOException {
            GraphShard shard = GraphShard.of(graphs, graphLayout.atomFeatureLength(), graphLayout.bondFeatureLength());
            int atoms = shard.degrees().length;
            List<String> names = GraphShard.SUFFIXES.stream().map(suffix -> prefix + suffix + ".npy").toList();
            List<ShardFile> files = List.of(
                    writeFile(names.get(0), out -> Npy.writeInt32(out, graphs.size(), 3, shard.sizes())),
                    writeFile(names.get(1), out -> Npy.writeFloat32(out, atoms, graphLayout.atomFeatureLength(),
                            shard.atoms())),
                    writeFile(names.get(2), out -> Npy.writeInt32(out, atoms, 1, shard.degrees())),
                    writeFile(names.get(3), out -> Npy.writeInt32(out, shard.neighbours().length, 1,
                            shard.neighbours())),
                    writeFile(names.get(4), out -> Npy.writeInt32(out, shard.edges().length / 2, 2, shard.edges())),
                    writeFile(names.get(5), out -> Npy.writeFloat32(out, shard.edges().length / 2,
                            graphLayout.bondFeatureLength(), shard.edgeFeatures())),
                    writeFile(names.get(6), out -> Npy.writeFloat32(out, shard.moleculeFeatures().length, 1,
                            shard.moleculeFeatures())));
            graphs.clear();
            return files;
        }

        private ShardFile writeFile(String name, AtomicFiles.StreamWriter content) throws IOException {
            MessageDigest digest = sha256();
            Path path = staged.path().resolve(name);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), digest);
                content.write(out);
                out.flush();
                channel.force(true);
            }
            return new ShardFile(name, HexFormat.of().formatHex(digest.digest()));
        }

        /**
         * Writes the last shard and the metadata, then renames the directory into place.
         *
         * @return the committed dataset
         */
        public DiskDataset commit() throws IOException {
            flush();
            GraphLayout layout = graphs == null ? null : graphLayout != null ? graphLayout : new GraphLayout(0, 0);
            Metadata metadata = new Metadata(FORMAT, layout == null ? 1 : GRAPH_VERSION, size, featureCount, tasks,
                    Map.copyOf(properties), List.copyOf(shards), layout);
            writeFile(METADATA, out -> out.write(toJson(metadata)));
            staged.commit();
            return new DiskDataset(directory, metadata);
        }

        private static byte[] toJson(Metadata metadata) throws JsonProcessingException {
            return JSON.writeValueAsBytes(metadata);
        }

        /** Discards the staged content unless committed. */
        @Override
        public void close() throws IOException {
            staged.close();
        }
    }
}
