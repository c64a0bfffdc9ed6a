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
     * {@code batch} applied to consecutive runs of at most {@code size} of {@code smiles} with task {@code task}'s
     * column in {@code model}, the results concatenated: how the explainers bound what they hold at once.
     *
     * @throws IllegalArgumentException if the model has no such task
     */
    static List<AtomContributions> inBatches(SavedModel model, List<String> smiles, String task, int size,
                                             Batch batch) {
        int t = model.model().tasks().indexOf(task);
        if (t < 0) {
            throw new IllegalArgumentException("the model has no task '" + task + "'; its tasks are "
                    + model.model().tasks());
        }
        List<AtomContributions> out = new java.util.ArrayList<>(smiles.size());
        for (int from = 0; from < smiles.size(); from += size) {
            out.addAll(batch.explain(smiles.subList(from, Math.min(smiles.size(), from + size)), task, t));
        }
        return out;
    }

    /** Explains one run of molecules. */
    @FunctionalInterface
    interface Batch {
        /** Contributions to task {@code task} (column {@code column}) of each of {@code smiles}. */
        List<AtomContributions> explain(List<String> smiles, String task, int column);
    }

    /**
     * The explainer of {@code model}: bit occlusion for a model on ECFP or FCFP rows ({@link FingerprintExplainer}),
     * gradient × input for a graph model that computes it ({@link GradientExplainer}: dmpnn, graphconv).
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
        if (model.model() instanceof io.chemdl4j.models.Ensemble<?>) {
            throw new IllegalArgumentException("an ensemble of " + model.kind().name() + " models is not explained "
                    + "atom by atom; explain one of its members (its member-N directories are models of their own)");
        }
        throw new IllegalArgumentException("atom contributions need a model on ECFP or FCFP fingerprints (multitask, "
                + "random_forest) or a graph model (dmpnn, graphconv); this " + model.kind().name() + " model reads "
                + (model.featurizer() == null ? "unknown features" : model.featurizer().name()));
    }
}
