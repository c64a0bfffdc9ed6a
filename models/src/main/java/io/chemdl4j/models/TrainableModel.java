package io.chemdl4j.models;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * A model trained epoch by epoch whose learned state can be copied and put back: what
 * {@link io.chemdl4j.models.training.Training} needs for early stopping with the best weights and for checkpoints. The toolkit's
 * networks implement it, and so does a user's own DL4J network wrapped by {@link io.chemdl4j.models.multitask.MultitaskModel#wrap}.
 *
 * @param <D> the data the model reads
 */
public interface TrainableModel<D extends LabelledData<D>> extends PropertyModel<D> {
    /** Trains {@code epochs} more passes over {@code train}; returns the records of these epochs. */
    List<EpochRecord> fit(D train, int epochs);

    /**
     * The live arrays of everything that training changes and prediction reads (weights, biases,
     * batch-normalization statistics), by stable names. {@link io.chemdl4j.models.training.Training} copies them to remember the
     * best epoch and assigns the copies back to restore it.
     */
    Map<String, INDArray> state();
}
