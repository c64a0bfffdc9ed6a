package io.chemdl4j.featurize.fingerprint;

import java.util.Map;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.fingerprint.IBitFingerprint;
import org.openscience.cdk.fingerprint.MACCSFingerprinter;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

import io.chemdl4j.featurize.rdkit.RdkitMolecule;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.VectorFeaturizer;
import io.chemdl4j.featurize.rdkit.RdkitPerceivingFeaturizer;

/**
 * The 166 MACCS structural keys (CDK's {@link MACCSFingerprinter}), laid out as RDKit and DeepChem
 * lay them out: 167 features where feature {@code i} is key {@code i} and feature 0 is always 0.
 *
 * <p>Thread-safe: each thread has its own fingerprinter. The caller's molecule is not modified.
 */
public final class MaccsFeaturizer extends RdkitPerceivingFeaturizer<float[]> implements VectorFeaturizer {
    public static final String NAME = "maccs";
    public static final int LENGTH = 167;

    private static final ThreadLocal<MACCSFingerprinter> FINGERPRINTER =
            ThreadLocal.withInitial(() -> new MACCSFingerprinter(SilentChemObjectBuilder.getInstance()));

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public java.util.List<String> featureNames() {
        return java.util.stream.IntStream.range(0, LENGTH).mapToObj(i -> "maccs" + i).toList();
    }

    @Override
    public FeaturizerSpec spec() {
        return new FeaturizerSpec(NAME, Map.of());
    }

    @Override
    public float[] features(RdkitMolecule molecule) throws InvalidMoleculeException {
        IBitFingerprint fp;
        try {
            fp = FINGERPRINTER.get().getBitFingerprint(molecule.container());
        } catch (CDKException | RuntimeException e) {
            throw new InvalidMoleculeException("MACCS keys failed: " + e.getMessage(), e);
        }
        float[] features = new float[LENGTH];
        for (int bit : fp.getSetbits()) {
            features[bit + 1] = 1f;
        }
        return features;
    }

    @Override
    public String toString() {
        return "MaccsFeaturizer";
    }
}
