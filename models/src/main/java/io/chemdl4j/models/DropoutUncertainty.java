package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A model that can sample Monte-Carlo dropout (Gal and Ghahramani 2016): predictions with dropout left
 * on, repeated, give a mean and a spread.
 *
 * @param <D> the data it reads
 */
public interface DropoutUncertainty<D extends LabelledData<D>> {
    /**
     * Mean and standard deviation over {@code samples} passes with dropout on, in original units
     * ({@code transformers} undone); the same {@code seed} gives the same numbers.
     */
    Uncertainty predictWithDropout(D data, int samples, long seed, List<Transformer> transformers);

    /**
     * Whether {@link #predictWithDropout} gives a spread: a network trained with dropout, an ensemble, or a network
     * with a mean-variance head. Checked
     * before any work is done, so that asking a model without either for its uncertainty fails at once.
     */
    boolean givesUncertainty();

    /**
     * Whether the model predicts its own variance (a mean-variance head): {@link #predictWithDropout} then gives that
     * spread, with dropout's added where the model has dropout.
     */
    default boolean predictsVariance() {
        return false;
    }
}
