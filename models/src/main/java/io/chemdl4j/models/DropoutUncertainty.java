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
public interface DropoutUncertainty<D extends LabelledData> {
    /**
     * Mean and standard deviation over {@code samples} passes with dropout on, in original units
     * ({@code transformers} undone); the same {@code seed} gives the same numbers.
     */
    Uncertainty predictWithDropout(D data, int samples, long seed, List<Transformer> transformers);
}
