package io.chemdl4j.cli;

import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import io.chemdl4j.featurize.io.StreamingFeaturizer;
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

    /**
     * A bar over the input file's bytes (compressed bytes for gzip), with the molecules done as its message: a
     * fraction of the file, not an open count. {@link FileBar#finish()} fills it when the run succeeds, so that it
     * never stays on screen unfinished. Shows nothing when bars are not {@link #shown}.
     */
    static FileBar fileBar(String task, boolean quiet) {
        return new FileBar(task, shown(quiet));
    }

    /** See {@link #fileBar}. */
    static final class FileBar implements StreamingFeaturizer.ProgressListener, AutoCloseable {
        private final String task;
        private final boolean shown;
        private ProgressBar bar;

        private FileBar(String task, boolean shown) {
            this.task = task;
            this.shown = shown;
        }

        @Override
        public void bytesRead(long read, long size) {
            if (!shown) {
                return;
            }
            if (bar == null) {
                boolean large = size > 64L << 20;
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(size > 0 ? size : -1)
                        .setUnit(large ? " MB" : " KB", large ? 1 << 20 : 1 << 10)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
            }
            bar.stepTo(size > 0 ? Math.min(read, size) : read);
        }

        @Override
        public void rowsDone(long rows) {
            if (bar != null) {
                bar.setExtraMessage(String.format(Locale.ROOT, " %,d mols", rows));
            }
        }

        @Override
        public void resumed(long rows) {
            System.err.printf(Locale.ROOT, "chemdl %s: resuming the interrupted run after its %,d rows done%n", task, rows);
        }

        @Override
        public void interruptedRunDiscarded() {
            System.err.printf(Locale.ROOT, "chemdl %s: starting over; the partial output of an interrupted run was "
                    + "discarded (--resume continues one)%n", task);
        }

        /** Fills the bar: the whole file was read. */
        void finish() {
            if (bar != null && bar.getMax() > 0) {
                bar.stepTo(bar.getMax());
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /**
     * Bars for a training run: molecules featurized, then epochs (with the validation score as the bar's
     * message), one epoch bar per ensemble member or benchmark run. Does nothing when bars are not shown.
     */
    static final class Run implements Experiment.Listener, AutoCloseable {
        private final boolean shown;
        private final String label;
        private FileBar featurize;
        private ProgressBar epochs;
        private int lastStep;

        Run(String label, boolean quiet) {
            this.shown = shown(quiet);
            this.label = label;
        }

        @Override
        public void rowsFeaturized(long rows) {
            if (featurize != null) {
                featurize.rowsDone(rows);
            }
        }

        @Override
        public void inputRead(long read, long size) {
            if (!shown) {
                return;
            }
            if (featurize == null) {
                featurize = new FileBar("featurize " + label, true);
            }
            featurize.bytesRead(read, size);
        }

        @Override
        public void epochDone(int member, TrainingCurve.Point point, int maxEpochs) {
            if (shown) {
                step(member, point.epoch(), maxEpochs, " epochs");
                epochs.setExtraMessage(String.format(Locale.ROOT, "valid %.3f", point.validScore()));
            }
        }

        @Override
        public void partDone(int member, int done, int total) {
            if (shown) {
                step(member, done, total, " tasks");
            }
        }

        /** Moves the training bar to {@code done} of {@code max}; a new member (or run) starts a new bar. */
        private void step(int member, int done, int max, String unit) {
            if (featurize != null) {
                featurize.finish();
                featurize.close();
                featurize = null;
            }
            if (epochs == null || done <= lastStep) {
                if (epochs != null) {
                    epochs.close();
                }
                epochs = new ProgressBarBuilder().setTaskName("train " + label + (member > 0 ? " #" + (member + 1) : ""))
                        .setInitialMax(max).setUnit(unit, 1).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500).continuousUpdate().build();
            }
            lastStep = done;
            epochs.stepTo(done);
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
