package io.chemdl4j.moleculenet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * An immutable in-memory dataset: features {@code X} (one row per molecule), labels {@code y} (tasks
 * as columns), per-label weights {@code w} (0 where a label is missing, so it counts for nothing)
 * and an id per molecule. The layout follows DeepChem's {@code NumpyDataset}.
 *
 * <p>Arrays are stored row-major and flat; every accessor copies, so no caller can change a dataset
 * after it is built. The features may also stay in files ({@link FeatureRows}: a disk dataset larger than the
 * heap), read a row at a time; selections of such a dataset are views of the same files. Thread-safe.
 */
public final class Dataset implements LabelledData<Dataset> {
    private final int size;
    private final int featureCount;
    private final List<String> tasks;
    /** The features on the heap, row-major; {@code null} when they are read from {@link #external}. */
    private final float[] x;
    /** Feature rows held outside the heap, or {@code null}. */
    private final FeatureRows external;
    /** This dataset's rows of {@link #external}; {@code null} for all of them in order. */
    private final int[] rowMap;
    private final float[] y;
    private final float[] w;
    private final String[] ids;

    /**
     * A dataset over flat row-major arrays, taking ownership of them without a copy: for loaders that have
     * just built the arrays (the disk dataset's shards) and keep no reference to them.
     */
    public static Dataset adopt(int size, int featureCount, List<String> tasks, float[] x, float[] y, float[] w,
                                String[] ids) {
        return new Dataset(size, featureCount, tasks, x, y, w, ids);
    }

    /**
     * A dataset whose features stay in {@code features} (read a row at a time, never all at once), sharing the
     * label, weight and id arrays of {@code labels}: how a disk dataset larger than the heap is trained on.
     *
     * @param labels labels, weights and ids, one row per row of {@code features}; its own features are ignored
     */
    public static Dataset backedBy(FeatureRows features, Dataset labels) {
        check(features.rows() == labels.size, features.rows() + " feature rows for " + labels.size + " label rows");
        return new Dataset(labels.size, features.width(), labels.tasks, null, features, null, labels.y, labels.w,
                labels.ids);
    }

    /** Takes ownership of the flat arrays: only for code that just built them. */
    private Dataset(int size, int featureCount, List<String> tasks, float[] x, float[] y, float[] w, String[] ids) {
        this(size, featureCount, tasks, x, null, null, y, w, ids);
    }

    /** A dataset with features on the heap ({@code x}) or in {@code external} (then {@code x} is null). */
    private Dataset(int size, int featureCount, List<String> tasks, float[] x, FeatureRows external, int[] rowMap,
                    float[] y, float[] w, String[] ids) {
        this.size = size;
        this.featureCount = featureCount;
        this.tasks = List.copyOf(tasks);
        int nTasks = this.tasks.size();
        if (x != null) {
            check(x.length == (long) size * featureCount, "X has " + x.length + " values, expected " + size + "x"
                    + featureCount);
        }
        check(y.length == (long) size * nTasks, "y has " + y.length + " values, expected " + size + "x" + nTasks);
        check(w.length == y.length, "w has " + w.length + " values, expected " + y.length);
        check(ids.length == size, "ids has " + ids.length + " entries, expected " + size);
        for (float v : w) {
            if (!(v >= 0 && Float.isFinite(v))) { // not check(): its message would be built for every weight
                throw new IllegalArgumentException("weights must be finite and non-negative, found " + v);
            }
        }
        this.x = x;
        this.external = external;
        this.rowMap = rowMap;
        this.y = y;
        this.w = w;
        this.ids = ids;
    }

    /**
     * A dataset from row arrays, copied.
     *
     * @param x     features, one row per molecule, all rows the same length
     * @param y     labels, one row per molecule, one column per task
     * @param w     weights, same shape as {@code y}; {@code null} means 1 for every label
     * @param ids   one id per molecule
     * @param tasks task names, one per column of {@code y}
     */
    public static Dataset of(float[][] x, float[][] y, float[][] w, String[] ids, List<String> tasks) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        int t = tasks.size();
        check(y.length == n && ids.length == n && (w == null || w.length == n),
                "X, y, w and ids must have the same number of rows");
        float[] fx = new float[n * d];
        float[] fy = new float[n * t];
        float[] fw = new float[n * t];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " of X has " + x[i].length + " features, expected " + d);
            }
            if (y[i].length != t) {
                throw new IllegalArgumentException("row " + i + " of y has " + y[i].length + " labels, expected " + t);
            }
            System.arraycopy(x[i], 0, fx, i * d, d);
            System.arraycopy(y[i], 0, fy, i * t, t);
            if (w == null) {
                Arrays.fill(fw, i * t, (i + 1) * t, 1f);
            } else {
                if (w[i].length != t) {
                    throw new IllegalArgumentException("row " + i + " of w has " + w[i].length + " weights, expected "
                            + t);
                }
                System.arraycopy(w[i], 0, fw, i * t, t);
            }
        }
        return new Dataset(n, d, tasks, fx, fy, fw, ids.clone());
    }

    /**
     * Feature rows to predict, copied: every label of {@code tasks} a placeholder 0 of weight 1, no ids (what a
     * model's {@code predict} reads when only the rows are known).
     */
    public static Dataset unlabelled(float[][] x, List<String> tasks) {
        return of(x, new float[x.length][tasks.size()], null, new String[x.length], tasks);
    }

    /**
     * The molecules of {@code parts}, in order.
     *
     * @throws IllegalArgumentException if a part has other tasks or another feature count
     */
    public static Dataset concat(List<Dataset> parts, List<String> tasks, int featureCount) {
        Builder builder = new Builder(tasks, featureCount);
        for (Dataset part : parts) {
            check(part.tasks.equals(builder.tasks) && part.featureCount == featureCount,
                    part + " does not have tasks " + tasks + " and " + featureCount + " features");
            builder.append(part.size, part.x != null ? part.x : part.flatFeatures(), part.y, part.w, part.ids);
        }
        return builder.build();
    }

    /** A builder that grows as molecules are added; see {@link #builder(List, int)}. */
    public static Builder builder(List<String> tasks, int featureCount) {
        return new Builder(tasks, featureCount);
    }

    /** Collects molecules one at a time into a {@link Dataset}. Not thread-safe. */
    public static final class Builder {
        private final List<String> tasks;
        private final int featureCount;
        private float[] x = new float[0];
        private float[] y = new float[0];
        private float[] w = new float[0];
        private String[] ids = new String[0];
        private int size;

        private Builder(List<String> tasks, int featureCount) {
            this.tasks = List.copyOf(tasks);
            this.featureCount = featureCount;
        }

        /** Adds one molecule (the arrays are copied). */
        public Builder add(float[] features, float[] labels, float[] weights, String id) {
            int t = tasks.size();
            if (features.length != featureCount || labels.length != t || weights.length != t) {
                throw new IllegalArgumentException("expected " + featureCount + " features and " + t
                        + " labels and weights");
            }
            append(1, features, labels, weights, new String[] {id});
            return this;
        }

        private void append(int rows, float[] fx, float[] fy, float[] fw, String[] fids) {
            int t = tasks.size();
            ensure(size + rows);
            System.arraycopy(fx, 0, x, size * featureCount, rows * featureCount);
            System.arraycopy(fy, 0, y, size * t, rows * t);
            System.arraycopy(fw, 0, w, size * t, rows * t);
            System.arraycopy(fids, 0, ids, size, rows);
            size += rows;
        }

        private void ensure(int rows) {
            if (rows <= ids.length) {
                return;
            }
            int capacity = Math.max(rows, Math.max(16, ids.length + (ids.length >> 1)));
            x = Arrays.copyOf(x, capacity * featureCount);
            y = Arrays.copyOf(y, capacity * tasks.size());
            w = Arrays.copyOf(w, capacity * tasks.size());
            ids = Arrays.copyOf(ids, capacity);
        }

        /** Rows added so far. */
        public int size() {
            return size;
        }

        /** The dataset of the rows added. */
        public Dataset build() {
            int t = tasks.size();
            return new Dataset(size, featureCount, tasks, Arrays.copyOf(x, size * featureCount),
                    Arrays.copyOf(y, size * t), Arrays.copyOf(w, size * t), Arrays.copyOf(ids, size));
        }
    }

    /** For checks made once per dataset: the message is built whether or not it is needed. */
    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** This dataset itself. */
    @Override
    public Dataset labelData() {
        return this;
    }

    /** Number of molecules. */
    @Override
    public int size() {
        return size;
    }

    /** Features per molecule. */
    public int featureCount() {
        return featureCount;
    }

    /** Tasks, the columns of labels and weights. */
    public int taskCount() {
        return tasks.size();
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    /** Id of molecule {@code row} (its SMILES unless the file named an id column). */
    public String id(int row) {
        return ids[row];
    }

    /** Every molecule's id, in row order (a copy). */
    public String[] ids() {
        return ids.clone();
    }

    /** Feature {@code feature} of molecule {@code row}. */
    public float feature(int row, int feature) {
        if (x == null) {
            Objects.checkIndex(feature, featureCount);
            return featureRow(row)[feature];
        }
        return x[row * featureCount + feature];
    }

    /** Label of molecule {@code row} for task {@code task} (meaningless where its weight is 0). */
    public float label(int row, int task) {
        return y[row * tasks.size() + task];
    }

    /** Weight of that label: 0 where it is missing. */
    public float weight(int row, int task) {
        return w[row * tasks.size() + task];
    }

    /** A copy of one row of X. */
    public float[] featureRow(int row) {
        if (x == null) {
            float[] copy = new float[featureCount];
            external.copyRow(externalRow(row), copy, 0);
            return copy;
        }
        return Arrays.copyOfRange(x, row * featureCount, (row + 1) * featureCount);
    }

    /** Copies the given rows of X, row-major, into {@code dest} (length rows × features). */
    public void copyFeatures(int[] rows, float[] dest) {
        if (x == null) {
            check(dest.length >= rows.length * featureCount, "destination too small");
            for (int r = 0; r < rows.length; r++) {
                external.copyRow(externalRow(rows[r]), dest, r * featureCount);
            }
            return;
        }
        copyRows(x, featureCount, rows, dest);
    }

    /** Whether the features are on the heap ({@code false}: read from files a row at a time). */
    public boolean featuresInMemory() {
        return x != null;
    }

    private int externalRow(int row) {
        Objects.checkIndex(row, size);
        return rowMap == null ? row : rowMap[row];
    }

    /** Copies the given rows of y, row-major, into {@code dest} (length rows × tasks). */
    public void copyLabels(int[] rows, float[] dest) {
        copyRows(y, tasks.size(), rows, dest);
    }

    /** Copies the given rows of w, row-major, into {@code dest} (length rows × tasks). */
    public void copyWeights(int[] rows, float[] dest) {
        copyRows(w, tasks.size(), rows, dest);
    }

    private static void copyRows(float[] src, int width, int[] rows, float[] dest) {
        check(dest.length >= rows.length * width, "destination too small");
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(src, rows[r] * width, dest, r * width, width);
        }
    }

    /** All labels, {@code [molecule][task]}. */
    public float[][] labels() {
        return toRows(y, tasks.size());
    }

    /** All weights, {@code [molecule][task]}. */
    public float[][] weights() {
        return toRows(w, tasks.size());
    }

    private float[][] toRows(float[] flat, int width) {
        float[][] rows = new float[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }

    @Override
    public Dataset select(int[] rows) {
        int t = tasks.size();
        float[] sy = new float[rows.length * t];
        float[] sw = new float[rows.length * t];
        String[] sids = new String[rows.length];
        copyLabels(rows, sy);
        copyWeights(rows, sw);
        for (int r = 0; r < rows.length; r++) {
            sids[r] = ids[rows[r]];
        }
        if (x == null) { // a view of the same files: the features are not read
            int[] map = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                map[r] = externalRow(rows[r]);
            }
            return new Dataset(rows.length, featureCount, tasks, null, external, map, sy, sw, sids);
        }
        float[] sx = new float[rows.length * featureCount];
        copyFeatures(rows, sx);
        return new Dataset(rows.length, featureCount, tasks, sx, sy, sw, sids);
    }

    /** The molecules transformed by {@code transformers} in order: features, labels and weights as each one changes them. */
    @Override
    public Dataset transform(List<? extends Transformer> transformers) {
        return Transformer.transformAll(this, transformers);
    }

    /** The same molecules with new labels, {@code [molecule][task]} flattened row-major. */
    public Dataset withLabels(float[] newLabels) {
        return new Dataset(size, featureCount, tasks, x, external, rowMap, newLabels.clone(), w, ids);
    }

    /** The same labels, weights and ids without features (for datasets whose inputs are held elsewhere). */
    public Dataset withoutFeatures() {
        return new Dataset(size, 0, tasks, new float[0], y, w, ids);
    }

    /** The same molecules with new features, {@code [molecule][feature]} flattened row-major (copied). */
    public Dataset withFeatures(float[] newFeatures) {
        return new Dataset(size, featureCount, tasks, newFeatures.clone(), y, w, ids);
    }

    /** Features flattened row-major (a copy; features kept in files are all read onto the heap). */
    public float[] flatFeatures() {
        if (x == null) {
            float[] all = new float[Math.multiplyExact(size, featureCount)];
            for (int i = 0; i < size; i++) {
                external.copyRow(externalRow(i), all, i * featureCount);
            }
            return all;
        }
        return x.clone();
    }

    /** The same molecules with new weights, {@code [molecule][task]} flattened row-major. */
    public Dataset withWeights(float[] newWeights) {
        return new Dataset(size, featureCount, tasks, x, external, rowMap, y, newWeights.clone(), ids);
    }

    /** Labels flattened row-major (a copy). */
    public float[] flatLabels() {
        return y.clone();
    }

    /** Weights flattened row-major (a copy). */
    public float[] flatWeights() {
        return w.clone();
    }

    /** Number of labels of {@code task} with nonzero weight. */
    public int measuredCount(int task) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (weight(i, task) != 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " molecules, " + featureCount + " features" + (x == null ? " in files" : "")
                + ", tasks=" + tasks + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && size == d.size && featureCount == d.featureCount
                && tasks.equals(d.tasks) && sameFeatures(d) && Arrays.equals(y, d.y)
                && Arrays.equals(w, d.w) && Arrays.equals(ids, d.ids);
    }

    private boolean sameFeatures(Dataset d) {
        if (x != null && d.x != null) {
            return Arrays.equals(x, d.x);
        }
        for (int i = 0; i < size; i++) {
            if (!Arrays.equals(featureRow(i), d.featureRow(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, featureCount, tasks, Arrays.hashCode(y), Arrays.hashCode(ids));
    }
}
