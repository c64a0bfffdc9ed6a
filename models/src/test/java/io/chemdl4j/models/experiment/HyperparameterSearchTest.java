package io.chemdl4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.models.ModelKinds;
import io.chemdl4j.models.graphconv.GraphConvConfig;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.ColumnSpec;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.split.SplitterType;

class HyperparameterSearchTest {
    private static final String LABEL = "measured log solubility in mols per litre";

    @TempDir
    Path dir;

    private static final HyperparameterSpace SPACE = new HyperparameterSpace(List.of(List.of(64), List.of(256)),
            List.of(), List.of(1e-3, 3e-3), List.of(), List.of(), List.of(12));

    /**
     * Delaney with an index split (the test split is the file's last rows), once as it is and once with
     * the labels of its last 100 rows replaced by nonsense: the trials and their ranking must not change.
     */
    @Test
    void aPoisonedTestSplitChangesNothingButTheBestModelsTestScore() throws IOException {
        Path delaney = DataFiles.findLocal(MolNetDataset.DELANEY.fileName(), null);
        assertNotNull(delaney, "set CHEMDL_DATA_DIR to the shared data directory");
        List<String> lines = Files.readAllLines(delaney);
        int labelColumn = List.of(lines.get(0).split(",")).indexOf(LABEL);
        List<String> poisoned = new ArrayList<>(lines);
        for (int i = lines.size() - 100; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[labelColumn] = String.valueOf(25 + i % 7);
            poisoned.set(i, String.join(",", cells));
        }
        Path clean = Files.write(dir.resolve("clean.csv"), lines);
        Path dirty = Files.write(dir.resolve("poisoned.csv"), poisoned);

        HyperparameterSearch.Result a = HyperparameterSearch.run(config(clean), SPACE,
                HyperparameterSearch.Strategy.GRID, 10, null);
        HyperparameterSearch.Result b = HyperparameterSearch.run(config(dirty), SPACE,
                HyperparameterSearch.Strategy.GRID, 10, null);

        assertEquals(4, a.ranked().size());
        assertEquals(Metric.RMSE, a.metric());
        for (int i = 0; i < 4; i++) {
            assertEquals(a.ranked().get(i).point(), b.ranked().get(i).point(), "rank " + i);
            assertEquals(a.ranked().get(i).validScore(), b.ranked().get(i).validScore(), 0.0, "rank " + i);
        }
        for (int i = 1; i < 4; i++) {
            assertTrue(a.ranked().get(i).validScore() >= a.ranked().get(i - 1).validScore(), "ranked by RMSE, lowest first");
        }
        assertEquals(a.bestScores().get("valid"), a.bestTrial().validScore(), 0.0);
        double cleanTest = a.bestScores().get("test");
        double dirtyTest = b.bestScores().get("test");
        assertTrue(cleanTest < 2, "clean test RMSE " + cleanTest);
        assertTrue(dirtyTest > 10, "the poison sits in the test split: test RMSE " + dirtyTest);
    }

    private static ExperimentConfig config(Path file) {
        DataSource source = new DataSource.File(file, new ColumnSpec("smiles", List.of(LABEL), null),
                TaskType.REGRESSION);
        return ExperimentConfig.defaults(source, 0).withSplitter(SplitterType.INDEX);
    }

    @Test
    void gridAndRandomStrategies() {
        HyperparameterSpace space = HyperparameterSpace.defaults(ModelKinds.byName("multitask"));
        List<HyperparameterSpace.Point> grid = space.grid();
        assertEquals(24, grid.size());
        assertEquals(24, new HashSet<>(grid).size());
        List<HyperparameterSpace.Point> sample = space.sample(5, 7);
        assertEquals(5, new HashSet<>(sample).size());
        assertTrue(grid.containsAll(sample));
        assertEquals(sample, space.sample(5, 7), "seeded");
        assertNotEquals(sample, space.sample(5, 8));
        assertEquals(24, space.sample(100, 1).size());
        assertThrows(IllegalArgumentException.class, () -> HyperparameterSearch.run(
                ExperimentConfig.defaults(MolNetDataset.DELANEY, 0).withModel("random_forest"), space,
                HyperparameterSearch.Strategy.GRID, 3, null));
    }

    @Test
    void pointsApplyToTheModelKindsOwnConfiguration() {
        HyperparameterSpace.Point p = new HyperparameterSpace.Point(List.of(32, 16), 0.1, 0.02, 1e-4, 50, 7);
        ExperimentConfig multitask = HyperparameterSearch.apply(ExperimentConfig.defaults(MolNetDataset.TOX21, 3), p);
        MultitaskConfig m = (MultitaskConfig) multitask.modelConfig();
        assertEquals(List.of(32, 16), m.layerSizes());
        assertEquals(0.02, m.learningRate());
        assertEquals(50, m.batchSize());
        assertEquals(7, multitask.epochs().getAsInt());
        assertEquals(3, m.seed());
        ExperimentConfig graph = HyperparameterSearch.apply(ExperimentConfig.defaults(MolNetDataset.TOX21, 3)
                .withModel("graphconv"), p);
        GraphConvConfig g = (GraphConvConfig) graph.modelConfig();
        assertEquals(List.of(32, 16), g.convLayers());
        assertEquals(0.1, g.dropout());
        assertEquals(1e-4, g.weightDecay());
        assertEquals(3, g.seed());
        HyperparameterSpace.Point partial = new HyperparameterSpace.Point(null, null, 0.5, null, null, null);
        assertEquals(0.5, ((MultitaskConfig) HyperparameterSearch.apply(ExperimentConfig.defaults(MolNetDataset.TOX21, 0),
                partial).modelConfig()).learningRate());
        assertEquals("lr=0.5", partial.toString());
    }
}
