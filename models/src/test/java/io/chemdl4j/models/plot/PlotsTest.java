package io.chemdl4j.models.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataSource;

class PlotsTest {
    private static final String TASK = "measured log solubility in mols per litre";

    private static SplitPredictions split(String name, double[] labels, double[] predictions) {
        double[][] l = new double[labels.length][1];
        double[][] p = new double[labels.length][1];
        double[][] w = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            l[i][0] = labels[i];
            p[i][0] = predictions[i];
            w[i][0] = 1;
        }
        return new SplitPredictions(name, List.of(TASK), l, p, w);
    }

    private static final SplitPredictions TRAIN = split("train", new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3});
    // hand-computed: errors 0, 0, 1 → RMSE √(1/3) = 0.577; SS_res 1, SS_tot 2 → r² 0.5
    private static final SplitPredictions VALID = split("valid", new double[] {1, 2, 3}, new double[] {1, 2, 4});
    // errors 1, -1 → RMSE 1; labels -2, -4: SS_tot 2 → r² 0
    private static final SplitPredictions TEST = split("test", new double[] {-2, -4}, new double[] {-1, -5});

    @Test
    void parityShowsValidationAndTestEachWithItsScoresOverTrainInUnitsNamingDatasetAndModel() {
        FigureLabels labels = FigureLabels.of(DataSource.of(MolNetDataset.DELANEY), "dmpnn", Map.of());
        XYChart chart = Plots.parity(List.of(VALID, TEST), TRAIN, 0, labels);
        assertEquals("delaney · dmpnn: " + TASK, chart.getTitle());
        assertEquals("measured (log mol/L)", chart.getXAxisTitle());
        assertEquals("predicted (log mol/L)", chart.getYAxisTitle());
        assertEquals(List.of("train (n=4)", "valid (n=3): r² 0.500, RMSE 0.577", "test (n=2): r² 0.000, RMSE 1.000",
                "y = x"), List.copyOf(chart.getSeriesMap().keySet()));
    }

    @Test
    void unitsGivenByTheUserReplaceTheCatalogsAndFilesHaveNoneOfTheirOwn() {
        FigureLabels given = FigureLabels.of(DataSource.of(MolNetDataset.DELANEY), "multitask", Map.of(TASK, "log10(M)"));
        assertEquals("measured (log10(M))", Plots.parity(List.of(TEST), TRAIN, 0, given).getXAxisTitle());
        assertEquals("measured", Plots.parity(List.of(TEST), null, 0, FigureLabels.NONE).getXAxisTitle());
        assertEquals("", DataSource.of(MolNetDataset.TOX21).units().getOrDefault("NR-AR", ""));
        assertEquals("kcal/mol", DataSource.of(MolNetDataset.FREESOLV).units().get("expt"));
    }

    @Test
    void titlesShrinkToFitThenLoseTheirMiddle() {
        int width = Plots.WIDTH - Plots.TITLE_MARGIN;
        Plots.FittedTitle shortTitle = Plots.FittedTitle.of("tox21 · dmpnn: NR-AR ROC", width);
        assertEquals(20, shortTitle.font().getSize());
        assertEquals("tox21 · dmpnn: NR-AR ROC", shortTitle.text());

        String longer = "my-own-assay-file · random_forest: " + TASK;
        Plots.FittedTitle shrunk = Plots.FittedTitle.of(longer, width);
        assertEquals(longer, shrunk.text());
        assertTrue(shrunk.font().getSize() < 20 && shrunk.font().getSize() >= Plots.SMALLEST_TITLE_SIZE);
        assertTrue(renderedWidth(shrunk) <= width);

        String huge = "screening-campaign-2026-plate-" + "0123456789".repeat(12) + " · dmpnn: " + TASK;
        Plots.FittedTitle cut = Plots.FittedTitle.of(huge, width);
        assertEquals(Plots.SMALLEST_TITLE_SIZE, cut.font().getSize());
        assertTrue(renderedWidth(cut) <= width, cut.text());
        assertTrue(cut.text().contains("…"));
        assertTrue(cut.text().startsWith("screening-campaign"), cut.text());
        assertTrue(cut.text().endsWith("per litre"), cut.text());
    }

    @Test
    void everyChartOfARegressionRunIsWrittenWithTheFiguresTitle(@TempDir Path tmp) throws Exception {
        FigureLabels labels = new FigureLabels("assay", "graphconv", Map.of(TASK, "log mol/L"));
        List<Path> files = Plots.writeAll(TaskType.REGRESSION, List.of(TRAIN, VALID, TEST), null, tmp, labels);
        assertEquals(List.of(tmp.resolve("parity-measured_log_solubility_in_mols_per_litre.png")), files);
        BufferedImage image = ImageIO.read(files.get(0).toFile());
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
    }

    @Test
    void rocNamesTheDatasetAndModelAndLeavesOutSplitsWithOneClass(@TempDir Path tmp) throws Exception {
        SplitPredictions valid = split("valid", new double[] {0, 1, 0, 1}, new double[] {0.1, 0.9, 0.4, 0.3});
        SplitPredictions test = split("test", new double[] {0, 0, 0}, new double[] {0.1, 0.2, 0.3});
        XYChart chart = Plots.roc(List.of(valid), 0, new FigureLabels("tox21", "multitask", Map.of()));
        assertEquals("tox21 · multitask: " + TASK + " ROC", chart.getTitle());
        assertTrue(chart.getSeriesMap().containsKey("valid (AUC 0.750)"));
        List<Path> files = Plots.writeAll(TaskType.CLASSIFICATION, List.of(valid, test), null,
                tmp, FigureLabels.NONE);
        assertEquals(List.of(tmp.resolve("roc-measured_log_solubility_in_mols_per_litre.png")), files);
    }

    private static int renderedWidth(Plots.FittedTitle title) {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Font font = title.font();
        return image.createGraphics().getFontMetrics(font).stringWidth(title.text());
    }
}
