package io.chemdl4j.models;

import java.util.ArrayList;
import java.util.List;

import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Models of one kind trained with different seeds, predicting together: the mean of the members'
 * predictions, and with {@link #predictWithUncertainty} their spread, a measure of how sure the
 * models are (Lakshminarayanan et al. 2017, "deep ensembles"). Saved as one model directory
 * ({@link io.chemdl4j.models.io.ModelIO#writeEnsemble}); where a model's uncertainty is asked for (
 * {@code predict --uncertainty}), an ensemble gives its members' mean and spread. Immutable; thread-safe if its
 * members are.
 *
 * @param <D> the data the members read
 */
public final class Ensemble<D extends LabelledData<D>> implements PropertyModel<D>, DropoutUncertainty<D> {
    private final List<PropertyModel<D>> members;

    /** An ensemble of {@code members}: at least one, all with the same tasks, task type and classes. */
    public Ensemble(List<? extends PropertyModel<D>> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        PropertyModel<D> first = members.get(0);
        for (PropertyModel<D> m : members) {
            if (!m.tasks().equals(first.tasks()) || m.taskType() != first.taskType() || m.classes() != first.classes()) {
                throw new IllegalArgumentException("ensemble members must share tasks and task type: "
                        + first.tasks() + " " + first.taskType() + " vs " + m.tasks() + " " + m.taskType());
            }
        }
        this.members = List.copyOf(members);
    }

    /** The members, in order. */
    public List<PropertyModel<D>> members() {
        return members;
    }

    @Override
    public List<String> tasks() {
        return members.get(0).tasks();
    }

    @Override
    public TaskType taskType() {
        return members.get(0).taskType();
    }

    @Override
    public int classes() {
        return members.get(0).classes();
    }

    /** The mean of the members' predictions. */
    @Override
    public double[][] predict(D data) {
        List<double[][]> all = new ArrayList<>();
        for (PropertyModel<D> m : members) {
            all.add(m.predict(data));
        }
        return Uncertainty.of(all).mean();
    }

    /** Mean and spread of the members' predictions in original units ({@code transformers} undone). */
    public Uncertainty predictWithUncertainty(D data, List<Transformer> transformers) {
        List<double[][]> all = new ArrayList<>();
        for (PropertyModel<D> m : members) {
            all.add(m.predict(data, transformers));
        }
        return Uncertainty.of(all);
    }

    /**
     * The members' mean and spread ({@link #predictWithUncertainty}): an ensemble's uncertainty comes from its
     * members, not from dropout, so {@code samples} and {@code seed} do not change it.
     */
    @Override
    public Uncertainty predictWithDropout(D data, int samples, long seed, List<Transformer> transformers) {
        return predictWithUncertainty(data, transformers);
    }

    /** Always: the members' spread. */
    @Override
    public boolean givesUncertainty() {
        return true;
    }
}
