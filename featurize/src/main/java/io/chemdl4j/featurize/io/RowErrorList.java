package io.chemdl4j.featurize.io;

import java.io.IOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code --errors} file of the streaming jobs: a CSV of {@code row,smiles,reason}, one line per
 * row that could not be read or featurized (staged and committed with the output, {@link ResumableOutput}).
 */
public final class RowErrorList {
    private RowErrorList() {
    }

    /** An error sink that writes the list and counts the rows listed. Not thread-safe: one writing thread. */
    public static final class Sink implements StreamingFeaturizer.ErrorSink {
        private final CSVPrinter csv;
        private long failed;

        private Sink(CSVPrinter csv, long failedBefore) {
            this.csv = csv;
            this.failed = failedBefore;
        }

        @Override
        public void accept(io.chemdl4j.featurize.io.RowError e) throws IOException {
            failed++;
            if (csv != null) {
                csv.printRecord(e.row(), e.input(), e.reason());
            }
        }

        /** The rows listed so far, those of the run resumed included. */
        public long failed() {
            return failed;
        }
    }

    /**
     * An error sink writing CSV lines to {@code errors}, after the header line when {@code header} is set (a run
     * that resumes continues a list that has it); with {@code errors == null} the rows are only counted, from
     * {@code failedBefore} (the failed rows of the run resumed).
     */
    public static Sink sink(Writer errors, boolean header, long failedBefore) throws IOException {
        if (errors == null) {
            return new Sink(null, failedBefore);
        }
        // CSVPrinter writes straight through to the writer: flushing that writer flushes every line given here.
        CSVPrinter csv = new CSVPrinter(errors, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
        if (header) {
            csv.printRecord("row", "smiles", "reason");
        }
        return new Sink(csv, failedBefore);
    }
}
