package io.chemdl4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The row-vector additions the layers use in place of ND4J's broadcasts. */
class MatricesTest {
    /** Rows 0-1 get the first vector, row 2 none, rows 3-4 the second: checked against sums worked out by hand. */
    @Test
    void eachBlockOfRowsGetsItsOwnVectorInPlace() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new long[] {5, 2}, 'c')
                    .castTo(dtype);
            INDArray first = Nd4j.create(new double[] {0.5, -1}, new long[] {1, 2}, 'c').castTo(dtype);
            INDArray second = Nd4j.create(new double[] {100, 0.25}, new long[] {1, 2}, 'c').castTo(dtype);
            INDArray result = Matrices.addRowVectors(x, new int[] {0, 2, 3, 5}, new INDArray[] {first, null, second});
            assertSame(x, result, dtype + ": in place");
            assertArrayEquals(new double[] {1.5, 1, 3.5, 3, 5, 6, 107, 8.25, 109, 10.25}, Matrices.values(x), 0,
                    dtype.toString());
        }
    }

    /** In single precision the sum is the float nearest the exact one, as double arithmetic rounded back gives. */
    @Test
    void singlePrecisionSumsAreTheDoubleSumsRoundedToFloat() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[] values = new float[64 * 16];
        float[] row = new float[16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 6)));
        }
        for (int f = 0; f < row.length; f++) {
            row[f] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 6)));
        }
        INDArray x = Matrices.matrix(values, 64, 16);
        Matrices.addRowVector(x, Matrices.matrix(row, 1, 16));
        float[] sums = x.reshape(x.length()).toFloatVector();
        for (int i = 0; i < values.length; i++) {
            assertEquals((float) ((double) values[i] + row[i % 16]), sums[i], "value " + i);
        }
    }

    @Test
    void aVectorOfAnotherLengthIsRefused() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrices.addRowVector(x, Nd4j.zeros(DataType.FLOAT, 1, 3)));
        assertEquals("a row of 3 values cannot be added to 4 columns", e.getMessage());
    }
}
