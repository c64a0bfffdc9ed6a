package io.chemdl4j.spark;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;

/**
 * The saved models of one JVM (an executor), each unpacked from its {@link ModelArchive} and loaded once, when its
 * first task needs it, and shared by every task after (a model predicts from several threads:
 * {@link SavedModel.Inputs}). Thread-safe.
 */
final class ExecutorModels {
    /** The most bytes a model archive may unpack to. */
    private static final long MAX_MODEL_BYTES = 8L << 30;
    private static final ConcurrentHashMap<Long, SavedModel> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The model broadcast as {@code archive}, unpacked and loaded on first use. */
    static SavedModel get(org.apache.spark.broadcast.Broadcast<byte[]> archive) {
        return LOADED.computeIfAbsent(archive.id(), id -> {
            try {
                return ModelIO.load(ModelArchive.unpack(archive.value(), MAX_MODEL_BYTES));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot load the broadcast model: " + e.getMessage(), e);
            }
        });
    }
}
