package io.chemdl4j.models.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;

/**
 * How a calibrated model's stated reliability held on labelled molecules (what {@code chemdl evaluate} adds for a
 * model with a calibration): per task, the coverage and mean width of its conformal intervals at each coverage asked
 * for and, with a spread, the uncertainty metrics of {@link UncertaintyMetrics} on the calibrated spread (regressors),
 * or the Brier score and expected calibration error before and after calibration with their reliability diagrams
 * (classifiers); and the error of the molecules inside and outside the applicability domain.
 *
 * @param taskType  regression or classification
 * @param tasks     per task
 * @param coverages the interval coverages measured (regression)
 * @param domain    error inside and outside the applicability domain
 */
public record ReliabilityScores(TaskType taskType, List<TaskScores> tasks, List<Double> coverages,
                                DomainScores domain) {
    /** The interval coverages {@code chemdl evaluate} measures. */
    public static final List<Double> DEFAULT_COVERAGES = List.of(0.8, 0.9);

    public ReliabilityScores {
        tasks = List.copyOf(tasks);
        coverages = List.copyOf(coverages);
    }

    /**
     * One task's figures; NaN where they do not apply.
     *
     * @param task               its name
     * @param molecules          measured molecules
     * @param coverage           per coverage asked for, the fraction of labels inside the intervals
     * @param width              per coverage asked for, the mean interval width (original units)
     * @param nll                Gaussian negative log-likelihood under the calibrated spread
     * @param spearman           Spearman correlation of absolute error and spread
     * @param spearmanDomain     Spearman correlation of absolute error and dissimilarity to the training molecules
     *                           ({@code 1 −} the domain's mean similarity): the applicability domain as an estimator
     * @param ence               expected normalized calibration error of the calibrated spread
     * @param miscalibrationArea miscalibration area of the calibrated spread
     * @param brier              Brier score of the model's probabilities
     * @param brierCalibrated    Brier score of the calibrated probabilities
     * @param before             reliability diagram of the model's probabilities (classifiers, else {@code null})
     * @param after              reliability diagram of the calibrated probabilities (classifiers, else {@code null})
     */
    public record TaskScores(String task, int molecules, List<Double> coverage, List<Double> width, double nll,
                             double spearman, double spearmanDomain, double ence, double miscalibrationArea, double brier,
                             double brierCalibrated, UncertaintyMetrics.ReliabilityDiagram before,
                             UncertaintyMetrics.ReliabilityDiagram after) {
        public TaskScores {
            coverage = List.copyOf(coverage);
            width = List.copyOf(width);
        }
    }

    /**
     * The applicability domain's split of the molecules, and the error on either side: the mean over tasks of the
     * RMSE (regression) or the Brier score of the calibrated probabilities (classification).
     *
     * @param inside       molecules inside the domain
     * @param outside      molecules outside it
     * @param errorInside  the error of those inside (NaN if none)
     * @param errorOutside the error of those outside (NaN if none)
     */
    public record DomainScores(int inside, int outside, double errorInside, double errorOutside) {
    }

    /**
     * The figures of {@code model} (which must have a calibration) on {@code parts}, whose predictions and labels in
     * original units {@code predictions} holds, row for row.
     *
     * @param seed seed of the dropout masks, when the spread comes from dropout
     */
    public static <D extends LabelledData<D>> ReliabilityScores score(SavedModel model, ModelInput<D> input, List<D> parts,
                                                                   SplitPredictions predictions, long seed) {
        Reliability r = model.requireReliability();
        int n = predictions.size();
        double[][] spreads = null;
        if (r.normalized()) {
            spreads = new double[n][];
            int row = 0;
            for (D part : parts) {
                if (part.size() > 0) {
                    for (double[] s : Calibrator.spreads(model, input, part, r.spread(), seed).std()) {
                        spreads[row++] = s;
                    }
                }
            }
        }
        List<int[]> bits = new ArrayList<>();
        List<String> smiles = new ArrayList<>();
        for (D part : parts) {
            smiles.addAll(List.of(part.labelData().ids()));
        }
        boolean[] inside = new boolean[n];
        boolean[] assessed = new boolean[n];
        double[][] dissimilarity = new double[n][r.tasks().size()];
        List<float[]> rows = io.chemdl4j.featurize.BatchFeaturizer.featurize(
                io.chemdl4j.featurize.Featurizers.create(r.domain().fingerprint()),
                Runtime.getRuntime().availableProcessors(), "evaluated molecules", smiles, 0).features();
        for (int i = 0; i < n; i++) {
            if (rows.get(i) != null) {
                assessed[i] = true;
                ApplicabilityDomain.Assessment a = r.domain().assess(DomainIndex.onBits(rows.get(i)));
                inside[i] = a.inside();
                java.util.Arrays.fill(dissimilarity[i], 1 - a.similarity());
            } else {
                java.util.Arrays.fill(dissimilarity[i], Double.NaN);
            }
        }
        List<TaskScores> tasks = new ArrayList<>();
        double[] errIn = new double[r.tasks().size()];
        double[] errOut = new double[r.tasks().size()];
        for (int t = 0; t < r.tasks().size(); t++) {
            Calibrator.Column c = Calibrator.Column.of(predictions, spreads, t);
            Calibrator.Column d = Calibrator.Column.of(predictions, dissimilarity, t);
            tasks.add(r.taskType() == TaskType.REGRESSION ? regression(r, t, c, d.spreads()) : classification(r, t, c));
            errIn[t] = domainError(r, t, predictions, assessed, inside, true);
            errOut[t] = domainError(r, t, predictions, assessed, inside, false);
        }
        int in = 0;
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (assessed[i]) {
                if (inside[i]) {
                    in++;
                } else {
                    out++;
                }
            }
        }
        return new ReliabilityScores(r.taskType(), tasks, r.taskType() == TaskType.REGRESSION ? DEFAULT_COVERAGES
                : List.of(), new DomainScores(in, out, meanOf(errIn), meanOf(errOut)));
    }

    private static TaskScores regression(Reliability r, int t, Calibrator.Column c, double[] dissimilarity) {
        List<Double> coverage = new ArrayList<>();
        List<Double> width = new ArrayList<>();
        int n = c.labels().length;
        for (double level : DEFAULT_COVERAGES) {
            double[] lower = new double[n];
            double[] upper = new double[n];
            for (int i = 0; i < n; i++) {
                double[] interval = r.interval(t, c.predictions()[i], c.spreads() == null ? 0 : c.spreads()[i], level);
                lower[i] = interval[0];
                upper[i] = interval[1];
            }
            coverage.add(n == 0 ? Double.NaN : UncertaintyMetrics.coverage(c.labels(), lower, upper));
            width.add(n == 0 ? Double.NaN : UncertaintyMetrics.meanWidth(lower, upper));
        }
        double nll = Double.NaN;
        double spearman = Double.NaN;
        double ence = Double.NaN;
        double area = Double.NaN;
        if (c.spreads() != null && n > 0) {
            double scale = r.spreadScales().get(t);
            double[] calibrated = new double[n];
            for (int i = 0; i < n; i++) {
                calibrated[i] = c.spreads()[i] * scale;
            }
            nll = UncertaintyMetrics.gaussianNll(c.labels(), c.predictions(), calibrated);
            spearman = UncertaintyMetrics.errorSpreadSpearman(c.labels(), c.predictions(), c.spreads());
            ence = UncertaintyMetrics.expectedNormalizedCalibrationError(c.labels(), c.predictions(), calibrated);
            area = UncertaintyMetrics.miscalibrationArea(c.labels(), c.predictions(), calibrated);
        }
        double spearmanDomain = n == 0 ? Double.NaN
                : UncertaintyMetrics.errorSpreadSpearman(c.labels(), c.predictions(), dissimilarity);
        return new TaskScores(r.tasks().get(t), n, coverage, width, nll, spearman, spearmanDomain, ence, area,
                Double.NaN, Double.NaN, null, null);
    }

    private static TaskScores classification(Reliability r, int t, Calibrator.Column c) {
        int n = c.labels().length;
        double[] calibrated = new double[n];
        for (int i = 0; i < n; i++) {
            calibrated[i] = r.calibrated(t, c.predictions()[i]);
        }
        return new TaskScores(r.tasks().get(t), n, List.of(), List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN,
                n == 0 ? Double.NaN : UncertaintyMetrics.brier(c.labels(), c.predictions()),
                n == 0 ? Double.NaN : UncertaintyMetrics.brier(c.labels(), calibrated),
                UncertaintyMetrics.reliabilityDiagram(c.labels(), c.predictions()),
                UncertaintyMetrics.reliabilityDiagram(c.labels(), calibrated));
    }

    /** Task {@code t}'s RMSE (regression) or calibrated Brier score over the molecules on one side of the domain. */
    private static double domainError(Reliability r, int t, SplitPredictions p, boolean[] assessed, boolean[] inside,
                                      boolean side) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < p.size(); i++) {
            double y = p.labels()[i][t];
            double f = p.predictions()[i][t];
            if (assessed[i] && inside[i] == side && p.weights()[i][t] != 0 && Double.isFinite(y) && Double.isFinite(f)) {
                double e = r.taskType() == TaskType.REGRESSION ? y - f : r.calibrated(t, f) - y;
                sum += e * e;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return r.taskType() == TaskType.REGRESSION ? Math.sqrt(sum / n) : sum / n;
    }

    private static double meanOf(double[] values) {
        return io.chemdl4j.models.metrics.EvaluationResult.meanOfDefined(values);
    }

    /** The mean over tasks of one figure, NaN entries left out. */
    public double mean(java.util.function.ToDoubleFunction<TaskScores> figure) {
        return meanOf(tasks.stream().mapToDouble(figure).toArray());
    }

    /** A table: one row per task and the mean, then the domain's split. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        boolean regression = taskType == TaskType.REGRESSION;
        List<String> header = new ArrayList<>(List.of("task", "n"));
        if (regression) {
            for (double c : coverages) {
                String level = String.format(Locale.ROOT, "%.0f%%", 100 * c);
                header.add("coverage@" + level);
                header.add("width@" + level);
            }
            header.addAll(List.of("nll", "spearman", "spearman_domain", "ence", "miscal_area"));
        } else {
            header.addAll(List.of("brier", "brier_cal", "ece", "ece_cal"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (TaskScores s : tasks) {
            rows.add(row(s.task(), Integer.toString(s.molecules()), s, regression));
        }
        if (tasks.size() > 1) {
            List<String> mean = new ArrayList<>(List.of("mean", ""));
            int cells = header.size() - 2;
            for (int k = 0; k < cells; k++) {
                final int column = k;
                double m = meanOf(tasks.stream().mapToDouble(s -> values(s, regression)[column]).toArray());
                mean.add(String.format(Locale.ROOT, "%.3f", m));
            }
            rows.add(mean);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        appendRow(sb, header, widths);
        for (List<String> row : rows) {
            appendRow(sb, row, widths);
        }
        sb.append(String.format(Locale.ROOT, "applicability domain: %d inside, %d outside; %s inside %.3f, outside %.3f",
                domain.inside(), domain.outside(), regression ? "RMSE" : "Brier", domain.errorInside(),
                domain.errorOutside()));
        return sb.toString();
    }

    private static List<String> row(String task, String n, TaskScores s, boolean regression) {
        List<String> row = new ArrayList<>(List.of(task, n));
        for (double v : values(s, regression)) {
            row.add(String.format(Locale.ROOT, "%.3f", v));
        }
        return row;
    }

    private static double[] values(TaskScores s, boolean regression) {
        if (!regression) {
            return new double[] {s.brier(), s.brierCalibrated(), s.before().expectedCalibrationError(),
                    s.after().expectedCalibrationError()};
        }
        double[] v = new double[2 * s.coverage().size() + 5];
        for (int i = 0; i < s.coverage().size(); i++) {
            v[2 * i] = s.coverage().get(i);
            v[2 * i + 1] = s.width().get(i);
        }
        int k = 2 * s.coverage().size();
        v[k] = s.nll();
        v[k + 1] = s.spearman();
        v[k + 2] = s.spearmanDomain();
        v[k + 3] = s.ence();
        v[k + 4] = s.miscalibrationArea();
        return v;
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            sb.append(c == 0 ? String.format("%-" + widths[c] + "s", cells.get(c))
                    : String.format("  %" + widths[c] + "s", cells.get(c)));
        }
        sb.append('\n');
    }
}
