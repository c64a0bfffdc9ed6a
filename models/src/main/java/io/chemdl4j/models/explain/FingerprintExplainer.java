package io.chemdl4j.models.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openscience.cdk.interfaces.IAtomContainer;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.input.FeatureRowInput;
import io.chemdl4j.models.predict.SavedModel;

/**
 * Atom contributions of a model that reads circular fingerprints (ECFP or FCFP rows: the multitask network, the
 * random forest), by occlusion: for every bit a molecule sets, the prediction with that bit cleared is subtracted
 * from the prediction, and that difference is shared among the environments folded into the bit and, within each,
 * equally among its atoms (Riniker and Landrum 2013, "similarity maps", with bits in place of atom removal). The
 * contributions of a molecule add up to the sum of its bits' effects. Thread-safe.
 */
public final class FingerprintExplainer implements Explainer {
    private static final Set<String> CIRCULAR = Set.of(EcfpFeaturizer.ECFP, EcfpFeaturizer.FCFP);
    /** Molecules whose occluded rows are predicted together. */
    private static final int BATCH = 64;

    private final SavedModel model;
    private final EcfpFeaturizer fingerprint;
    private final SavedModel.Inputs<float[]> inputs;

    /**
     * An explainer of {@code model}.
     *
     * @throws IllegalArgumentException if the model does not read ECFP or FCFP rows
     */
    public FingerprintExplainer(SavedModel model) {
        if (model.kind().input() != FeatureRowInput.INSTANCE || model.featurizer() == null
                || !CIRCULAR.contains(model.featurizer().name())) {
            throw new IllegalArgumentException("atom contributions need a model on ECFP or FCFP fingerprints; this "
                    + model.kind().name() + " model reads " + (model.featurizer() == null ? "unknown features"
                    : model.featurizer().name()));
        }
        if (model.model().classes() > 0) {
            throw new IllegalArgumentException("atom contributions of multiclass models are not supported");
        }
        this.model = model;
        this.fingerprint = EcfpFeaturizer.fromSpec(model.featurizer());
        this.inputs = FeatureRowInput.INSTANCE.rows(model); // the rows it perturbs
    }

    @Override
    public List<AtomContributions> explain(List<String> smiles, String task) {
        return Explainer.inBatches(model, smiles, task, BATCH, this::explainBatch);
    }

    private List<AtomContributions> explainBatch(List<String> smiles, String task, int t) {
        List<Occlusion> occlusions = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (String s : smiles) {
            Occlusion o = Occlusion.of(fingerprint, s);
            occlusions.add(o);
            if (o != null) {
                rows.add(o.features);
                for (int bit : o.bits) {
                    float[] cleared = o.features.clone();
                    cleared[bit] = 0;
                    rows.add(cleared);
                }
            }
        }
        double[][] predicted = rows.isEmpty() ? new double[0][] : inputs.predict(rows);
        List<AtomContributions> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < smiles.size(); i++) {
            Occlusion o = occlusions.get(i);
            if (o == null) {
                out.add(null);
                continue;
            }
            double base = predicted[k++][t];
            double[] atoms = new double[o.symbols.length];
            for (int bit : o.bits) {
                double effect = base - predicted[k++][t];
                List<int[]> sharing = o.environmentsByBit.get(bit);
                for (int[] environment : sharing) {
                    for (int a : environment) {
                        atoms[a] += effect / sharing.size() / environment.length;
                    }
                }
            }
            out.add(new AtomContributions(smiles.get(i), task, base, atoms, o.symbols));
        }
        return out;
    }

    /** A molecule's fingerprint, its set bits and the environments behind each. */
    private record Occlusion(float[] features, int[] bits, java.util.Map<Integer, List<int[]>> environmentsByBit,
                             String[] symbols) {
        static Occlusion of(EcfpFeaturizer fingerprint, String smiles) {
            try {
                IAtomContainer molecule = MoleculeParser.parseSmiles(smiles);
                float[] features = fingerprint.featurize(molecule);
                java.util.Map<Integer, List<int[]>> byBit = new java.util.TreeMap<>();
                for (EcfpFeaturizer.Environment e : fingerprint.environments(molecule)) {
                    byBit.computeIfAbsent(e.bit(), b -> new ArrayList<>()).add(e.atoms());
                }
                String[] symbols = new String[molecule.getAtomCount()];
                for (int a = 0; a < symbols.length; a++) {
                    symbols[a] = molecule.getAtom(a).getSymbol();
                }
                return new Occlusion(features, byBit.keySet().stream().mapToInt(Integer::intValue).toArray(), byBit,
                        symbols);
            } catch (InvalidMoleculeException e) {
                return null;
            }
        }
    }
}
