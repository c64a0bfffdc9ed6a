package io.chemdl4j.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one finite-difference checker of every layer's backward pass, in double precision: for the scalar
 * {@code L = Σ R ∘ forward(x)} with a fixed random {@code R}, the layer's backward pass from {@code R} must
 * give {@code ∂L/∂x} and every parameter's {@code ∂L/∂θ} as central differences do, on up to
 * {@value #ENTRIES} entries of each, within a relative error of {@value #TOLERANCE}.
 */
public final class GradientCheck {
    /** Entries checked per array (all of a smaller one). */
    static final int ENTRIES = 40;
    static final double TOLERANCE = 1e-5;
    private static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /** Random {@code rows × columns} doubles in (-1, 1), from {@code seed}. */
    public static INDArray randomMatrix(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        return Matrices.matrix(v, rows, columns, DataType.DOUBLE);
    }

    /**
     * Checks {@code layer} at input {@code x}; {@code pass} gives a pass that draws the same masks every
     * time it is asked (a fresh generator with one seed).
     *
     * @return the number of entries checked
     */
    public static int check(Layer layer, INDArray x, Supplier<Pass> pass) {
        assertEquals(DataType.DOUBLE, x.dataType(), "gradients are checked in double precision");
        INDArray y = layer.forward(x, pass.get());
        INDArray projection = randomMatrix((int) y.rows(), (int) y.columns(), 17);
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        INDArray dx = layer.backward(projection, gradients);
        DoubleSupplier loss = () -> layer.forward(x, pass.get()).mul(projection).sumNumber().doubleValue();
        int checked = compare("input", dx, x, loss);
        for (Map.Entry<String, INDArray> p : layer.parameters().entrySet()) {
            INDArray g = gradients.get(p.getKey());
            assertTrue(g != null, "no gradient for parameter " + p.getKey());
            checked += compare(p.getKey(), g, p.getValue(), loss);
        }
        return checked;
    }

    /** Compares {@code analytic} with central differences of {@code loss} in {@code variable}, in place. */
    public static int compare(String what, INDArray analytic, INDArray variable, DoubleSupplier loss) {
        assertEquals(java.util.Arrays.toString(variable.shape()), java.util.Arrays.toString(analytic.shape()),
                "shape of the gradient of " + what);
        long n = variable.length();
        long stride = Math.max(1, n / ENTRIES);
        int checked = 0;
        for (long i = 0; i < n; i += stride) {
            double v = variable.getDouble(i);
            variable.putScalar(i, v + STEP);
            double up = loss.getAsDouble();
            variable.putScalar(i, v - STEP);
            double down = loss.getAsDouble();
            variable.putScalar(i, v);
            double numeric = (up - down) / (2 * STEP);
            double a = analytic.getDouble(i);
            double error = Math.abs(a - numeric) / Math.max(1, Math.abs(a) + Math.abs(numeric));
            assertTrue(error < TOLERANCE, what + "[" + i + "]: backward " + a + ", finite differences " + numeric);
            checked++;
        }
        return checked;
    }

    /** A deterministic pass with the given settings and a fresh generator of seed 5 for dropout. */
    public static Supplier<Pass> pass(boolean batchStatistics, boolean dropout) {
        return () -> new Pass(batchStatistics, false, dropout, dropout ? new SplittableRandom(5) : null);
    }

    /** Zeros of {@code x}'s shape, in double: for layers whose gradient must vanish. */
    static INDArray zerosLike(INDArray x) {
        return Nd4j.zeros(DataType.DOUBLE, x.shape());
    }
}
