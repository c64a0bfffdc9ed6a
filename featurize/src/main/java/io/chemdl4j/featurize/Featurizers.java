package io.chemdl4j.featurize;

import java.util.List;

/** Builds featurizers from their {@link FeaturizerSpec}s: the one place that knows every name. */
public final class Featurizers {
    private Featurizers() {
    }

    /** Names accepted by {@link #create(FeaturizerSpec)}. */
    public static List<String> names() {
        return List.of(EcfpFeaturizer.ECFP, EcfpFeaturizer.FCFP, MorganFeaturizer.NAME);
    }

    /**
     * A featurizer identical to the one that produced {@code spec}.
     *
     * @throws IllegalArgumentException for an unknown name or bad parameters
     */
    public static VectorFeaturizer create(FeaturizerSpec spec) {
        return switch (spec.name()) {
            case EcfpFeaturizer.ECFP, EcfpFeaturizer.FCFP -> EcfpFeaturizer.fromSpec(spec);
            case MorganFeaturizer.NAME -> MorganFeaturizer.fromSpec(spec);
            default -> throw new IllegalArgumentException(
                    "unknown featurizer '" + spec.name() + "'; known: " + names());
        };
    }
}
