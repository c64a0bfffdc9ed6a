package io.chemdl4j.models.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.chemdl4j.featurize.BatchFeaturizer;
import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.featurize.Featurizers;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.fingerprint.MorganFeaturizer;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.DataRequest;
import io.chemdl4j.models.Ensemble;
import io.chemdl4j.models.ModelInput;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.PreparedData;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.io.ToolkitVersion;
import io.chemdl4j.models.metrics.SplitPredictions;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.LabelledData;
import io.chemdl4j.moleculenet.TaskType;

/**
 * Fits a saved model's {@link Reliability} (what {@code chemdl calibrate} runs): loads the data the model was trained
 * on, split as training split it, predicts the validation split (the calibration split, which training did not fit
 * weights on) and fits per task split-conformal intervals (regressors) or a probability calibration (binary
 * classifiers) on it, and indexes the training split's fingerprints as the applicability domain, whose threshold the
 * calibration split sets. Stateless.
 */
public final class Calibrator {
    /** Fingerprints whose nonzero entries are bits a Tanimoto similarity can compare: the model's own is used. */
    private static final Set<String> FINGERPRINTS = Set.of(EcfpFeaturizer.ECFP, EcfpFeaturizer.FCFP,
            MorganFeaturizer.NAME);

    private Calibrator() {
    }

    /**
     * How to calibrate.
     *
     * @param method         how classifiers' probabilities are calibrated
     * @param dropoutSamples Monte-Carlo dropout samples behind a spread for a network trained with dropout (0: none,
     *                       intervals of one width per task); an ensemble's spread is always its members', a
     *                       head that predicts its spread (mean-variance, evidential) its own
     * @param seed           seed of the dropout masks
     * @param neighbours     nearest training molecules averaged by the applicability domain
     * @param domainQuantile fraction of calibration molecules placed outside the domain
     */
    public record Options(ProbabilityCalibration.Method method, int dropoutSamples, long seed, int neighbours,
                          double domainQuantile) {
        public Options {
            Objects.requireNonNull(method, "method");
            if (dropoutSamples < 0 || dropoutSamples > 10_000) {
                throw new IllegalArgumentException("dropout samples must be 0..10000, got " + dropoutSamples);
            }
        }

        /**
         * Platt scaling, no dropout, seed 0, {@value ApplicabilityDomain#DEFAULT_NEIGHBOURS} neighbours,
         * {@value ApplicabilityDomain#DEFAULT_QUANTILE} of the calibration split outside the domain.
         */
        public static Options defaults() {
            return new Options(ProbabilityCalibration.Method.PLATT, 0, 0, ApplicabilityDomain.DEFAULT_NEIGHBOURS,
                    ApplicabilityDomain.DEFAULT_QUANTILE);
        }

        /** With classifiers calibrated by {@code m}. */
        public Options withMethod(ProbabilityCalibration.Method m) {
            return new Options(m, dropoutSamples, seed, neighbours, domainQuantile);
        }

        /** With a spread from {@code samples} dropout samples drawn from {@code s}. */
        public Options withDropout(int samples, long s) {
            return new Options(method, samples, s, neighbours, domainQuantile);
        }

        /** With the domain averaging {@code k} neighbours and leaving out {@code quantile} of the calibration split. */
        public Options withDomain(int k, double quantile) {
            return new Options(method, dropoutSamples, seed, k, quantile);
        }
    }

    /**
     * The reliability of {@code model} fitted on the data {@code request} loads and splits (as the training run split
     * it: same source, splitter, fractions and seed, or split file).
     *
     * @param progress told the rows featurized so far, or {@code null}
     * @throws IllegalArgumentException for a multiclass model, one saved without its featurizer, data of another task
     *                                  type or tasks, or an empty calibration split
     */
    public static Reliability fit(SavedModel model, DataRequest request, Options options,
                                  StreamingFeaturizer.ProgressListener progress) {
        return fit(model, request, null, options, progress);
    }

    /**
     * As {@link #fit(SavedModel, DataRequest, Options, StreamingFeaturizer.ProgressListener)}, calibrated on every
     * molecule of {@code calibration} (a labelled file with a column per model task, held out from training) instead
     * of the validation split; {@code null} for the validation split. The applicability domain still indexes the
     * training split of {@code request}.
     */
    public static Reliability fit(SavedModel model, DataRequest request,
                                  io.chemdl4j.moleculenet.load.DataSource calibration, Options options,
                                  StreamingFeaturizer.ProgressListener progress) {
        if (model.model().taskType() == TaskType.MULTICLASS) {
            throw new IllegalArgumentException("calibration of multiclass models is not supported; calibrate binary "
                    + "classifiers and regressors");
        }
        if (model.featurizer() == null) {
            throw new IllegalArgumentException("this model was saved without its featurizer; it cannot featurize molecules");
        }
        if (request.source().taskType() != model.model().taskType()) {
            throw new IllegalArgumentException("the model is a " + model.model().taskType().name().toLowerCase(Locale.ROOT)
                    + " model, the data are " + request.source().taskType().name().toLowerCase(Locale.ROOT));
        }
        if (calibration != null && calibration.taskType() != model.model().taskType()) {
            throw new IllegalArgumentException("the calibration file's task type is not the model's");
        }
        return fit(model.kind(), model, new DataRequest(request.source(), model.featurizer(), request.splitter(),
                request.seed(), request.fractions(), request.dataDirectory(), request.splitFile(), null), calibration,
                options, progress);
    }

    private static <D extends LabelledData<D>> Reliability fit(ModelKind<D> kind, SavedModel model, DataRequest request,
                                                            io.chemdl4j.moleculenet.load.DataSource file,
                                                            Options options,
                                                            StreamingFeaturizer.ProgressListener progress) {
        ModelInput<D> input = kind.input();
        PreparedData<D> data = input.loadFor(model, request, progress);
        checkTasks(model, request.source().name(), data.tasks());
        D calibration = data.valid();
        List<io.chemdl4j.moleculenet.transform.Transformer> calibrationTransformers = data.transformers();
        String calibrationName = "the validation split of " + request.source().name();
        if (file != null) {
            // every molecule of the file, featurized as the model's inputs are, labels as they are written
            PreparedData<D> held = input.loadFor(model, new DataRequest(file, model.featurizer(),
                    io.chemdl4j.moleculenet.split.SplitterType.INDEX, 0,
                    new io.chemdl4j.moleculenet.split.SplitFractions(1, 0, 0), request.dataDirectory()), progress);
            checkTasks(model, file.name(), held.tasks());
            calibration = held.train();
            calibrationTransformers = held.transformers();
            calibrationName = file.name();
        }
        if (calibration.size() == 0) {
            throw new IllegalArgumentException("the calibration molecules (" + calibrationName + ") are none; give "
                    + "the validation split some molecules");
        }
        Reliability.Spread spread = spreadOf(model, options);
        SplitPredictions predicted = SplitPredictions.of("calibration", data.tasks(), calibration.labelData(),
                input.predict(model, calibration), calibrationTransformers);
        double[][] spreads = spread.kind() == Reliability.Spread.Kind.NONE ? null
                : spreads(model, input, calibration, spread, options.seed()).std();
        List<ConformalIntervals> intervals = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        List<ProbabilityCalibration> probabilities = new ArrayList<>();
        for (int t = 0; t < data.tasks().size(); t++) {
            Column c = Column.of(predicted, spreads, t);
            if (c.labels().length == 0) {
                throw new IllegalArgumentException("task " + data.tasks().get(t) + " has no label among the "
                        + "calibration molecules (" + calibrationName + ")");
            }
            if (model.model().taskType() == TaskType.REGRESSION) {
                intervals.add(ConformalIntervals.fit(c.labels(), c.predictions(), c.spreads()));
                if (c.spreads() != null) {
                    scales.add(UncertaintyMetrics.spreadScale(c.labels(), c.predictions(), c.spreads()));
                }
            } else {
                probabilities.add(options.method().fit(c.labels(), c.predictions()));
            }
        }
        FeaturizerSpec fingerprint = domainFingerprint(model.featurizer());
        List<int[]> training = fingerprints(fingerprint, data.train().labelData().ids(), "training split");
        List<int[]> calibrationBits = fingerprints(fingerprint, calibration.labelData().ids(), "calibration molecules");
        int length = ((io.chemdl4j.featurize.VectorFeaturizer) Featurizers.create(fingerprint)).length();
        ApplicabilityDomain domain = ApplicabilityDomain.fit(fingerprint, DomainIndex.of(training, length),
                calibrationBits, options.neighbours(), options.domainQuantile());
        String split = file != null ? "calibrated on " + file.name()
                : request.splitFile() != null ? "split file " + request.splitFile().getFileName()
                : String.format(Locale.ROOT, "%s seed %d (%s/%s/%s)", request.splitter().name().toLowerCase(Locale.ROOT),
                request.seed(), request.fractions().train(), request.fractions().valid(), request.fractions().test());
        return new Reliability(model.model().taskType(), data.tasks(), spread, intervals, scales, probabilities, domain,
                new Reliability.Provenance(request.source().name(), split, calibration.size(), training.size(),
                        Instant.now().toString(), ToolkitVersion.get()));
    }

    private static void checkTasks(SavedModel model, String source, List<String> tasks) {
        if (!tasks.equals(model.model().tasks())) {
            throw new IllegalArgumentException("the model predicts " + model.model().tasks() + " but " + source
                    + " has tasks " + tasks);
        }
    }

    /** An ensemble's members, else the model's own variance, else dropout when asked for, else none. */
    static Reliability.Spread spreadOf(SavedModel model, Options options) {
        if (model.model() instanceof Ensemble<?>) {
            return new Reliability.Spread(Reliability.Spread.Kind.ENSEMBLE, 0);
        }
        if (model.model() instanceof io.chemdl4j.models.DropoutUncertainty<?> d && d.predictsVariance()) {
            return new Reliability.Spread(Reliability.Spread.Kind.PREDICTED, 0);
        }
        if (options.dropoutSamples() > 0) {
            if (!SavedModel.dropout(model.model()).givesUncertainty()) {
                throw new IllegalArgumentException("a spread from dropout needs a network trained with dropout; this "
                        + model.kind().name() + " model has none (or calibrate an ensemble, train --ensemble)");
            }
            return new Reliability.Spread(Reliability.Spread.Kind.DROPOUT, options.dropoutSamples());
        }
        return Reliability.Spread.none();
    }

    /** The model's spread on {@code data} as {@code spread} says, in original units. */
    static <D extends LabelledData<D>> Uncertainty spreads(SavedModel model, ModelInput<D> input, D data,
                                                        Reliability.Spread spread, long seed) {
        return SavedModel.dropout(model.typedModel(input)).predictWithDropout(data, Math.max(spread.samples(), 1), seed,
                model.transformers());
    }

    /**
     * The fingerprint of the applicability domain: the model's own when it reads bits a Tanimoto similarity
     * compares (ECFP, FCFP, Morgan; counts count as bits), else ECFP4 of 2,048 bits.
     */
    public static FeaturizerSpec domainFingerprint(FeaturizerSpec modelFeaturizer) {
        if (modelFeaturizer != null && FINGERPRINTS.contains(modelFeaturizer.name())) {
            return modelFeaturizer;
        }
        return new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(2048)).spec();
    }

    /** The set bits of each of {@code smiles}' fingerprints; a molecule the fingerprint cannot read is left out. */
    static List<int[]> fingerprints(FeaturizerSpec spec, String[] smiles, String what) {
        BatchFeaturizer.Rows<float[]> rows = BatchFeaturizer.featurize(Featurizers.create(spec),
                Runtime.getRuntime().availableProcessors(), what, List.of(smiles), 0);
        List<int[]> bits = new ArrayList<>();
        for (float[] row : rows.features()) {
            if (row != null) {
                bits.add(DomainIndex.onBits(row));
            }
        }
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("no molecule of the " + what + " could be fingerprinted; its ids must be "
                    + "SMILES (leave out --id-column)");
        }
        return bits;
    }

    /** One task's measured entries of a split: labels, predictions and spreads ({@code null} without). */
    record Column(double[] labels, double[] predictions, double[] spreads) {
        static Column of(SplitPredictions p, double[][] spreads, int task) {
            int n = 0;
            for (int i = 0; i < p.size(); i++) {
                if (measured(p, i, task)) {
                    n++;
                }
            }
            double[] y = new double[n];
            double[] f = new double[n];
            double[] s = spreads == null ? null : new double[n];
            for (int i = 0, k = 0; i < p.size(); i++) {
                if (measured(p, i, task)) {
                    y[k] = p.labels()[i][task];
                    f[k] = p.predictions()[i][task];
                    if (s != null) {
                        s[k] = spreads[i][task];
                    }
                    k++;
                }
            }
            return new Column(y, f, s);
        }

        private static boolean measured(SplitPredictions p, int i, int task) {
            return p.weights()[i][task] != 0 && Double.isFinite(p.labels()[i][task])
                    && Double.isFinite(p.predictions()[i][task]);
        }
    }
}
