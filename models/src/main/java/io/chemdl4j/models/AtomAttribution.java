package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.featurize.graph.MolecularGraph;

/**
 * A graph model that attributes its predictions to atoms by gradient × input (Shrikumar et al. 2017): the sum over
 * an atom's input features of feature × the gradient of a task's raw output, plus the same over the features of the
 * bonds that leave it.
 */
public interface AtomAttribution {
    /**
     * The raw outputs of task {@code task} and their attributions, per molecule.
     *
     * @param outputs per molecule, the raw output: the value or mean in the training labels' (transformed) units, or
     *                the log-odds of class 1
     * @param atoms   per molecule, per atom, its share of that output
     */
    record Attributions(double[] outputs, double[][] atoms) {
    }

    /**
     * Gradient × input of task {@code task}'s raw output for each of {@code graphs}.
     *
     * @throws IllegalArgumentException for a task outside the model's, or a multiclass model
     */
    Attributions atomContributions(List<MolecularGraph> graphs, int task);

    /**
     * Refuses a {@code task} outside a model's {@code tasks}, or a multiclass model ({@code classes} above 0): what
     * every implementation checks first.
     */
    static void checkRequest(int task, int tasks, int classes) {
        if (task < 0 || task >= tasks) {
            throw new IllegalArgumentException("task " + task + " outside 0.." + (tasks - 1));
        }
        if (classes > 0) {
            throw new IllegalArgumentException("atom contributions of multiclass models are not supported");
        }
    }
}
