package io.chemdl4j.models.explain;

import java.util.Objects;

/**
 * How much each atom of one molecule moved one task's prediction: positive where the atom raises it, negative where
 * it lowers it, in the prediction's units (probability of class 1, or the task's value). Immutable.
 *
 * @param smiles     the molecule
 * @param task       the task explained
 * @param prediction the model's prediction
 * @param atoms      per atom, in the order of the molecule parsed from {@code smiles} (heavy atoms and any hydrogen
 *                   the SMILES writes as an atom)
 * @param symbols    each atom's element symbol
 */
public record AtomContributions(String smiles, String task, double prediction, double[] atoms, String[] symbols) {
    public AtomContributions {
        Objects.requireNonNull(smiles, "smiles");
        Objects.requireNonNull(task, "task");
        if (atoms.length != symbols.length) {
            throw new IllegalArgumentException("one symbol per atom");
        }
        atoms = atoms.clone();
        symbols = symbols.clone();
    }

    /** The largest absolute contribution (0 for a molecule no atom moves). */
    public double maxAbs() {
        double max = 0;
        for (double a : atoms) {
            max = Math.max(max, Math.abs(a));
        }
        return max;
    }

    @Override
    public double[] atoms() {
        return atoms.clone();
    }

    @Override
    public String[] symbols() {
        return symbols.clone();
    }
}
