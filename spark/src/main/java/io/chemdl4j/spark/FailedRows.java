package io.chemdl4j.spark;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The rows of one partition that could not be featurized, as CSV ({@code id,smiles,reason}) in a directory beside the
 * job's output: {@code part-NNNNN.csv} per partition that had any, written under {@code _temporary/} and renamed when
 * the partition is done, so a retried or speculative task leaves one whole file (the same rows: the input and the
 * featurizer are deterministic). {@link #finish} on the driver removes what failed attempts left and marks the
 * directory {@code _SUCCESS}. Not thread-safe: one per task.
 */
final class FailedRows implements AutoCloseable {
    private static final String TEMPORARY = "_temporary";
    private final String directory;
    private final int partition;
    private final long attempt;
    private CSVPrinter out;
    private Path temporary;
    private long count;

    /** The failures of partition {@code partition}, attempt {@code attempt}, for {@code directory}. */
    FailedRows(String directory, int partition, long attempt) {
        this.directory = directory;
        this.partition = partition;
        this.attempt = attempt;
    }

    /** Adds one failed row. */
    void add(String id, String smiles, String reason) throws IOException {
        if (out == null) {
            temporary = new Path(new Path(directory, TEMPORARY), String.format("part-%05d-%d.csv", partition, attempt));
            FileSystem fs = temporary.getFileSystem(new Configuration());
            out = new CSVPrinter(new OutputStreamWriter(fs.create(temporary, true), StandardCharsets.UTF_8),
                    CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            out.printRecord("id", "smiles", "reason");
        }
        out.printRecord(id, smiles, reason);
        count++;
    }

    /** Rows added. */
    long count() {
        return count;
    }

    /** Publishes the partition's file (when it had failures): called once its rows are all read. */
    void commit() throws IOException {
        if (out == null) {
            return;
        }
        out.close();
        out = null;
        Path done = new Path(directory, String.format("part-%05d.csv", partition));
        FileSystem fs = done.getFileSystem(new Configuration());
        fs.delete(done, false);
        if (!fs.rename(temporary, done)) {
            throw new IOException("cannot rename " + temporary + " to " + done);
        }
    }

    /** Drops an unfinished file (a failed or killed task). */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            temporary.getFileSystem(new Configuration()).delete(temporary, false);
        }
    }

    /**
     * Prepares {@code directory} on the driver before a job: refuses an existing one unless {@code overwrite}, which
     * deletes it.
     */
    static void prepare(String directory, boolean overwrite, Configuration conf) throws IOException {
        Path dir = new Path(directory);
        FileSystem fs = dir.getFileSystem(conf);
        if (fs.exists(dir)) {
            if (!overwrite) {
                throw new IllegalArgumentException(directory + " exists; choose another or overwrite it (--overwrite)");
            }
            fs.delete(dir, true);
        }
        fs.mkdirs(dir);
    }

    /** Completes {@code directory} on the driver after a job: removes what failed attempts left, marks it done. */
    static void finish(String directory, Configuration conf) throws IOException {
        Path dir = new Path(directory);
        FileSystem fs = dir.getFileSystem(conf);
        fs.delete(new Path(dir, TEMPORARY), true);
        fs.create(new Path(dir, "_SUCCESS"), true).close();
    }
}
