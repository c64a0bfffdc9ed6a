package io.chemdl4j.cli;

import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.training.TrainingCurve;

/** Progress bars on stderr, only when a person is watching (a terminal) and not asked to be quiet. */
final class Progress {
    private Progress() {
    }

    /** Whether bars are shown: a terminal, and no {@code --quiet}. */
    static boolean shown(boolean quiet) {
        return !quiet && System.console() != null;
    }

    /** A bar of unknown length counting molecules, or {@code null} when bars are not {@link #shown}. */
    static ProgressBar bar(String task, boolean quiet) {
        if (!shown(quiet)) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" mols", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    /**
     * Bars for a training run: molecules featurized, then epochs (with the validation score as the bar's
     * message), one epoch bar per ensemble member or benchmark run. Does nothing when bars are not shown.
     */
    static final class Run implements Experiment.Listener, AutoCloseable {
        private final boolean shown;
        private final String label;
        private ProgressBar featurize;
        private ProgressBar epochs;
        private int lastEpoch;

        Run(String label, boolean quiet) {
            this.shown = shown(quiet);
            this.label = label;
        }

        @Override
        public void rowsFeaturized(long rows) {
            if (!shown) {
                return;
            }
            if (featurize == null) {
                featurize = bar("featurize " + label, false);
            }
            featurize.stepTo(rows);
        }

        @Override
        public void epochDone(int member, TrainingCurve.Point point, int maxEpochs) {
            if (!shown) {
                return;
            }
            if (featurize != null) {
                featurize.close();
                featurize = null;
            }
            if (epochs == null || point.epoch() <= lastEpoch) {
                if (epochs != null) {
                    epochs.close();
                }
                epochs = new ProgressBarBuilder().setTaskName("train " + label + (member > 0 ? " #" + (member + 1) : ""))
                        .setInitialMax(maxEpochs).setUnit(" epochs", 1).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500).continuousUpdate().build();
            }
            lastEpoch = point.epoch();
            epochs.stepTo(point.epoch());
            epochs.setExtraMessage(String.format(Locale.ROOT, "valid %.3f", point.validScore()));
        }

        @Override
        public void close() {
            if (featurize != null) {
                featurize.close();
            }
            if (epochs != null) {
                epochs.close();
            }
        }
    }
}
