package io.chemdl4j.featurize.descriptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.rdkit.RdkitDescriptors;
import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.rdkit.RdkitPerceivingFeaturizer;

/**
 * RDKit's 208 2D descriptors under RDKit's names ({@link RdkitDescriptors#NAMES}, each agreeing with native
 * RDKit 2022.09), in RDKit's {@code descList} order, or a chosen subset of them. A descriptor that RDKit
 * itself cannot compute for a molecule (Gasteiger charges of an atom without parameters, and the BCUT2D
 * values built on them) is NaN, as in RDKit, and the molecule keeps its other values.
 *
 * <p>Thread-safe and stateless; the caller's molecule is not modified.
 */
public final class DescriptorFeaturizer extends RdkitPerceivingFeaturizer<float[]> implements VectorFeaturizer {
    public static final String NAME = "descriptors";
    private static final Logger LOG = LoggerFactory.getLogger(DescriptorFeaturizer.class);
    /** The descriptors already reported as not finite in this process. */
    private static final Set<String> NOT_FINITE_REPORTED = ConcurrentHashMap.newKeySet();

    private final List<String> names;

    /** All RDKit-named descriptors. */
    public DescriptorFeaturizer() {
        this(RdkitDescriptors.NAMES);
    }

    /**
     * @param names descriptors to compute, in this order, by RDKit's names
     * @throws IllegalArgumentException for an empty list, a repeated name, or a name that is not an RDKit descriptor
     *                                  (the message lists the closest names)
     */
    public DescriptorFeaturizer(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no descriptors chosen");
        }
        for (String name : names) {
            if (!RdkitDescriptors.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown descriptor '" + name + "'; "
                        + closeMatches(name.strip()));
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("a descriptor is named twice: " + names);
        }
        this.names = List.copyOf(names);
    }

    /**
     * "did you mean …" with the names nearest to {@code name}, ignoring case: those that contain it or that it
     * contains, then those sharing its longest beginning (at least two letters); or where the names come from.
     */
    private static String closeMatches(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> close = RdkitDescriptors.NAMES.stream()
                .filter(n -> closeness(wanted, n.toLowerCase(Locale.ROOT)) > 0)
                .sorted(Comparator.comparingInt((String n) -> -closeness(wanted, n.toLowerCase(Locale.ROOT)))
                        .thenComparingInt(String::length))
                .limit(6)
                .toList();
        return close.isEmpty() ? "the " + RdkitDescriptors.NAMES.size() + " names are RDKit's (Descriptors.descList)"
                : "did you mean " + String.join(", ", close) + "?";
    }

    /** 1000 for containment either way, else the length of the common beginning if at least 2, else 0. */
    private static int closeness(String wanted, String candidate) {
        if (wanted.length() >= 3 && (candidate.contains(wanted) || wanted.contains(candidate))) {
            return 1000;
        }
        int common = 0;
        while (common < Math.min(wanted.length(), candidate.length()) && wanted.charAt(common) == candidate.charAt(common)) {
            common++;
        }
        return common >= 2 ? common : 0;
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

    /**
     * Full-precision values of an already perceived molecule, in {@link #featureNames()} order. A value RDKit
     * itself leaves NaN, or one whose computation failed inside CDK, is NaN and reported once per descriptor.
     */
    public double[] compute(RdkitMolecule molecule) throws InvalidMoleculeException {
        Map<String, String> failures = new HashMap<>(0);
        Map<String, Double> all = RdkitDescriptors.compute(molecule, failures);
        double[] out = new double[names.size()];
        List<String> newlyReported = null;
        for (int i = 0; i < out.length; i++) {
            String name = names.get(i);
            out[i] = all.get(name);
            if (!Double.isFinite(out[i]) && NOT_FINITE_REPORTED.add(name)) {
                newlyReported = newlyReported == null ? new ArrayList<>() : newlyReported;
                String failure = failures.get(name);
                newlyReported.add(name + "=" + out[i] + (failure == null ? "" : " (" + failure + ")"));
            }
        }
        if (newlyReported != null) {
            LOG.warn("{} not finite for a molecule, which keeps its other values (as in RDKit: Gasteiger charges and "
                    + "BCUT2D of an atom without Gasteiger parameters, Ipc past the range of a double); each descriptor "
                    + "is reported once", String.join(", ", newlyReported));
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
