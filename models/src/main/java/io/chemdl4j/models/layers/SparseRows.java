package io.chemdl4j.models.layers;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sparse {@code rows × columns} matrix in compressed rows, applied to dense matrices: the gathers and sums
 * along a batch's graph (each directed bond's source atom, the messages arriving at an atom, a molecule's
 * atoms) as one operation whose gradient is the transpose. Immutable; the transpose is computed once.
 */
public final class SparseRows {
    private final int rows;
    private final int columns;
    private final int[] start;
    private final int[] index;
    /** Entry values; {@code null} when every entry is 1. */
    private final float[] value;
    private volatile SparseRows transpose;
    private SparseRows(int rows, int columns, int[] start, int[] index, float[] value) {
        this.rows = rows;
        this.columns = columns;
        this.start = start;
        this.index = index;
        this.value = value;
    }

    /**
     * Row {@code r} holds entries at columns {@code index[start[r] .. start[r+1]-1]}, valued {@code value[k]}
     * (all 1 when {@code value} is null). The arrays are kept, not copied.
     *
     * @throws IllegalArgumentException if the arrays do not describe such a matrix
     */
    public static SparseRows of(int rows, int columns, int[] start, int[] index, float[] value) {
        if (start.length != rows + 1 || start[0] != 0 || start[rows] != index.length
                || (value != null && value.length != index.length)) {
            throw new IllegalArgumentException("inconsistent sparse rows");
        }
        for (int r = 0; r < rows; r++) {
            if (start[r + 1] < start[r]) {
                throw new IllegalArgumentException("row starts must not decrease");
            }
        }
        for (int c : index) {
            if (c < 0 || c >= columns) {
                throw new IllegalArgumentException("column " + c + " outside 0.." + (columns - 1));
            }
        }
        return new SparseRows(rows, columns, start, index, value);
    }

    /** One entry of 1 per row, in column {@code columnOf[r]}: row gathering. */
    public static SparseRows gather(int[] columnOf, int columns) {
        int[] start = new int[columnOf.length + 1];
        for (int r = 0; r < columnOf.length; r++) {
            start[r + 1] = r + 1;
        }
        return of(columnOf.length, columns, start, columnOf.clone(), null);
    }

    /** Rows of the matrix. */
    public int rows() {
        return rows;
    }

    /** Columns of the matrix. */
    public int columns() {
        return columns;
    }

    /** The transposed matrix ({@code columns × rows}), entries of a row in ascending column order. */
    public SparseRows transpose() {
        SparseRows t = transpose;
        if (t == null) {
            int[] tStart = new int[columns + 1];
            for (int c : index) {
                tStart[c + 1]++;
            }
            for (int c = 0; c < columns; c++) {
                tStart[c + 1] += tStart[c];
            }
            int[] fill = Arrays.copyOf(tStart, columns);
            int[] tIndex = new int[index.length];
            float[] tValue = value == null ? null : new float[value.length];
            for (int r = 0; r < rows; r++) {
                for (int k = start[r]; k < start[r + 1]; k++) {
                    int at = fill[index[k]]++;
                    tIndex[at] = r;
                    if (tValue != null) {
                        tValue[at] = value[k];
                    }
                }
            }
            t = new SparseRows(columns, rows, tStart, tIndex, tValue);
            t.transpose = this;
            transpose = t;
        }
        return t;
    }

    /** {@code sum += w · row} over the first {@code n} values: one loop, one index, so that it vectorizes. */
    private static void addScaled(float[] sum, float[] row, float w, int n) {
        for (int f = 0; f < n; f++) {
            sum[f] += w * row[f];
        }
    }

    /** {@code this · x}: a new {@code rows × x.columns} matrix of {@code x}'s data type. */
    public INDArray apply(INDArray x) {
        if (x.rows() != columns) {
            throw new IllegalArgumentException("a " + rows + "×" + columns + " sparse matrix cannot multiply "
                    + x.rows() + " rows");
        }
        int c = (int) x.columns();
        INDArray in = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        if (x.dataType() == DataType.FLOAT) {
            float[] a = FloatValues.of(in, 0);
            float[] y = FloatValues.scratch(1, rows * c);
            float[] sum = new float[c];
            float[] row = new float[c];
            for (int r = 0; r < rows; r++) {
                Arrays.fill(sum, 0f);
                for (int k = start[r]; k < start[r + 1]; k++) {
                    // The row is copied out first because HotSpot 17 vectorizes a loop only when its arrays
                    // share one index (sum[f], row[f]), not at two offsets (y[to + f], a[from + f]): 4x faster.
                    System.arraycopy(a, index[k] * c, row, 0, c);
                    addScaled(sum, row, value == null ? 1f : value[k], c);
                }
                System.arraycopy(sum, 0, y, r * c, c);
            }
            return FloatValues.matrix(y, new long[] {rows, c});
        } else {
            double[] a = Matrices.values(in);
            double[] y = new double[rows * c];
            for (int r = 0; r < rows; r++) {
                int to = r * c;
                for (int k = start[r]; k < start[r + 1]; k++) {
                    int from = index[k] * c;
                    double w = value == null ? 1 : value[k];
                    for (int f = 0; f < c; f++) {
                        y[to + f] += w * a[from + f];
                    }
                }
            }
            return Matrices.matrix(y, rows, c, DataType.DOUBLE);
        }
    }
}
