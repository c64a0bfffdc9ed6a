package io.chemdl4j.featurize;

import org.junit.jupiter.api.Nested;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;

/** ECFP and FCFP variants under the shared featurizer contract. */
class EcfpContractTest {

    @Nested
    class DefaultEcfp4 extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new EcfpFeaturizer();
        }
    }

    @Nested
    class ChiralCountsEcfp6 extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withRadius(3).withLength(2048)
                    .withCounts(true).withChirality(true));
        }
    }

    @Nested
    class Fcfp4 extends VectorFeaturizerContract {
        @Override
        protected VectorFeaturizer featurizer() {
            return new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withInvariants(EcfpFeaturizer.Invariants.FCFP));
        }
    }
}
