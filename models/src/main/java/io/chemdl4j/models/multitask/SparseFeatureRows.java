package io.chemdl4j.models.multitask;

import java.util.Arrays;

import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.moleculenet.Dataset;

/**
 * Feature rows as compressed sparse rows (for the forward product) and, for a training batch, columns too (for
 * the weights' gradient): the non-zero values and where they are. A dataset's rows are read once into this form
 * and each batch {@linkplain #select selected} from it. Immutable; {@link #times} may run from several threads.
 *
 * <p>Both products add whole rows of 1,000 floats into an accumulator row, and do it as {@code acc[j] += x ·
 * row[j]} over matrices kept as one array per row (the first layer's weights, in training and in prediction, and the
 * gradient at its output): HotSpot 17 vectorizes a loop over two arrays at the same index, and not one whose two
 * arrays are read at different offsets (which might overlap, for all it knows), three times slower here. Each sum
 * still adds its terms in increasing order, as the dense product does.
 */
record SparseFeatureRows(int rows, int columns, int[] rowStart, int[] rowColumn, float[] rowValue, int[] columnStart,
                  int[] columnRow, float[] columnValue) {
    /** Fewest values worth handing to another core (the training step's updates use it too). */
    static final int PARALLEL_MIN = 32_768;

    /**
     * Rows {@code idx} of {@code data} as sparse rows, without the columns (enough for {@link #times} and
     * {@link #select}), or {@code null} when more than {@code maxDensity} of their values are non-zero. Read row by
     * row, so that no dense copy of the batch is made.
     */
    static SparseFeatureRows ofRows(Dataset data, int[] idx, double maxDensity) {
        int rows = idx.length;
        int columns = data.featureCount();
        // one pass, giving up as soon as there are more values than allowed; the arrays grow as needed rather than
        // being sized for the most allowed, which for a training set read from files may exceed the heap
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) (maxDensity * rows * (long) columns));
        int[] rowStart = new int[rows + 1];
        int[] rowColumn = new int[(int) Math.min(capacity, Math.max(1024, rows * 64L))];
        float[] rowValue = new float[rowColumn.length];
        float[] row = new float[columns];
        int[] one = new int[1];
        int p = 0;
        for (int r = 0; r < rows; r++) {
            one[0] = idx[r];
            data.copyFeatures(one, row);
            for (int k = 0; k < columns; k++) {
                if (row[k] != 0f) {
                    if (p == capacity) {
                        return null;
                    }
                    if (p == rowColumn.length) {
                        int grown = (int) Math.min(capacity, rowColumn.length + (long) (rowColumn.length >> 1) + 1);
                        rowColumn = java.util.Arrays.copyOf(rowColumn, grown);
                        rowValue = java.util.Arrays.copyOf(rowValue, grown);
                    }
                    rowColumn[p] = k;
                    rowValue[p++] = row[k];
                }
            }
            rowStart[r + 1] = p;
        }
        return new SparseFeatureRows(rows, columns, rowStart, rowColumn, rowValue, null, null, null);
    }

    /**
     * {@code features} (each of {@code columns} entries, which the caller checked) as sparse rows, without the columns,
     * or {@code null} when more than {@code maxDensity} of their values are non-zero (as {@link #ofRows}: the same rows
     * give the same result).
     */
    static SparseFeatureRows of(java.util.List<io.chemdl4j.featurize.SparseFeatures> features, int columns,
                         double maxDensity) {
        int rows = features.size();
        int[] rowStart = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] = rowStart[r] + features.get(r).indices().length;
        }
        if (rowStart[rows] > (long) (maxDensity * rows * (long) columns)) {
            return null;
        }
        int[] rowColumn = new int[rowStart[rows]];
        float[] rowValue = new float[rowStart[rows]];
        for (int r = 0; r < rows; r++) {
            io.chemdl4j.featurize.SparseFeatures row = features.get(r);
            System.arraycopy(row.indices(), 0, rowColumn, rowStart[r], row.indices().length);
            System.arraycopy(row.values(), 0, rowValue, rowStart[r], row.values().length);
        }
        return new SparseFeatureRows(rows, columns, rowStart, rowColumn, rowValue, null, null, null);
    }

    /**
     * Rows {@code idx} of these rows as a batch with its columns (for {@link #transposedRow}), each value
     * multiplied by {@code mask} (a dropout mask of the batch's inputs, {@code idx.length × columns} row-major)
     * when one is given.
     */
    SparseFeatureRows select(int[] idx, float[] mask) {
        int batchRows = idx.length;
        int[] batchStart = new int[batchRows + 1];
        for (int r = 0; r < batchRows; r++) {
            batchStart[r + 1] = batchStart[r] + rowStart[idx[r] + 1] - rowStart[idx[r]];
        }
        int nonZero = batchStart[batchRows];
        int[] batchColumn = new int[nonZero];
        float[] batchValue = new float[nonZero];
        int[] batchColumnStart = new int[columns + 1];
        for (int r = 0; r < batchRows; r++) {
            int from = rowStart[idx[r]];
            int n = batchStart[r + 1] - batchStart[r];
            System.arraycopy(rowColumn, from, batchColumn, batchStart[r], n);
            System.arraycopy(rowValue, from, batchValue, batchStart[r], n);
            for (int p = batchStart[r]; p < batchStart[r + 1]; p++) {
                batchColumnStart[batchColumn[p] + 1]++;
                if (mask != null) {
                    batchValue[p] *= mask[r * columns + batchColumn[p]];
                }
            }
        }
        for (int k = 0; k < columns; k++) {
            batchColumnStart[k + 1] += batchColumnStart[k];
        }
        int[] next = Arrays.copyOf(batchColumnStart, columns);
        int[] batchColumnRow = new int[nonZero];
        float[] batchColumnValue = new float[nonZero];
        for (int r = 0; r < batchRows; r++) {
            for (int p = batchStart[r]; p < batchStart[r + 1]; p++) {
                int q = next[batchColumn[p]]++;
                batchColumnRow[q] = r;
                batchColumnValue[q] = batchValue[p];
            }
        }
        return new SparseFeatureRows(batchRows, columns, batchStart, batchColumn, batchValue, batchColumnStart,
                batchColumnRow, batchColumnValue);
    }

    /**
     * {@code this · w} for {@code w} given as its rows ({@code columns} arrays of {@code out} floats; only the rows
     * this batch reads are needed), into the first {@code rows × out} values of {@code z},
     * on every core (training; prediction uses {@link #forEachRowOfProduct} on the caller's thread, whose callers
     * already keep every core busy with featurization). The same sums, in the same order, as
     * {@link #forEachRowOfProduct}.
     */
    void times(float[][] w, int out, float[] z) {
        Nd4jRuntime.forChunks(rows, Math.max(1, PARALLEL_MIN / out), (first, last) -> {
            float[] sum = new float[out];
            for (int r = first; r < last; r++) {
                sumOfRows(w, rowColumn, rowValue, rowStart[r], rowStart[r + 1], sum);
                System.arraycopy(sum, 0, z, r * out, out);
            }
        });
    }

    /** Receives the rows of a product one at a time (see {@link #forEachRowOfProduct}). */
    interface RowOfProduct {
        /**
         * Row {@code row} of the product is {@code values}, which the receiver may change in place and must not keep:
         * the same array holds the next row afterwards.
         */
        void accept(int row, float[] values);
    }

    /**
     * {@code this · w} on the caller's thread for {@code w} given as its rows ({@code columns} arrays of {@code out}
     * floats), handed to {@code receiver} row by row, in order: the same sums as
     * {@link #times(float[][], int, float[])}, in the same order, with no copy of each weight row first (each row is
     * already an array of its own, which the compiler vectorizes). For prediction, whose weights do not change: a row is received while it is still in cache (the
     * bias and activation applied there, then copied once to where the next layer reads it), and no product matrix
     * is made.
     */
    void forEachRowOfProduct(float[][] w, int out, RowOfProduct receiver) {
        float[] sum = new float[out];
        for (int r = 0; r < rows; r++) {
            sumOfRows(w, rowColumn, rowValue, rowStart[r], rowStart[r + 1], sum);
            receiver.accept(r, sum);
        }
    }

    /**
     * {@code sum = Σ value[p] · w[index[p]]} over {@code p} in {@code [from, to)}, added in that order ({@code w}'s
     * rows are arrays of {@code sum.length} floats, 0 when the range is empty); a value of 1 (every fingerprint bit)
     * adds the row as it is, which is the same float sum without the products. The first term is copied, not added to
     * zeros. Each row is an array of its own, read from index 0: JDK 17's compiler vectorizes a sum of two arrays from
     * index 0 but not one read at an offset (copying each row first made the adds about 2.4 times faster).
     */
    private static void sumOfRows(float[][] w, int[] index, float[] value, int from, int to, float[] sum) {
        if (from == to) {
            Arrays.fill(sum, 0f);
            return;
        }
        System.arraycopy(w[index[from]], 0, sum, 0, sum.length);
        scale(sum, value[from]);
        int p = from + 1;
        // four inputs at a time: each sum is loaded and stored once for four rows, its adds still in order
        for (; p + 4 <= to; p += 4) {
            float[] a = w[index[p]];
            float[] b = w[index[p + 1]];
            float[] c = w[index[p + 2]];
            float[] d = w[index[p + 3]];
            if (value[p] == 1f && value[p + 1] == 1f && value[p + 2] == 1f && value[p + 3] == 1f) {
                addFour(sum, a, b, c, d);
            } else {
                addFour(sum, value[p], a, value[p + 1], b, value[p + 2], c, value[p + 3], d);
            }
        }
        for (; p < to; p++) {
            add(sum, value[p], w[index[p]]);
        }
    }

    /**
     * Row {@code k} of {@code thisᵀ · delta} ({@code delta} given as its {@code rows} rows of {@code sum.length}
     * floats) into {@code sum}: the gradient of the weight row of input {@code k}, the same sums in the same order as
     * the dense product. Returns {@code false}, leaving {@code sum} as it is, when no row of the batch sets input
     * {@code k} (its gradient is zero). Needs the columns ({@link #select}); may run from several threads.
     */
    boolean transposedRow(int k, float[][] delta, float[] sum) {
        if (columnStart[k] == columnStart[k + 1]) {
            return false;
        }
        sumOfRows(delta, columnRow, columnValue, columnStart[k], columnStart[k + 1], sum);
        return true;
    }

    /**
     * {@code sum += a + b + c + d}, added in that order: each sum is loaded and stored once for four rows. A method of
     * its own, called millions of times, so that the compiler optimizes it within the first chunks (the loop inside
     * {@link #forEachRowOfProduct}, entered once per batch, was left to slower code for seconds).
     */
    private static void addFour(float[] sum, float[] a, float[] b, float[] c, float[] d) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] = (((sum[j] + a[j]) + b[j]) + c[j]) + d[j];
        }
    }

    /**
     * {@code sum += xa·a + xb·b + xc·c + xd·d}, each product rounded and added in that order, as four calls of
     * {@link #add} would (fingerprint counts: not every value is 1). Kept beside {@link #addFour(float[], float[],
     * float[], float[], float[])}: the four products per element cost a 1,000,000-molecule prediction about a second
     * more when every value is 1, measured.
     */
    private static void addFour(float[] sum, float xa, float[] a, float xb, float[] b, float xc, float[] c, float xd,
                                float[] d) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] = (((sum[j] + xa * a[j]) + xb * b[j]) + xc * c[j]) + xd * d[j];
        }
    }

    /** {@code sum ·= x}, nothing when {@code x} is 1. */
    private static void scale(float[] sum, float x) {
        if (x != 1f) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] *= x;
            }
        }
    }

    /** {@code sum += x · row} over {@code sum.length} floats; a value of 1 adds the row as it is (the same sum). */
    private static void add(float[] sum, float x, float[] row) {
        int n = sum.length;
        if (x == 1f) {
            for (int j = 0; j < n; j++) {
                sum[j] += row[j];
            }
        } else {
            for (int j = 0; j < n; j++) {
                sum[j] += x * row[j];
            }
        }
    }
}
