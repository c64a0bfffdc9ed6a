package io.chemdl4j.featurize.descriptor;

import java.util.List;
import java.util.Map;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.rdkit.RdkitDescriptors;
import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.rdkit.RdkitPerceivingFeaturizer;

/**
 * RDKit-named 2D descriptors ({@link RdkitDescriptors#NAMES}: the ones that agree with native
 * RDKit), in RDKit's {@code descList} order, or a chosen subset of them.
 *
 * <p>Thread-safe and stateless; the caller's molecule is not modified.
 */
public final class DescriptorFeaturizer extends RdkitPerceivingFeaturizer<float[]> implements VectorFeaturizer {
    public static final String NAME = "descriptors";

    private final List<String> names;

    /** All RDKit-named descriptors. */
    public DescriptorFeaturizer() {
        this(RdkitDescriptors.NAMES);
    }

    /**
     * @param names descriptors to compute, in this order
     * @throws IllegalArgumentException for a name that is not an RDKit-agreeing descriptor
     */
    public DescriptorFeaturizer(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no descriptors chosen");
        }
        for (String name : names) {
            if (!RdkitDescriptors.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown descriptor '" + name + "'; available: "
                        + RdkitDescriptors.NAMES);
            }
        }
        this.names = List.copyOf(names);
    }

    /** The featurizer that {@code spec} (its {@link #spec()}) describes; {@link io.chemdl4j.featurize.Featurizers#create} calls it. */
    public static DescriptorFeaturizer fromSpec(FeaturizerSpec spec) {
        String names = spec.parameters().get("names");
        return names == null || names.isBlank() ? new DescriptorFeaturizer()
                : new DescriptorFeaturizer(List.of(names.split(",")));
    }

    @Override
    public int length() {
        return names.size();
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public FeaturizerSpec spec() {
        return new FeaturizerSpec(NAME, Map.of("names", String.join(",", names)));
    }

    /** Full-precision values of an already perceived molecule, in {@link #featureNames()} order. */
    public double[] compute(RdkitMolecule molecule) throws InvalidMoleculeException {
        Map<String, Double> all = RdkitDescriptors.compute(molecule);
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(names.get(i));
        }
        return out;
    }

    @Override
    public float[] features(RdkitMolecule molecule) throws InvalidMoleculeException {
        double[] values = compute(molecule);
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "DescriptorFeaturizer" + (names.equals(RdkitDescriptors.NAMES) ? "[all]" : names);
    }
}
