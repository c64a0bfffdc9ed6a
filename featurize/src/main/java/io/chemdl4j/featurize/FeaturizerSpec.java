package io.chemdl4j.featurize;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A featurizer's name and parameters as plain strings: what a saved model or a cache key records so
 * that new molecules are featurized exactly as the training data was. {@link Featurizers#create}
 * turns a spec back into a featurizer.
 *
 * @param name       registry name, e.g. {@code "ecfp"}
 * @param parameters parameter values by name (sorted, immutable)
 */
public record FeaturizerSpec(String name, Map<String, String> parameters) {
    public FeaturizerSpec {
        Objects.requireNonNull(name, "name");
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** The parameter's value, or an error naming the missing parameter. */
    public String require(String key) {
        String value = parameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException("featurizer '" + name + "' spec lacks parameter '" + key + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return name + parameters;
    }
}
