package io.chemdl4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.moleculenet.transform.Transformer;

/** A trained model that writes itself as a model directory ({@link io.chemdl4j.models.io.ModelIO#write}). */
public interface SavableModel {
    /**
     * Saves this model to {@code directory} (replaced atomically) with what predicting from SMILES needs:
     * the featurizer that made its inputs and the transformers to undo on its outputs.
     */
    void save(Path directory, FeaturizerSpec featurizer, List<Transformer> transformers) throws IOException;
}
