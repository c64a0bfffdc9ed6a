package io.chemdl4j.moleculenet.split;

/**
 * Fractions of a dataset that go to train, validation and test; they must sum to 1.
 */
public record SplitFractions(double train, double valid, double test) {
    public SplitFractions {
        if (train < 0 || valid < 0 || test < 0 || Math.abs(train + valid + test - 1.0) > 1e-6) {
            throw new IllegalArgumentException("split fractions must be non-negative and sum to 1, got "
                    + train + "/" + valid + "/" + test);
        }
    }

    /** 80/10/10, DeepChem's default. */
    public static SplitFractions defaults() {
        return new SplitFractions(0.8, 0.1, 0.1);
    }

    /** Size of the train part of {@code n} molecules (DeepChem's {@code int(frac_train * n)}). */
    int trainCutoff(int n) {
        return (int) (train * n);
    }

    /** End of the validation part (DeepChem's {@code int((frac_train + frac_valid) * n)}). */
    int validCutoff(int n) {
        return (int) ((train + valid) * n);
    }
}
