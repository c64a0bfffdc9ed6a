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

    /**
     * An error sink writing CSV lines to {@code errors}, after the header line when {@code header} is set (a run
     * that resumes continues a list that has it); with {@code errors == null} the rows go nowhere.
     */
    public static StreamingFeaturizer.ErrorSink sink(Writer errors, boolean header) throws IOException {
        if (errors == null) {
            return e -> { };
        }
        // CSVPrinter writes straight through to the writer: flushing that writer flushes every line given here.
        CSVPrinter csv = new CSVPrinter(errors, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
        if (header) {
            csv.printRecord("row", "smiles", "reason");
        }
        return e -> csv.printRecord(e.row(), e.input(), e.reason());
    }
}
