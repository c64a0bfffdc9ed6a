package io.chemdl4j.models;

/**
 * The configuration of one {@link ModelKind}: its hyperparameters and seed. Implementations are
 * immutable records; {@link io.chemdl4j.models.io.ModelIO} saves them as JSON in the model's manifest.
 */
public interface ModelConfig {
    /** Seed of every random choice the model makes (initial weights, batch order, dropout, sampling). */
    long seed();

    /** This configuration with {@code seed}. */
    ModelConfig withSeed(long seed);

    /**
     * This configuration with the hyperparameters that {@code overrides} sets; those it leaves unset
     * keep their values.
     *
     * @throws IllegalArgumentException naming a hyperparameter this kind does not have, or a bad value
     */
    ModelConfig with(Hyperparameters overrides);
}
