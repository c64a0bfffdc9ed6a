package io.chemdl4j.featurize;

import java.util.List;
import io.chemdl4j.featurize.descriptor.CdkDescriptorFeaturizer;
import io.chemdl4j.featurize.descriptor.DescriptorFeaturizer;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.fingerprint.MaccsFeaturizer;
import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;
import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;

/** Builds featurizers from their {@link FeaturizerSpec}s: the one place that knows every name. */
public final class Featurizers {
    private Featurizers() {
    }

    /** Names of the vector featurizers, accepted by {@link #create(FeaturizerSpec)}. */
    public static List<String> names() {
        return List.of(EcfpFeaturizer.ECFP, EcfpFeaturizer.FCFP, MorganFeaturizer.NAME, MaccsFeaturizer.NAME,
                DescriptorFeaturizer.NAME, CdkDescriptorFeaturizer.NAME);
    }

    /** Names of the molecular-graph featurizers, accepted by {@link #createGraph(FeaturizerSpec)}. */
    public static List<String> graphNames() {
        return List.of(GraphFeaturizer.NAME, ChempropGraphFeaturizer.NAME);
    }

    /** Every featurizer name, vectors and graphs, accepted by {@link #createAny(FeaturizerSpec)}. */
    public static List<String> allNames() {
        java.util.List<String> all = new java.util.ArrayList<>(names());
        all.addAll(graphNames());
        return List.copyOf(all);
    }

    /** A featurizer of any kind (vector or graph) identical to the one that produced {@code spec}. */
    public static MoleculeFeaturizer<?> createAny(FeaturizerSpec spec) {
        return graphNames().contains(spec.name()) ? createGraph(spec) : create(spec);
    }

    /**
     * The molecular-graph featurizer that produced {@code spec}.
     *
     * @throws IllegalArgumentException for a name that is not a graph featurizer's
     */
    public static MoleculeFeaturizer<MolecularGraph> createGraph(FeaturizerSpec spec) {
        return switch (spec.name()) {
            case GraphFeaturizer.NAME -> new GraphFeaturizer();
            case ChempropGraphFeaturizer.NAME -> ChempropGraphFeaturizer.fromSpec(spec);
            default -> throw new IllegalArgumentException("'" + spec.name() + "' does not make molecular graphs; "
                    + "graph featurizers: " + graphNames());
        };
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
            case MaccsFeaturizer.NAME -> new MaccsFeaturizer();
            case DescriptorFeaturizer.NAME -> DescriptorFeaturizer.fromSpec(spec);
            case CdkDescriptorFeaturizer.NAME -> CdkDescriptorFeaturizer.fromSpec(spec);
            case GraphFeaturizer.NAME, ChempropGraphFeaturizer.NAME -> throw new IllegalArgumentException(
                    "'" + spec.name() + "' makes molecular graphs, not vectors; use createAny");
            default -> throw new IllegalArgumentException(
                    "unknown featurizer '" + spec.name() + "'; known: " + allNames());
        };
    }
}
