package io.chemdl4j.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, only when a person is watching (a terminal) and not asked to be quiet. */
final class Progress {
    private Progress() {
    }

    /** A bar of unknown length, or {@code null} when output is not a terminal or {@code quiet} is set. */
    static ProgressBar bar(String task, boolean quiet) {
        if (quiet || System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" mols", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
    }
}
