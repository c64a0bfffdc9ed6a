package io.chemdl4j.models.layers;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization over rows, as Keras's: {@code γ (x - μ) / sqrt(σ² + ε) + β}, with the batch's mean and
 * variance in training (moving averages updated with momentum 0.99) and the moving ones otherwise.
 * Parameters {@code <name>_gamma}, {@code <name>_beta}; state {@code <name>_movingMean},
 * {@code <name>_movingVariance}.
 */
public final class BatchNorm implements Layer {
    /** Keras's epsilon. */
    public static final double EPSILON = 1e-3;
    /** Keras's momentum of the moving averages. */
    public static final double MOMENTUM = 0.99;

    private final String name;
    private final INDArray gamma;
    private final INDArray beta;
    private final INDArray movingMean;
    private final INDArray movingVariance;
    /**
     * The last forward pass's input, and the mean and inverse standard deviation it was normalized by: the backward
     * pass normalizes it again rather than keep a normalized copy.
     */
    private INDArray input;
    private double[] mean;
    private double[] inverseStd;
    /** Whether the last forward pass normalized by the batch's own statistics. */
    private boolean fromBatch;

    /** Batch normalization of {@code channels} columns, parameters named after {@code name}: scale 1, shift 0. */
    public BatchNorm(String name, int channels, DataType dtype) {
        this.name = name;
        this.gamma = Nd4j.ones(dtype, 1, channels);
        this.beta = Nd4j.zeros(dtype, 1, channels);
        this.movingMean = Nd4j.zeros(dtype, 1, channels);
        this.movingVariance = Nd4j.ones(dtype, 1, channels);
    }

    /**
     * One Java pass over the values (statistics in double precision), as {@link Matrices#addRowVector}: no ND4J
     * broadcast in either pass.
     */
    @Override
    public INDArray forward(INDArray x, Pass pass) {
        int rows = (int) x.rows();
        int columns = (int) x.columns();
        int n = rows * columns;
        boolean single = x.dataType() == DataType.FLOAT;
        // With the moving statistics, single-precision input is read as floats by the loop below (no widened copy).
        double[] v = pass.batchStatistics() || !single ? Matrices.values(x, 0) : null;
        double[] mean;
        double[] variance;
        if (pass.batchStatistics()) {
            mean = new double[columns];
            variance = new double[columns];
            for (int i = 0; i < n; i += columns) {
                for (int f = 0; f < columns; f++) {
                    mean[f] += v[i + f];
                }
            }
            for (int f = 0; f < columns; f++) {
                mean[f] /= rows;
            }
            for (int i = 0; i < n; i += columns) {
                for (int f = 0; f < columns; f++) {
                    double centred = v[i + f] - mean[f];
                    variance[f] += centred * centred;
                }
            }
            for (int f = 0; f < columns; f++) {
                variance[f] /= rows;
            }
            if (pass.updateMoving()) {
                double[] mm = movingMean.toDoubleVector();
                double[] mv = movingVariance.toDoubleVector();
                for (int f = 0; f < columns; f++) {
                    mm[f] = MOMENTUM * mm[f] + (1 - MOMENTUM) * mean[f];
                    mv[f] = MOMENTUM * mv[f] + (1 - MOMENTUM) * variance[f];
                }
                Matrices.write(movingMean, mm);
                Matrices.write(movingVariance, mv);
            }
        } else {
            mean = movingMean.toDoubleVector();
            variance = movingVariance.toDoubleVector();
        }
        fromBatch = pass.batchStatistics();
        double[] invStd = new double[columns];
        for (int f = 0; f < columns; f++) {
            invStd[f] = 1 / Math.sqrt(variance[f] + EPSILON);
        }
        double[] g = gamma.toDoubleVector();
        double[] b = beta.toDoubleVector();
        input = x;
        this.mean = mean;
        inverseStd = invStd;
        if (v == null) {
            return singleWithMovingStatistics(x, rows, columns, g, b);
        }
        // single precision written as floats directly, with no second pass to narrow the doubles
        float[] narrow = single ? Matrices.floatScratch(0, n) : null;
        for (int i = 0; i < n; i += columns) {
            for (int f = 0; f < columns; f++) {
                double y = (v[i + f] - mean[f]) * invStd[f] * g[f] + b[f];
                if (narrow != null) {
                    narrow[i + f] = (float) y;
                } else {
                    v[i + f] = y;
                }
            }
        }
        return narrow != null ? Matrices.matrix(narrow, rows, columns) : Matrices.matrix(v, rows, columns, x.dataType());
    }

    /**
     * {@link #forward}'s normalization of single-precision {@code x} by the moving statistics (predictions,
     * evaluation), the state already set: the input read as floats rather than first widened into a double array,
     * every value computed by the same double expression (widening is exact) and written as a float.
     */
    private INDArray singleWithMovingStatistics(INDArray x, int rows, int columns, double[] g, double[] b) {
        double[] mu = mean;
        double[] invStd = inverseStd;
        int n = rows * columns;
        float[] in = Matrices.floats(x, 1);
        float[] out = Matrices.floatScratch(0, n);
        for (int i = 0; i < n; i += columns) {
            for (int f = 0; f < columns; f++) {
                out[i + f] = (float) ((in[i + f] - mu[f]) * invStd[f] * g[f] + b[f]);
            }
        }
        return Matrices.matrix(out, rows, columns);
    }

    /**
     * With batch statistics: dx = invstd/N · (N·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)), dx̂ = dy·γ; with the moving statistics of
     * prediction, which are constants: dx = dy·γ·invstd (what explanations differentiate). One Java pass for the sums
     * and one for dx, like the forward pass.
     */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        int rows = (int) input.rows();
        int columns = (int) input.columns();
        int n = rows * columns;
        double[] d = Matrices.values(dy, 0);
        double[] normalized = Matrices.values(input, 1);
        double[] gammaGradient = new double[columns];
        double[] betaGradient = new double[columns];
        for (int i = 0; i < n; i += columns) {
            for (int f = 0; f < columns; f++) {
                double z = (normalized[i + f] - mean[f]) * inverseStd[f];
                normalized[i + f] = z;
                gammaGradient[f] += d[i + f] * z;
                betaGradient[f] += d[i + f];
            }
        }
        gradients.put(name + "_gamma", Matrices.matrix(gammaGradient, 1, columns, dy.dataType()));
        gradients.put(name + "_beta", Matrices.matrix(betaGradient, 1, columns, dy.dataType()));
        double[] g = gamma.toDoubleVector();
        // γ·invstd/N (batch statistics) or γ·invstd (moving ones) per column, computed once rather than per value
        double[] scale = new double[columns];
        for (int f = 0; f < columns; f++) {
            scale[f] = fromBatch ? g[f] * inverseStd[f] / rows : g[f] * inverseStd[f];
        }
        double[] dx = Matrices.scratch(2, n);
        if (fromBatch) {
            for (int i = 0; i < n; i += columns) {
                for (int f = 0; f < columns; f++) {
                    // Σdx̂ = γ·Σdy, Σ(dx̂·x̂) = γ·Σ(dy·x̂): the parameters' gradients times γ
                    dx[i + f] = scale[f] * (rows * d[i + f] - betaGradient[f] - normalized[i + f] * gammaGradient[f]);
                }
            }
        } else {
            for (int i = 0; i < n; i += columns) {
                for (int f = 0; f < columns; f++) {
                    dx[i + f] = scale[f] * d[i + f];
                }
            }
        }
        return Matrices.matrix(dx, rows, columns, dy.dataType());
    }

    @Override
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put(name + "_gamma", gamma);
        p.put(name + "_beta", beta);
        return p;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put(name + "_movingMean", movingMean);
        s.put(name + "_movingVariance", movingVariance);
        return s;
    }
}
