package io.chemdl4j.featurize.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.qsar.DescriptorValue;
import org.openscience.cdk.qsar.IMolecularDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.ALOGPDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.APolDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.AcidicGroupCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.AromaticAtomsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.AromaticBondsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.AtomCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.BPolDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.BasicGroupCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.BondCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.CarbonTypesDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.EccentricConnectivityIndexDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.FMFDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.FractionalPSADescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.FragmentComplexityDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondAcceptorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HBondDonorCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.HybridizationRatioDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.KappaShapeIndicesDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.KierHallSmartsDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.LargestChainDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.LargestPiSystemDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.LongestAliphaticChainDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.MDEDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.MannholdLogPDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.PetitjeanNumberDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.RotatableBondsCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.RuleOfFiveDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.SmallRingDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.SpiroAtomCountDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.TPSADescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.VABCDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.VAdjMaDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.WeightDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.WienerNumbersDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.XLogPDescriptor;
import org.openscience.cdk.qsar.descriptors.molecular.ZagrebIndexDescriptor;
import org.openscience.cdk.qsar.result.BooleanResult;
import org.openscience.cdk.qsar.result.DoubleArrayResult;
import org.openscience.cdk.qsar.result.DoubleResult;
import org.openscience.cdk.qsar.result.IDescriptorResult;
import org.openscience.cdk.qsar.result.IntegerArrayResult;
import org.openscience.cdk.qsar.result.IntegerResult;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.VectorFeaturizer;

/**
 * CDK's own 2D molecular descriptors (the {@code cdk-qsarmolecular} set that needs no 3D
 * coordinates), under CDK's names prefixed {@code cdk.}, for users who want CDK's definitions.
 * These are not RDKit's numbers; {@link DescriptorFeaturizer} is the RDKit-compatible set.
 * A descriptor CDK cannot compute for a molecule gives NaN.
 *
 * <p>Spec version 2 (this one) computes every column it names. Version 1, the spec of models saved before it
 * (no {@code version} parameter), left the 27 columns of CDK's array-valued descriptors (ALogP, ALogp2, AMR,
 * Kier1-3, the 19 MDE indices, WPATH, WPOL) NaN for every molecule, a mistake in reading CDK's results that is kept
 * for those models so that they predict as they did.
 *
 * <p>Thread-safe: CDK descriptor objects keep state, so each thread has its own set. The caller's
 * molecule is not modified.
 */
public final class CdkDescriptorFeaturizer implements VectorFeaturizer {
    public static final String NAME = "cdk-descriptors";

    private static final Aromaticity AROMATICITY = new Aromaticity(ElectronDonation.cdk(), Cycles.cdkAromaticSet());
    private static final ThreadLocal<List<IMolecularDescriptor>> DESCRIPTORS =
            ThreadLocal.withInitial(CdkDescriptorFeaturizer::instantiate);
    private static final List<String> FEATURE_NAMES = featureNamesOf(instantiate());

    private static List<IMolecularDescriptor> instantiate() {
        try {
            return instantiateOrThrow();
        } catch (org.openscience.cdk.exception.CDKException e) {
            throw new IllegalStateException("CDK descriptors cannot be created: " + e.getMessage(), e);
        }
    }

    private static List<IMolecularDescriptor> instantiateOrThrow() throws org.openscience.cdk.exception.CDKException {
        List<IMolecularDescriptor> list = List.of(new ALOGPDescriptor(), new APolDescriptor(),
                new AcidicGroupCountDescriptor(), new AromaticAtomsCountDescriptor(),
                new AromaticBondsCountDescriptor(), new AtomCountDescriptor(), new BPolDescriptor(),
                new BasicGroupCountDescriptor(), new BondCountDescriptor(), new CarbonTypesDescriptor(),
                new EccentricConnectivityIndexDescriptor(), new FMFDescriptor(), new FractionalPSADescriptor(),
                new FragmentComplexityDescriptor(), new HBondAcceptorCountDescriptor(),
                new HBondDonorCountDescriptor(), new HybridizationRatioDescriptor(),
                new KappaShapeIndicesDescriptor(), new KierHallSmartsDescriptor(), new LargestChainDescriptor(),
                new LargestPiSystemDescriptor(), new LongestAliphaticChainDescriptor(), new MDEDescriptor(),
                new MannholdLogPDescriptor(), new PetitjeanNumberDescriptor(),
                new RotatableBondsCountDescriptor(), new RuleOfFiveDescriptor(), new SmallRingDescriptor(),
                new SpiroAtomCountDescriptor(), new TPSADescriptor(), new VABCDescriptor(), new VAdjMaDescriptor(),
                new WeightDescriptor(), new WienerNumbersDescriptor(), new XLogPDescriptor(),
                new ZagrebIndexDescriptor());
        for (IMolecularDescriptor d : list) {
            d.initialise(SilentChemObjectBuilder.getInstance());
        }
        return list;
    }

    private static List<String> featureNamesOf(List<IMolecularDescriptor> descriptors) {
        List<String> names = new ArrayList<>();
        for (IMolecularDescriptor d : descriptors) {
            for (String n : d.getDescriptorNames()) {
                names.add("cdk." + n);
            }
        }
        return List.copyOf(names);
    }

    /** The spec version this class writes; 1 is read for models saved before it. */
    public static final String SPEC_VERSION = "2";

    /** Whether the array-valued descriptors are left NaN, as spec version 1 did. */
    private final boolean version1;

    /** The current version: every column computed. */
    public CdkDescriptorFeaturizer() {
        this(false);
    }

    private CdkDescriptorFeaturizer(boolean version1) {
        this.version1 = version1;
    }

    /**
     * The featurizer a spec names: a saved one's version (a spec with the {@code cdk} parameter but no
     * {@code version} was saved as version 1), or the current version for a spec that names only the
     * featurizer (as the command line asks for it).
     */
    /** The featurizer that {@code spec} (its {@link #spec()}) describes; {@link io.chemdl4j.featurize.Featurizers#create} calls it. */
    public static CdkDescriptorFeaturizer fromSpec(FeaturizerSpec spec) {
        String version = spec.parameters().getOrDefault("version",
                spec.parameters().containsKey("cdk") ? "1" : SPEC_VERSION);
        if (!version.equals("1") && !version.equals(SPEC_VERSION)) {
            throw new IllegalArgumentException("cdk-descriptors spec version '" + version + "' is not 1 or "
                    + SPEC_VERSION + "; a newer ChemDL4J wrote it");
        }
        return new CdkDescriptorFeaturizer(version.equals("1"));
    }

    @Override
    public int length() {
        return FEATURE_NAMES.size();
    }

    @Override
    public List<String> featureNames() {
        return FEATURE_NAMES;
    }

    @Override
    public FeaturizerSpec spec() {
        return version1 ? new FeaturizerSpec(NAME, Map.of("cdk", "2.12"))
                : new FeaturizerSpec(NAME, Map.of("cdk", "2.12", "version", SPEC_VERSION));
    }

    @Override
    public float[] featurize(IAtomContainer molecule) throws InvalidMoleculeException {
        if (molecule == null) {
            throw new InvalidMoleculeException("no molecule");
        }
        try {
            return featurizeOwned(molecule.clone());
        } catch (CloneNotSupportedException e) {
            throw new InvalidMoleculeException("molecule cannot be copied", e);
        }
    }

    @Override
    public float[] featurizeOwned(IAtomContainer molecule) throws InvalidMoleculeException {
        if (molecule == null) {
            throw new InvalidMoleculeException("no molecule");
        }
        try {
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(molecule);
            AROMATICITY.apply(molecule);
        } catch (Exception e) {
            throw new InvalidMoleculeException("CDK atom typing failed: " + e.getMessage(), e);
        }
        float[] out = new float[FEATURE_NAMES.size()];
        int i = 0;
        for (IMolecularDescriptor d : DESCRIPTORS.get()) {
            int width = d.getDescriptorNames().length;
            DescriptorValue value;
            try {
                value = d.calculate(molecule);
            } catch (RuntimeException e) {
                value = null;
            }
            double[] numbers = value == null || value.getException() != null ? null : numbers(value.getValue(), version1);
            for (int k = 0; k < width; k++) {
                out[i + k] = numbers != null && k < numbers.length ? (float) numbers[k] : Float.NaN;
            }
            i += width;
        }
        return out;
    }

    private static double[] numbers(IDescriptorResult result, boolean version1) {
        if (result instanceof DoubleResult r) {
            return new double[] {r.doubleValue()};
        }
        if (result instanceof IntegerResult r) {
            return new double[] {r.intValue()};
        }
        if (result instanceof BooleanResult r) {
            return new double[] {r.booleanValue() ? 1 : 0};
        }
        // A DoubleArrayResult is also a DoubleArrayResultType in CDK 2.12; version 1 took it for the type alone.
        if (result instanceof DoubleArrayResult r && !version1) {
            double[] v = new double[r.length()];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.get(k);
            }
            return v;
        }
        if (result instanceof IntegerArrayResult r) {
            double[] v = new double[r.length()];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.get(k);
            }
            return v;
        }
        return null;
    }

    @Override
    public String toString() {
        return "CdkDescriptorFeaturizer[" + FEATURE_NAMES.size() + "]";
    }
}
