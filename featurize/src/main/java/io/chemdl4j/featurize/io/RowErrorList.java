package io.chemdl4j.featurize.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.chemdl4j.featurize.AtomicFiles;

/**
 * The {@code --errors} file of the streaming jobs: a CSV of {@code row,smiles,reason}, one line per
 * row that could not be read or featurized, written atomically once the job completes.
 */
public final class RowErrorList {
    private RowErrorList() {
    }

    /** A job that reports its failed rows to an error sink. */
    @FunctionalInterface
    public interface Job {
        /** Runs the job, reporting each bad row to {@code errors}. */
        void run(StreamingFeaturizer.ErrorSink errors) throws IOException;
    }

    /**
     * Runs {@code job}, listing its failed rows in {@code file}; with {@code file == null} the failed
     * rows are only counted by the job. The list appears only if the job completes.
     */
    public static void write(Path file, Job job) throws IOException {
        if (file == null) {
            job.run(e -> { });
            return;
        }
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord("row", "smiles", "reason");
            job.run(e -> csv.printRecord(e.row(), e.input(), e.reason()));
            csv.flush();
        });
    }
}
