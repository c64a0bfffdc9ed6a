package io.chemdl4j.models.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.moleculenet.load.DataSource;

/**
 * MoleculeNet's protocol: the same configuration run once per seed (each seed draws its own split and
 * initialization), summarized as mean ± sample standard deviation of the dataset's metric on train,
 * valid and test, beside the published MoleculeNet figure.
 *
 * @param config    the configuration (its seed is replaced by each of {@code seeds})
 * @param metric    the dataset's MoleculeNet metric
 * @param runs      one result per seed, in the order of {@code seeds}
 * @param seeds     the seeds run
 * @param published MoleculeNet's test figure for this dataset and model, if it published one
 */
public record Benchmark(ExperimentConfig config, Metric metric, List<ExperimentResult> runs, List<Long> seeds,
                        Optional<ModelKind.PublishedScore> published) {
    public Benchmark {
        runs = List.copyOf(runs);
        seeds = List.copyOf(seeds);
    }

    /** Mean and sample standard deviation (NaN with one run) of a split's score. */
    public record Summary(double mean, double sd) {
    }

    /**
     * Runs {@code config} once per seed.
     *
     * @param listener told how each run goes (may be null)
     */
    public static Benchmark run(ExperimentConfig config, List<Long> seeds, Experiment.Listener listener) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a benchmark needs at least one seed");
        }
        List<ExperimentResult> runs = new ArrayList<>();
        for (long seed : seeds) {
            runs.add(Experiment.run(config.withSeed(seed), listener));
        }
        DataSource source = config.source();
        Optional<ModelKind.PublishedScore> published = source instanceof DataSource.Catalog c
                ? config.model().published(c.dataset()) : Optional.empty();
        return new Benchmark(config, Experiment.metricsFor(source).get(0), runs, seeds, published);
    }

    /** The metric's mean over tasks on {@code split} ({@code train}, {@code valid}, {@code test}), summarized over seeds. */
    public Summary summary(String split) {
        double[] values = runs.stream().mapToDouble(r -> r.scores().get(split).get(metric.id())).toArray();
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new Summary(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : Double.NaN);
    }

    /** The report: one line per split with mean ± sd and the per-seed scores, and the published figure. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        ExperimentResult first = runs.get(0);
        sb.append(String.format(Locale.ROOT, "%s | %s | %s split | seeds %s | %s%n", config.source().name(),
                config.model().name(), config.splitter().id(), seeds, metric.id()));
        sb.append(String.format(Locale.ROOT, "%-6s %-17s %-28s %s%n", "split", "mean ± sd", "per seed",
                "MoleculeNet (test)"));
        for (String split : List.of("train", "valid", "test")) {
            Summary s = summary(split);
            List<String> each = runs.stream().map(r -> String.format(Locale.ROOT, "%.3f",
                    r.scores().get(split).get(metric.id()))).toList();
            String publishedText = !split.equals("test") ? ""
                    : published.map(p -> String.format(Locale.ROOT, "%.3f ± %.3f", p.testMean(), p.testSd()))
                            .orElse("not published");
            sb.append(String.format(Locale.ROOT, "%-6s %-17s %-28s %s%n", split,
                    Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.3f", s.mean())
                            : String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), s.sd()),
                    String.join(" ", each), publishedText));
        }
        sb.append(String.format(Locale.ROOT, "train %.2f s/epoch (mean over runs) | %d molecules: %s",
                runs.stream().mapToDouble(ExperimentResult::secondsPerEpoch).filter(d -> !Double.isNaN(d)).average()
                        .orElse(Double.NaN),
                first.splitSizes().stream().mapToInt(Integer::intValue).sum(), first.splitSizes()));
        return sb.toString();
    }
}
