package io.chemdl4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.forest.RandomForestConfig;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.multitask.MultitaskConfig;

/** The registry: every kind it finds has a contract test, and unknown names are errors, never a fallback. */
class EveryKindHasAContractTest {
    @Test
    void everyRegisteredKindPassesTheContract() {
        assertTrue(ModelKinds.names().containsAll(List.of("multitask", "graphconv", "random_forest", "dmpnn")),
                ModelKinds.names().toString());
        for (ModelKind<?> kind : ModelKinds.all()) {
            String test = kind.getClass().getName() + "ContractTest";
            try {
                assertTrue(ModelKindContract.class.isAssignableFrom(Class.forName(test)),
                        test + " extends ModelKindContract");
            } catch (ClassNotFoundException e) {
                fail("model kind '" + kind.name() + "' has no contract test " + test);
            }
        }
    }

    @Test
    void kindsAreFoundByNameAliasAndSavedTypeAndUnknownNamesAreErrors() throws Exception {
        assertEquals("random_forest", ModelKinds.byName("Random-Forest").name());
        assertEquals("graphconv", ModelKinds.bySavedType("graphconv_regressor").name());
        assertEquals("dmpnn", ModelKinds.byName("chemprop").name());
        String message = assertThrows(IllegalArgumentException.class, () -> ModelKinds.byName("svm")).getMessage();
        assertTrue(message.contains("unknown model 'svm'") && message.contains("multitask, graphconv, random_forest"),
                message);
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelKinds.bySavedType("svm_classifier"))
                .getMessage().contains("svm_classifier"));
    }

    @Test
    void aConfigurationOfAnotherKindOrAHyperparameterAKindLacksIsRefusedByName() {
        ExperimentConfig forest = ExperimentConfig.defaults(io.chemdl4j.moleculenet.catalog.MolNetDataset.DELANEY, 0)
                .withModel("random_forest");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> forest.withModelConfig(MultitaskConfig.defaults()))
                .getMessage().contains("RandomForestConfig"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> forest.withHyperparameters(Hyperparameters.none().withDropout(0.2))).getMessage();
        assertTrue(message.contains("random_forest") && message.contains("dropout"), message);
        assertThrows(IllegalArgumentException.class, () -> Experiment.run(forest.withEpochs(5)));
    }
}
