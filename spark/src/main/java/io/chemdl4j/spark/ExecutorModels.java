package io.chemdl4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;

/**
 * The saved models of one JVM (an executor), each loaded once, when its first task needs it, and shared by every
 * task after (a model predicts from several threads: {@link SavedModel.Inputs}). Thread-safe.
 */
final class ExecutorModels {
    private static final ConcurrentHashMap<String, SavedModel> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The model saved in {@code directory}, loaded on first use. */
    static SavedModel get(String directory) {
        return LOADED.computeIfAbsent(directory, d -> {
            try {
                return ModelIO.load(Path.of(d));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(d + ": cannot load the model: " + e.getMessage(), e);
            }
        });
    }
}
