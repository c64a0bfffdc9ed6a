package io.chemdl4j.models.bench;

import java.util.Locale;

import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.models.dmpnn.DmpnnConfig;
import io.chemdl4j.models.dmpnn.DmpnnModel;
import io.chemdl4j.models.graphconv.GraphConvConfig;
import io.chemdl4j.models.graphconv.GraphConvModel;
import io.chemdl4j.models.training.EpochRecord;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.load.LoadOptions;

/**
 * Training speed of the D-MPNN beside the graph convolution, in one run (not a test): seconds per epoch on
 * Tox21's training split (random split, seed 0) with each model's defaults, the first epoch (warm-up) left out
 * of the mean. Usage: {@code MessagePassingSpeedBenchmark EPOCHS}; {@code -Dchemdl.workers=1} for one compute
 * thread, {@code OMP_NUM_THREADS=1} as always. Chemprop v1.7.1 on one thread here: 10.0 s of CPU per epoch.
 */
public final class MessagePassingSpeedBenchmark {
    private MessagePassingSpeedBenchmark() {
    }

    public static void main(String[] args) {
        int epochs = Integer.parseInt(args[0]);
        DataSource tox21 = DataSource.of(MolNetDataset.TOX21);
        GraphDataset convmol = MolNet.loadGraphs(tox21, LoadOptions.defaults(0), new GraphFeaturizer()).train();
        GraphConvModel graphconv = new GraphConvModel(TaskType.CLASSIFICATION, convmol.tasks(),
                GraphFeaturizer.ATOM_FEATURES, GraphConvConfig.defaults());
        report("graphconv", graphconv.fit(convmol, epochs));
        GraphDataset chemprop = MolNet.loadGraphs(tox21, LoadOptions.defaults(0), new ChempropGraphFeaturizer()).train();
        DmpnnModel dmpnn = DmpnnModel.forTraining(TaskType.CLASSIFICATION, DmpnnConfig.defaults(), chemprop, epochs);
        report("dmpnn", dmpnn.fit(chemprop, epochs));
    }

    private static void report(String model, java.util.List<EpochRecord> records) {
        double mean = records.stream().skip(1).mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-10s Tox21 train split: %.2f s/epoch (epochs 2-%d; first %.2f s), %d workers%n",
                model, mean, records.size(), records.get(0).seconds(), io.chemdl4j.models.Nd4jRuntime.workers());
    }
}
