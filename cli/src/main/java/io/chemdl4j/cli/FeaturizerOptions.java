package io.chemdl4j.cli;

import java.util.List;
import java.util.Map;

import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.io.FeaturizeJob;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.input.FeatureRowInput;
import picocli.CommandLine.Option;

/** How the training verbs featurize molecules: {@code --featurizer} and the fingerprint options (a picocli mixin). */
final class FeaturizerOptions {
    /** The featurizers that take the fingerprint options. */
    private static final List<String> FINGERPRINTS = List.of("ecfp", "fcfp", "morgan");

    @Option(names = "--featurizer", description = "How molecules become the model's input: ecfp, fcfp, morgan, maccs, "
            + "descriptors or cdk-descriptors for fingerprint models (multitask, random_forest), graph for graphconv, "
            + "chemprop-graph for dmpnn (default: the model's own: ECFP4 counts folded to 1024, or its graphs).")
    String name;

    @Option(names = "--radius", description = "Fingerprint radius of ecfp, fcfp and morgan, 0-3 (default 2, ECFP4).")
    Integer radius;

    @Option(names = "--size", description = "Fingerprint length of ecfp, fcfp and morgan (default 1024).")
    Integer size;

    @Option(names = "--counts", negatable = true, description = "Count fingerprints (default); --no-counts for 0/1 "
            + "bits as DeepChem's CircularFingerprint.")
    Boolean counts;

    @Option(names = "--chirality", negatable = true, description = "Stereochemistry in fingerprints (default off).")
    Boolean chirality;

    @Option(names = "--extra-features", description = "Molecule features carried with chemprop's graphs (dmpnn) and "
            + "concatenated before its head, scaled on the training split: descriptors (the RDKit-named descriptors), "
            + "as chemprop's rdkit_2d_normalized (default: none).")
    String extraFeatures;

    /**
     * The featurizer these options name for {@code kind}, or {@code null} for the kind's default when
     * none is given. Unset fingerprint options keep the toolkit's default fingerprint's values.
     *
     * @throws IllegalArgumentException for a fingerprint option with a featurizer that has none
     */
    FeaturizerSpec spec(ModelKind<?> kind) {
        boolean fingerprintOption = radius != null || size != null || counts != null || chirality != null;
        if (name == null && !fingerprintOption && extraFeatures == null) {
            return null;
        }
        String featurizer = name != null ? name : kind.input().defaultFeaturizer().name();
        if (extraFeatures != null) {
            if (!featurizer.equals(ChempropGraphFeaturizer.NAME)) {
                throw new IllegalArgumentException("--extra-features applies to " + ChempropGraphFeaturizer.NAME
                        + " (the dmpnn model's graphs), not to " + featurizer);
            }
            return new ChempropGraphFeaturizer(ChempropGraphFeaturizer.ExtraFeatures.of(extraFeatures)).spec();
        }
        if (!FINGERPRINTS.contains(featurizer)) {
            if (fingerprintOption) {
                throw new IllegalArgumentException("--radius, --size, --counts and --chirality apply to "
                        + String.join(", ", FINGERPRINTS) + ", not to " + featurizer);
            }
            return FeaturizeJob.spec(featurizer, 0, 0, false, false);
        }
        Map<String, String> defaults = FeatureRowInput.INSTANCE.defaultFeaturizer().parameters();
        return FeaturizeJob.spec(featurizer,
                radius != null ? radius : Integer.parseInt(defaults.get("radius")),
                size != null ? size : Integer.parseInt(defaults.get("length")),
                counts != null ? counts : Boolean.parseBoolean(defaults.get("counts")),
                chirality != null ? chirality : Boolean.parseBoolean(defaults.get("chirality")));
    }
}
