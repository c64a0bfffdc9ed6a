package io.chemdl4j.models.layers;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
    private INDArray normalized;
    /** Whether the last forward pass normalized by the batch's own statistics. */
    private boolean fromBatch;
    private INDArray inverseStd;

    /** Batch normalization of {@code channels} columns, parameters named after {@code name}: scale 1, shift 0. */
    public BatchNorm(String name, int channels, DataType dtype) {
        this.name = name;
        this.gamma = Nd4j.ones(dtype, 1, channels);
        this.beta = Nd4j.zeros(dtype, 1, channels);
        this.movingMean = Nd4j.zeros(dtype, 1, channels);
        this.movingVariance = Nd4j.ones(dtype, 1, channels);
    }

    @Override
    public INDArray forward(INDArray x, Pass pass) {
        INDArray mean;
        INDArray variance;
        if (pass.batchStatistics()) {
            mean = x.mean(true, 0);
            INDArray centred = x.subRowVector(mean);
            variance = centred.mul(centred).mean(true, 0);
            if (pass.updateMoving()) {
                movingMean.muli(MOMENTUM).addi(mean.mul(1 - MOMENTUM));
                movingVariance.muli(MOMENTUM).addi(variance.mul(1 - MOMENTUM));
            }
        } else {
            mean = movingMean;
            variance = movingVariance;
        }
        fromBatch = pass.batchStatistics();
        inverseStd = Transforms.pow(variance.add(EPSILON), -0.5, false);
        normalized = x.subRowVector(mean).muliRowVector(inverseStd);
        return normalized.mulRowVector(gamma).addiRowVector(beta);
    }

    /**
     * With batch statistics: dx = invstd/N · (N·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)), dx̂ = dy·γ; with the moving statistics of
     * prediction, which are constants: dx = dy·γ·invstd (what explanations differentiate).
     */
    @Override
    public INDArray backward(INDArray dy, Map<String, INDArray> gradients) {
        gradients.put(name + "_gamma", dy.mul(normalized).sum(true, 0));
        gradients.put(name + "_beta", dy.sum(true, 0));
        INDArray dNormalized = dy.mulRowVector(gamma);
        if (!fromBatch) {
            return dNormalized.muliRowVector(inverseStd);
        }
        long n = dy.rows();
        INDArray sum = dNormalized.sum(true, 0);
        INDArray sumWithNormalized = dNormalized.mul(normalized).sum(true, 0);
        return dNormalized.mul(n).subiRowVector(sum).subi(normalized.mulRowVector(sumWithNormalized))
                .muliRowVector(inverseStd).divi(n);
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
