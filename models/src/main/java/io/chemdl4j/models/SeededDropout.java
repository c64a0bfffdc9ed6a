package io.chemdl4j.models;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Inverted dropout whose masks come from a generator seeded by (seed, iteration), so that the same
 * seed trains the same network. DL4J 1.0.0-M2.1's own {@code Dropout} draws from a native generator
 * that {@code Nd4j.getRandom().setSeed} does not control, which makes training irreproducible.
 *
 * <p>Kept units are scaled by {@code 1 / retain} during training; inference is unaffected.
 *
 * <p>Its fully qualified name is written into the DL4J configuration of format-1 model files, so it
 * stays in this package: moving it would stop those files from loading ({@code GoldenModelTest}).
 */
public final class SeededDropout implements IDropout {
    private static final long serialVersionUID = 1L;

    // Serialized with the network configuration (DL4J's shaded Jackson), so a loaded model keeps its dropout
    // for Monte-Carlo predictions and further training.
    @JsonProperty("retain")
    private double retain;
    @JsonProperty("seed")
    private long seed;
    private transient INDArray mask;

    /** For JSON deserialization of network configurations. */
    public SeededDropout() {
        this(1.0, 0L);
    }

    /**
     * @param retain probability of keeping a unit, in (0, 1]
     * @param seed   seed of the masks; give each layer its own
     */
    public SeededDropout(double retain, long seed) {
        if (!(retain > 0 && retain <= 1)) {
            throw new IllegalArgumentException("retain probability must be in (0, 1], got " + retain);
        }
        this.retain = retain;
        this.seed = seed;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        float[] values = new float[Math.toIntExact(inputActivations.length())];
        drawMask(iteration, values, values.length);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            mask = Nd4j.create(values, inputActivations.shape(), 'c').castTo(inputActivations.dataType());
        }
        output.assign(inputActivations.mul(mask));
        return output;
    }

    /**
     * The mask of training step {@code iteration} for {@code n} activations (row-major) into {@code mask[0, n)}:
     * {@code 1 / retain} for a kept unit, 0 for a dropped one. The one definition of the masks, shared by DL4J's
     * forward pass and the toolkit's own training step ({@code SparseInputTrainer}).
     */
    public void drawMask(int iteration, float[] mask, int n) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + iteration);
        float scale = (float) (1.0 / retain);
        // nextDouble() < retain, without a branch that fails half the time: nextDouble() is the top 53 bits of
        // nextLong() times 2^-53, below retain exactly when those bits are below ceil(retain * 2^53)
        long threshold = (long) Math.ceil(retain * 0x1p53);
        for (int i = 0; i < n; i++) {
            long kept = ((random.nextLong() >>> 11) - threshold) >>> 63;
            mask[i] = scale * kept;
        }
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("backprop without a preceding forward pass in training mode");
        }
        gradAtInput.assign(gradAtOutput.mul(mask));
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public SeededDropout clone() {
        return new SeededDropout(retain, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeededDropout d && d.retain == retain && d.seed == seed;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(retain) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "SeededDropout(retain=" + retain + ", seed=" + seed + ")";
    }
}
