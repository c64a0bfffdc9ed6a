package io.chemdl4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.DataSource;

/** What an experiment chooses by default, and that a file source is the same experiment as its catalog entry. */
class ExperimentTest {

    @Test
    void defaultEpochsGiveAtLeastTenEpochsAndFiveHundredSteps() {
        assertEquals(10, Experiment.defaultEpochs(6411, 100), "Tox21's training split: 65 steps per epoch");
        assertEquals(50, Experiment.defaultEpochs(902, 100), "Delaney's: 10 steps per epoch");
        assertEquals(84, Experiment.defaultEpochs(513, 100), "FreeSolv's: 6 steps per epoch");
        assertEquals(500, Experiment.defaultEpochs(3, 100));
        assertEquals(10, Experiment.defaultEpochs(100_000, 100));
    }

    @Test
    void metricsPutTheDatasetsOwnMetricFirst() {
        assertEquals(List.of(Metric.ROC_AUC), Experiment.metricsFor(DataSource.of(MolNetDataset.TOX21)));
        assertEquals(List.of(Metric.PRC_AUC, Metric.ROC_AUC), Experiment.metricsFor(DataSource.of(MolNetDataset.MUV)));
        assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2),
                Experiment.metricsFor(DataSource.of(MolNetDataset.DELANEY)));
    }

    @Test
    void theDelaneyFileAsTheUsersOwnGivesTheCatalogEntrysScores() {
        Path file = DataFiles.findLocal(MolNetDataset.DELANEY.fileName(), null);
        assertNotNull(file, "set CHEMDL_DATA_DIR to the shared data directory");
        DataSource own = new DataSource.File(file, new ColumnSpec("smiles",
                List.of("measured log solubility in mols per litre"), null), TaskType.REGRESSION);
        ExperimentResult fromFile = Experiment.run(ExperimentConfig.defaults(own, 0).withEpochs(4));
        ExperimentResult fromCatalog = Experiment.run(ExperimentConfig.defaults(MolNetDataset.DELANEY, 0).withEpochs(4));
        assertEquals(fromCatalog.scores(), fromFile.scores());
        assertEquals(4, fromFile.epochs().size());
        assertEquals("delaney-processed", own.name());
    }
}
