package io.chemdl4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

import io.chemdl4j.featurize.MoleculeLimits;
import io.chemdl4j.featurize.io.FragmentPolicy;
import io.chemdl4j.featurize.io.MoleculeRecord;
import io.chemdl4j.featurize.io.StreamingFeaturizer;
import io.chemdl4j.models.Uncertainty;
import io.chemdl4j.models.metrics.Metric;
import io.chemdl4j.models.predict.SavedModel;
import scala.Tuple2;

/**
 * Featurizes and predicts one partition of {@code id, smiles} rows, keyed by their data row and sorted by it, in
 * chunks (bounded memory whatever the partition's size), as {@code chemdl predict} does a file: a chunk is the
 * molecules of one block of {@code chunkSize} data rows ({@link ChunkPartitioner} keeps blocks whole), so each
 * molecule is predicted in the same batch as there and gets the same numbers. The model is the executor's
 * ({@link ExecutorModels}), featurization keeps the same limits and time budget, and a molecule that cannot be
 * featurized goes to {@link FailedRows} instead of failing the task. Rows come out as
 * {@link ScreeningJob#predictionSchema}.
 */
final class PartitionScreener implements FlatMapFunction<Iterator<Tuple2<Long, Tuple2<String, String>>>, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> model;
    private final String errors;
    private final int samples;
    private final long seed;
    private final int chunkSize;
    private final MoleculeLimits limits;
    private final FragmentPolicy fragments;
    private final LongAccumulator predicted;
    private final LongAccumulator failed;

    /**
     * @param model     the model's {@link ModelArchive}
     * @param errors    directory of the failed rows
     * @param samples   Monte-Carlo dropout (or ensemble) samples for {@code <value>_std}; 0 for none
     * @param chunkSize data rows per block (chemdl predict's chunk)
     */
    PartitionScreener(Broadcast<byte[]> model, String errors, int samples, long seed, int chunkSize, MoleculeLimits limits,
                      FragmentPolicy fragments, LongAccumulator predicted, LongAccumulator failed) {
        this.model = model;
        this.errors = errors;
        this.samples = samples;
        this.seed = seed;
        this.chunkSize = chunkSize;
        this.limits = limits;
        this.fragments = fragments;
        this.predicted = predicted;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<Long, Tuple2<String, String>>> input) {
        SavedModel saved = ExecutorModels.get(model);
        return new Screened<>(saved, saved.inputs(), input);
    }

    /** The predicted rows of one partition, a chunk at a time. */
    private final class Screened<T> extends ChunkedRows<T> {
        private final SavedModel model;
        private final SavedModel.Inputs<T> inputs;
        private final Iterator<Tuple2<Long, Tuple2<String, String>>> input;
        /** The first row of the next chunk, read past the end of the last. */
        private Tuple2<Long, Tuple2<String, String>> next;

        Screened(SavedModel model, SavedModel.Inputs<T> inputs, Iterator<Tuple2<Long, Tuple2<String, String>>> input) {
            super(new StreamingFeaturizer<>(inputs.featurizer(), fragments, 1, chunkSize).withLimits(limits), errors);
            this.model = model;
            this.inputs = inputs;
            this.input = input;
        }

        @Override
        protected boolean inputLeft() {
            return next != null || input.hasNext();
        }

        @Override
        protected void nextChunk(List<Row> ready) {
            List<MoleculeRecord> records = new ArrayList<>(chunkSize);
            List<String> ids = new ArrayList<>(chunkSize);
            Tuple2<Long, Tuple2<String, String>> first = next != null ? next : input.next();
            next = null;
            long block = first._1() / chunkSize;
            for (Tuple2<Long, Tuple2<String, String>> row = first; row != null; ) {
                ids.add(row._2()._1());
                records.add(new MoleculeRecord(row._1(), row._2()._2(), null, Map.of()));
                row = input.hasNext() ? input.next() : null;
                if (row != null && row._1() / chunkSize != block) {
                    next = row;
                    row = null;
                }
            }
            List<StreamingFeaturizer.Outcome<T>> outcomes = session.featurize(records);
            List<T> features = new ArrayList<>(records.size());
            List<Integer> kept = new ArrayList<>(records.size());
            for (int i = 0; i < outcomes.size(); i++) {
                StreamingFeaturizer.Outcome<T> o = outcomes.get(i);
                if (o.error() == null) {
                    features.add(o.features());
                    kept.add(i);
                } else {
                    fail(ids.get(i), o.record().smiles(), o.error());
                }
            }
            failed.add(records.size() - kept.size());
            predicted.add(kept.size());
            // A chunk's masks come from its block's seed, as chemdl predict seeds its chunks (the same unless a whole
            // block of molecules failed there, which shifts its count).
            long chunkSeed = seed * 1_000_003L + block;
            if (features.isEmpty()) {
                return;
            }
            double[][] values = inputs.predict(features);
            Uncertainty spread = samples > 0 ? inputs.predictWithDropout(features, samples, chunkSeed) : null;
            int classes = model.model().classes();
            int tasks = model.model().tasks().size();
            for (int k = 0; k < kept.size(); k++) {
                int i = kept.get(k);
                List<Object> row = new ArrayList<>();
                row.add(ids.get(i));
                row.add(records.get(i).smiles());
                for (int t = 0; classes > 0 && t < tasks; t++) {
                    row.add(Metric.argmax(java.util.Arrays.copyOfRange(values[k], t * classes, (t + 1) * classes)));
                }
                for (double v : values[k]) {
                    row.add((float) v);
                }
                if (spread != null) {
                    for (double s : spread.std()[k]) {
                        row.add((float) s);
                    }
                }
                row.add(records.get(i).row());
                ready.add(RowFactory.create(row.toArray()));
            }
        }
    }
}
