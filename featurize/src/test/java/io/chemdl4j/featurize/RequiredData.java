package io.chemdl4j.featurize;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reference data that a test needs (the shared datasets, the RDKit, DeepChem and chemprop oracles): a test
 * whose data are absent fails, saying what is missing, on every machine and in CI. It never skips, so a
 * compatibility claim is never left unchecked by accident; developers and CI have {@code ../shared} beside
 * the checkout.
 */
public final class RequiredData {
    private RequiredData() {
    }

    /** Fails the calling test unless {@code present}; {@code what} says what is missing. */
    public static void require(boolean present, String what) {
        if (!present) {
            fail(what + "; put ../shared beside the checkout (or set CHEMDL_DATA_DIR / CHEMDL_ORACLE_DIR)");
        }
    }
}
