package io.chemdl4j.models.explain;

import java.util.List;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.AtomAttribution;
import io.chemdl4j.models.input.FeatureRowInput;
import io.chemdl4j.models.predict.SavedModel;

/** Attributes a saved model's predictions to the atoms of each molecule. Implementations are thread-safe. */
public interface Explainer {
    /**
     * The contributions to task {@code task}'s prediction of each of {@code smiles}, in order; {@code null} for a
     * molecule that cannot be read.
     *
     * @throws IllegalArgumentException if the model has no such task
     */
    List<AtomContributions> explain(List<String> smiles, String task);

    /**
     * The explainer of {@code model}: bit occlusion for a model on ECFP or FCFP rows ({@link FingerprintExplainer}),
     * gradient × input for a graph model that computes it ({@link GradientExplainer}: dmpnn).
     *
     * @throws IllegalArgumentException for a model neither explains, naming what it reads
     */
    static Explainer of(SavedModel model) {
        if (model.kind().input() == FeatureRowInput.INSTANCE && model.featurizer() != null
                && List.of(EcfpFeaturizer.ECFP, EcfpFeaturizer.FCFP).contains(model.featurizer().name())) {
            return new FingerprintExplainer(model);
        }
        if (model.model() instanceof AtomAttribution) {
            return new GradientExplainer(model);
        }
        throw new IllegalArgumentException("atom contributions need a model on ECFP or FCFP fingerprints (multitask, "
                + "random_forest) or a dmpnn model; this " + model.kind().name() + " model reads "
                + (model.featurizer() == null ? "unknown features" : model.featurizer().name()));
    }
}
