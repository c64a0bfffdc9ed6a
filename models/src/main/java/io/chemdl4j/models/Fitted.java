package io.chemdl4j.models;

import java.util.List;

import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.moleculenet.LabelledData;

/**
 * A trained model with how its training went.
 *
 * @param model  the model
 * @param curve  per-epoch losses and scores, or {@code null} for a model not trained by epochs
 * @param epochs the epochs trained, empty for a model not trained by epochs
 * @param <D>    the data it reads
 */
public record Fitted<D extends LabelledData<D>>(PropertyModel<D> model, TrainingCurve curve, List<EpochRecord> epochs) {
    public Fitted {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    /** A model trained in one call, without epochs. */
    public static <D extends LabelledData<D>> Fitted<D> once(PropertyModel<D> model) {
        return new Fitted<>(model, null, List.of());
    }
}
