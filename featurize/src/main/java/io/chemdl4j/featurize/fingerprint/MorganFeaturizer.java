package io.chemdl4j.featurize.fingerprint;

import java.util.Map;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.rdkit.MorganEnvironments;
import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.rdkit.RdkitPerceivingFeaturizer;

/**
 * RDKit-compatible Morgan fingerprint: for the same SMILES it sets the same bits as RDKit's
 * {@code GetMorganFingerprintAsBitVect} / {@code GetHashedMorganFingerprint} (connectivity
 * invariants with ring membership, bond types, RDKit's 32-bit hashing, sorted neighbour lists,
 * removal of duplicate environments, folding by modulo).
 *
 * <p>It differs from {@link EcfpFeaturizer} (CDK's ECFP) in every hash, so bit positions of the two
 * are not comparable; use this one wherever features must match models or data made with RDKit.
 *
 * <p>Thread-safe and stateless: all working state is per call. The caller's molecule is not modified.
 */
public final class MorganFeaturizer extends RdkitPerceivingFeaturizer<float[]> implements VectorFeaturizer {
    public static final String NAME = "morgan";

    /**
     * Options of an RDKit Morgan fingerprint.
     *
     * @param radius    number of iterations (2 corresponds to ECFP4)
     * @param length    number of folded features ({@code nBits}), at least 1
     * @param counts    occurrence counts ({@code GetHashedMorganFingerprint}) instead of 0/1 bits
     * @param chirality RDKit's {@code useChirality}: CIP labels of stereocentres and E/Z of double bonds
     */
    public record Options(int radius, int length, boolean counts, boolean chirality) {
        public Options {
            if (radius < 0 || radius > 10) {
                throw new IllegalArgumentException("radius must be 0..10, got " + radius);
            }
            if (length < 1) {
                throw new IllegalArgumentException("length must be positive, got " + length);
            }
        }

        /** RDKit's usual setting: radius 2, 2048 bits, no counts, no chirality. */
        public static Options defaults() {
            return new Options(2, 2048, false, false);
        }

        /** With radius {@code r} (0-3). */
        public Options withRadius(int r) {
            return new Options(r, length, counts, chirality);
        }

        /** With {@code n} folded bits (or counts). */
        public Options withLength(int n) {
            return new Options(radius, n, counts, chirality);
        }

        /** Counts of each folded identifier when {@code c}, else bits. */
        public Options withCounts(boolean c) {
            return new Options(radius, length, c, chirality);
        }

        /** Chirality in the atom invariants when {@code c}. */
        public Options withChirality(boolean c) {
            return new Options(radius, length, counts, c);
        }
    }

    private final Options options;

    /** A featurizer with {@code options}. */
    public MorganFeaturizer(Options options) {
        this.options = options;
    }

    /** RDKit's defaults: radius 2, 2048 bits. */
    public MorganFeaturizer() {
        this(Options.defaults());
    }

    /** The options it featurizes with. */
    public Options options() {
        return options;
    }

    @Override
    public int length() {
        return options.length();
    }

    @Override
    public FeaturizerSpec spec() {
        return new FeaturizerSpec(NAME, Map.of(
                "radius", Integer.toString(options.radius()),
                "length", Integer.toString(options.length()),
                "counts", Boolean.toString(options.counts()),
                "chirality", Boolean.toString(options.chirality())));
    }

    /** The featurizer that {@code spec} (its {@link #spec()}) describes; {@link io.chemdl4j.featurize.Featurizers#create} calls it. */
    public static MorganFeaturizer fromSpec(FeaturizerSpec spec) {
        return new MorganFeaturizer(new Options(
                Integer.parseInt(spec.require("radius")),
                Integer.parseInt(spec.require("length")),
                Boolean.parseBoolean(spec.require("counts")),
                Boolean.parseBoolean(spec.require("chirality"))));
    }

    @Override
    public float[] features(RdkitMolecule molecule) throws InvalidMoleculeException {
        float[] features = new float[options.length()];
        for (int hash : MorganEnvironments.environments(molecule, options.radius(), options.chirality())) {
            int slot = (int) (Integer.toUnsignedLong(hash) % options.length());
            features[slot] = options.counts() ? features[slot] + 1f : 1f;
        }
        return features;
    }

    @Override
    public String toString() {
        return "MorganFeaturizer" + options;
    }
}
