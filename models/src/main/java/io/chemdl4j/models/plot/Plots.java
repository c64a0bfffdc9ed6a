package io.chemdl4j.models.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.chemdl4j.featurize.io.AtomicFiles;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.metrics.RocCurve;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.models.training.TrainingCurve;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Charts of a model's results, sized and lettered for a slide (XChart, PNG): ROC curves of a
 * classifier's tasks, measured-vs-predicted parity plots with r² and RMSE per split for a regressor,
 * and the training and validation curves per epoch; titles name the dataset and model and shrink (then
 * shorten) to fit, parity axes carry the task's units ({@link FigureLabels}). Stateless and thread-safe; each chart is a new object.
 */
public final class Plots {
    /** Width of the PNG files in pixels. */
    public static final int WIDTH = 800;
    /** Height of the PNG files in pixels. */
    public static final int HEIGHT = 600;
    /** Pixels of the width a title leaves free (XChart's chart padding on both sides, and some air). */
    static final int TITLE_MARGIN = 40;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    /** Titles shrink to this size before they are shortened. */
    static final int SMALLEST_TITLE_SIZE = 13;

    /** A title and the font that makes it fit the figure's width. */
    record FittedTitle(String text, Font font) {
        /**
         * {@code title} in the largest font from 20 down to 13 points whose rendering fits {@code width}
         * pixels; a title too long even at 13 points loses characters in its middle (an ellipsis shows
         * where), since its start names the dataset and model and its end the task.
         */
        static FittedTitle of(String title, int width) {
            java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
            try {
                for (int size = TITLE_FONT.getSize(); size >= SMALLEST_TITLE_SIZE; size--) {
                    Font font = TITLE_FONT.deriveFont((float) size);
                    if (g.getFontMetrics(font).stringWidth(title) <= width) {
                        return new FittedTitle(title, font);
                    }
                }
                Font font = TITLE_FONT.deriveFont((float) SMALLEST_TITLE_SIZE);
                java.awt.FontMetrics metrics = g.getFontMetrics(font);
                int keep = title.length() - 1;
                String text = title;
                while (keep > 1 && metrics.stringWidth(text) > width) {
                    keep--;
                    int head = (keep + 1) / 2;
                    text = title.substring(0, head) + "…" + title.substring(title.length() - (keep - head));
                }
                return new FittedTitle(text, font);
            } finally {
                g.dispose();
            }
        }
    }

    private Plots() {
    }

    /** ROC curve of task {@code task} on each split in {@code splits}, with each split's AUC in the legend. */
    public static XYChart roc(List<SplitPredictions> splits, int task) {
        return roc(splits, task, FigureLabels.NONE);
    }

    /**
     * ROC curve of task {@code task} on each split in {@code splits}, with each split's AUC in the legend
     * and the dataset and model of {@code labels} in the title.
     */
    public static XYChart roc(List<SplitPredictions> splits, int task, FigureLabels labels) {
        String name = splits.get(0).tasks().get(task);
        XYChart chart = chart(labels.title(name + " ROC"), "false positive rate", "true positive rate");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        addChance(chart);
        for (SplitPredictions split : splits) {
            double[][] c = split.column(task);
            RocCurve curve = RocCurve.of(c[0], c[1], c[2]);
            chart.addSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", split.split(), curve.area()),
                    curve.falsePositiveRate(), curve.truePositiveRate()).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * One-against-the-rest ROC curve of each class of multiclass task {@code task} on {@code split}, with
     * each class's AUC in the legend (their mean is the macro ROC-AUC); classes without both members and
     * non-members among the labels are left out.
     */
    public static XYChart rocByClass(SplitPredictions split, int task, FigureLabels labels) {
        String name = split.tasks().get(task);
        XYChart chart = chart(labels.title(name + " ROC by class, " + split.split()), "false positive rate",
                "true positive rate");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        addChance(chart);
        double[][] c = split.column(task);
        double[][] p = split.probabilities(task);
        for (int k = 0; k < split.classes(); k++) {
            double[] member = new double[c[0].length];
            double[] score = new double[c[0].length];
            for (int i = 0; i < member.length; i++) {
                member[i] = c[0][i] == k ? 1 : 0;
                score[i] = p[i][k];
            }
            if (!hasBothClasses(member, c[2])) {
                continue;
            }
            RocCurve curve = RocCurve.of(member, score, c[2]);
            chart.addSeries(String.format(Locale.ROOT, "class %d (AUC %.3f)", k, curve.area()),
                    curve.falsePositiveRate(), curve.truePositiveRate()).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static void addChance(XYChart chart) {
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
                .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
    }

    /**
     * Measured against predicted values of task {@code task} on {@code split}, with the line y = x and
     * the split's r² and RMSE in the legend; {@code background} (the training split, or null) is drawn
     * in grey behind it.
     */
    public static XYChart parity(SplitPredictions split, SplitPredictions background, int task) {
        return parity(List.of(split), background, task, FigureLabels.NONE);
    }

    /**
     * Measured against predicted values of task {@code task} on each of {@code shown} (e.g. validation
     * and test), each split in its own colour with its size, r² and RMSE in the legend, over
     * {@code background} (the training split, or null) in grey, with the line y = x; the axes carry the
     * task's units and the title the dataset and model of {@code labels}.
     */
    public static XYChart parity(List<SplitPredictions> shown, SplitPredictions background, int task,
                                 FigureLabels labels) {
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("no split to show");
        }
        String name = shown.get(0).tasks().get(task);
        XYChart chart = chart(labels.title(name), labels.axis("measured", name), labels.axis("predicted", name));
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(7);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<SplitPredictions> drawn = new ArrayList<>();
        if (background != null) {
            drawn.add(background);
        }
        drawn.addAll(shown);
        for (SplitPredictions s : drawn) {
            double[][] c = s.column(task);
            double[][] m = measured(c);
            for (double[] axis : m) {
                for (double v : axis) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            String legend = s == background ? String.format(Locale.ROOT, "%s (n=%d)", s.split(), m[0].length)
                    : String.format(Locale.ROOT, "%s (n=%d): r² %.3f, RMSE %.3f", s.split(), m[0].length,
                            Metric.R2.compute(c[0], c[1], c[2]), Metric.RMSE.compute(c[0], c[1], c[2]));
            XYSeries series = chart.addSeries(legend, m[0], m[1]);
            series.setMarker(SeriesMarkers.CIRCLE);
            if (s == background) {
                series.setMarkerColor(new Color(170, 170, 170, 140));
            }
        }
        double pad = (hi - lo) * 0.05;
        XYSeries diagonal = chart.addSeries("y = x", new double[] {lo - pad, hi + pad}, new double[] {lo - pad, hi + pad});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setLineColor(Color.DARK_GRAY);
        chart.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad).setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        return chart;
    }

    /** Training and validation loss per epoch, with the kept epoch marked in the title. */
    public static XYChart lossCurves(TrainingCurve curve) {
        return lossCurves(curve, FigureLabels.NONE);
    }

    /** Training and validation loss per epoch, with the dataset, the model and the kept epoch in the title. */
    public static XYChart lossCurves(TrainingCurve curve, FigureLabels labels) {
        return curves(curve, "loss", p -> p.trainLoss(), p -> p.validLoss(), labels);
    }

    /** Training and validation score (the curve's metric) per epoch, with the kept epoch marked in the title. */
    public static XYChart scoreCurves(TrainingCurve curve) {
        return scoreCurves(curve, FigureLabels.NONE);
    }

    /** Training and validation score per epoch, with the dataset, the model and the kept epoch in the title. */
    public static XYChart scoreCurves(TrainingCurve curve, FigureLabels labels) {
        return curves(curve, curve.metric().id(), p -> p.trainScore(), p -> p.validScore(), labels);
    }

    private static XYChart curves(TrainingCurve curve, String quantity,
                                  java.util.function.ToDoubleFunction<TrainingCurve.Point> train,
                                  java.util.function.ToDoubleFunction<TrainingCurve.Point> valid,
                                  FigureLabels labels) {
        int n = curve.points().size();
        double[] epochs = new double[n];
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            TrainingCurve.Point p = curve.points().get(i);
            epochs[i] = p.epoch();
            t[i] = train.applyAsDouble(p);
            v[i] = valid.applyAsDouble(p);
        }
        XYChart chart = chart(labels.title(String.format(Locale.ROOT, "%s per epoch (kept epoch %d%s)", quantity,
                curve.keptEpoch(), curve.stoppedEarly() ? ", stopped early" : "")), "epoch", quantity);
        chart.getStyler().setMarkerSize(5);
        chart.addSeries("train", epochs, t);
        chart.addSeries("valid", epochs, v);
        return chart;
    }

    /** Labels and predictions of the entries with a label (nonzero weight), as two arrays. */
    private static double[][] measured(double[][] column) {
        return Metric.measured(column[0], column[1], column[2]).toArray(new double[0][]);
    }

    private static XYChart chart(String title, String x, String y) {
        FittedTitle fitted = FittedTitle.of(title, WIDTH - TITLE_MARGIN);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(fitted.text()).xAxisTitle(x)
                .yAxisTitle(y).build();
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(false);
        s.setChartTitleFont(fitted.font()).setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17)).setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAntiAlias(true);
        return chart;
    }

    /** The chart drawn as an image (what a notebook displays). */
    public static BufferedImage image(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the chart as a PNG file, atomically. */
    public static void writePng(XYChart chart, Path file) throws IOException {
        BufferedImage image = image(chart);
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    /** {@link #writeAll(TaskType, List, TrainingCurve, Path, FigureLabels)} naming no dataset, model or units. */
    public static List<Path> writeAll(TaskType type, List<SplitPredictions> splits, TrainingCurve curve, Path directory)
            throws IOException {
        return writeAll(type, splits, curve, directory, FigureLabels.NONE);
    }

    /**
     * Writes every chart of a run into {@code directory} (created if absent) and returns the files:
     * {@code roc-<task>.png} (every split but train) for classification, one curve per class on the last
     * split (test) for multiclass, {@code parity-<task>.png} (every split but train, over train in grey)
     * for regression, and {@code training-loss.png} and
     * {@code training-<metric>.png} when the model trained by epochs; titles and axes as {@code labels}
     * say.
     */
    public static List<Path> writeAll(TaskType type, List<SplitPredictions> splits, TrainingCurve curve, Path directory,
                                      FigureLabels labels) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        SplitPredictions train = find(splits, "train");
        List<SplitPredictions> held = new ArrayList<>(splits);
        held.remove(train);
        List<String> tasks = splits.get(0).tasks();
        for (int t = 0; t < tasks.size(); t++) {
            XYChart chart;
            if (type == TaskType.MULTICLASS) {
                chart = rocByClass(held.isEmpty() ? train : held.get(held.size() - 1), t, labels);
            } else if (type == TaskType.CLASSIFICATION) {
                List<SplitPredictions> shown = new ArrayList<>();
                for (SplitPredictions s : held) {
                    if (hasBothClasses(s, t)) {
                        shown.add(s);
                    }
                }
                if (shown.isEmpty()) {
                    continue;
                }
                chart = roc(shown, t, labels);
            } else {
                chart = held.isEmpty() ? parity(List.of(train), null, t, labels) : parity(held, train, t, labels);
            }
            Path file = directory.resolve((type.isClassification() ? "roc-" : "parity-") + fileName(tasks.get(t)) + ".png");
            writePng(chart, file);
            written.add(file);
        }
        if (curve != null && !curve.points().isEmpty()) {
            Path loss = directory.resolve("training-loss.png");
            writePng(lossCurves(curve, labels), loss);
            written.add(loss);
            Path score = directory.resolve("training-" + curve.metric().id() + ".png");
            writePng(scoreCurves(curve, labels), score);
            written.add(score);
        }
        return written;
    }

    /**
     * A reliability diagram: per probability bin, the fraction of positives against the mean probability, of the
     * model's probabilities and of the calibrated ones, over the diagonal of perfect calibration; each legend
     * entry gives its expected calibration error.
     */
    public static XYChart reliabilityDiagram(io.chemdl4j.models.reliability.ReliabilityScores.TaskScores task) {
        XYChart chart = chart("Reliability: " + task.task() + " (" + task.molecules() + " molecules)",
                "Predicted probability (bin mean)", "Fraction positive");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1})
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE).setLineColor(Color.GRAY);
        addBins(chart, "model", task.before());
        addBins(chart, "calibrated", task.after());
        return chart;
    }

    private static void addBins(XYChart chart, String name,
                                io.chemdl4j.models.reliability.UncertaintyMetrics.ReliabilityDiagram diagram) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int b = 0; b < diagram.count().length; b++) {
            if (diagram.count()[b] > 0) {
                x.add(diagram.predicted()[b]);
                y.add(diagram.observed()[b]);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(String.format(java.util.Locale.ROOT, "%s (ECE %.3f)", name,
                    diagram.expectedCalibrationError()), x, y);
        }
    }

    /** Writes {@code reliability-<task>.png} per task of a classifier's reliability scores; returns the files. */
    public static List<Path> writeReliabilityDiagrams(io.chemdl4j.models.reliability.ReliabilityScores scores,
                                                      Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (io.chemdl4j.models.reliability.ReliabilityScores.TaskScores t : scores.tasks()) {
            if (t.before() == null || t.molecules() == 0) {
                continue;
            }
            Path file = directory.resolve("reliability-" + fileName(t.task()) + ".png");
            writePng(reliabilityDiagram(t), file);
            written.add(file);
        }
        return written;
    }

    private static SplitPredictions find(List<SplitPredictions> splits, String name) {
        return splits.stream().filter(s -> s.split().equals(name)).findFirst().orElse(null);
    }

    private static boolean hasBothClasses(SplitPredictions s, int task) {
        double[][] c = s.column(task);
        return hasBothClasses(c[0], c[2]);
    }

    /** Whether the 0/1 {@code labels} with nonzero weight hold both classes. */
    private static boolean hasBothClasses(double[] labels, double[] weights) {
        double[] measured = Metric.measured(labels, labels, weights).get(0);
        long positives = Metric.countPositives(measured);
        return positives > 0 && positives < measured.length;
    }

    /** A task name as a portable file name. */
    /** {@code task} as a safe file name: letters, digits, dots, dashes and underscores. */
    public static String fileName(String task) {
        String s = task.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "task" : s;
    }
}
