package io.chemdl4j.models.explain;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeFeaturizer;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.AtomAttribution;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.Transformer;
import io.chemdl4j.models.predict.SavedModel;

/**
 * Atom contributions of a graph model by gradient × input ({@link AtomAttribution}: the D-MPNN and the graph convolution): for regressors in
 * the task's original units (the gradient of the transformed output times the label transformers' slope there), for
 * classifiers as shares of the log-odds of class 1. Thread-safe.
 */
public final class GradientExplainer implements Explainer {
    /** Molecules attributed together. */
    private static final int BATCH = 64;

    private final SavedModel model;
    private final AtomAttribution attribution;
    private final SavedModel.Inputs<MolecularGraph> inputs;
    private final MoleculeFeaturizer<MolecularGraph> featurizer;

    /**
     * An explainer of {@code model}.
     *
     * @throws IllegalArgumentException if the model does not compute gradient × input, or is multiclass
     */
    @SuppressWarnings("unchecked")
    public GradientExplainer(SavedModel model) {
        if (!(model.model() instanceof AtomAttribution a)) {
            throw new IllegalArgumentException("a " + model.kind().name() + " model does not compute gradient × input");
        }
        if (model.model().classes() > 0) {
            throw new IllegalArgumentException("atom contributions of multiclass models are not supported");
        }
        this.model = model;
        this.attribution = a;
        this.inputs = (SavedModel.Inputs<MolecularGraph>) model.inputs(); // a graph model reads graphs
        this.featurizer = inputs.featurizer();
    }

    @Override
    public List<AtomContributions> explain(List<String> smiles, String task) {
        return Explainer.inBatches(model, smiles, task, BATCH, this::explainBatch);
    }

    private List<AtomContributions> explainBatch(List<String> smiles, String task, int t) {
        List<MolecularGraph> graphs = new ArrayList<>();
        List<String[]> symbols = new ArrayList<>();
        for (String s : smiles) {
            String[] atoms = null;
            MolecularGraph graph = null;
            try {
                var molecule = MoleculeParser.parseSmiles(s);
                graph = featurizer.featurize(s);
                if (graph.atomCount() == molecule.getAtomCount()) {
                    atoms = new String[molecule.getAtomCount()];
                    for (int a = 0; a < atoms.length; a++) {
                        atoms[a] = molecule.getAtom(a).getSymbol();
                    }
                }
            } catch (InvalidMoleculeException e) {
                atoms = null;
            }
            symbols.add(atoms);
            if (atoms != null) {
                graphs.add(graph);
            }
        }
        AtomAttribution.Attributions a = graphs.isEmpty() ? null : attribution.atomContributions(graphs, t);
        double[][] predicted = graphs.isEmpty() ? new double[0][] : inputs.predict(graphs);
        List<AtomContributions> out = new ArrayList<>();
        for (int i = 0, k = 0; i < smiles.size(); i++) {
            if (symbols.get(i) == null) {
                out.add(null);
                continue;
            }
            double slope = slope(a.outputs()[k], t);
            double[] atoms = a.atoms()[k].clone();
            for (int j = 0; j < atoms.length; j++) {
                atoms[j] *= slope;
            }
            out.add(new AtomContributions(smiles.get(i), task, predicted[k][t], atoms, symbols.get(i)));
            k++;
        }
        return out;
    }

    /**
     * The slope of the label transformers' inverse at raw output {@code z} of task {@code t} (1 for classifiers,
     * whose contributions stay in log-odds): a regressor's gradient in original units.
     */
    private double slope(double z, int t) {
        if (model.model().taskType() != TaskType.REGRESSION) {
            return 1;
        }
        int tasks = model.model().tasks().size();
        double delta = 1e-3;
        double[][] rows = new double[2][tasks];
        rows[0][t] = z + delta;
        rows[1][t] = z - delta;
        double[][] original = Transformer.untransformAll(rows, model.transformers());
        return (original[0][t] - original[1][t]) / (2 * delta);
    }
}
