package io.chemdl4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chemdl4j.featurize.graph.ChempropGraphFeaturizer;
import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.featurize.graph.GraphFeaturizer;
import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.dmpnn.DmpnnConfig;
import io.chemdl4j.models.dmpnn.DmpnnModel;
import io.chemdl4j.models.forest.RandomForestConfig;
import io.chemdl4j.models.forest.RandomForestModel;
import io.chemdl4j.models.graphconv.GraphConvConfig;
import io.chemdl4j.models.graphconv.GraphConvModel;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.multitask.MultitaskClassifier;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.models.multitask.MultitaskMulticlass;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.BalancingTransformer;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * Writes the golden models committed under {@code src/test/resources/golden/}: small models saved in
 * the current format, with the predictions they made when saved. Run once per new format version into
 * a new folder (never overwrite an old one):
 * {@code java -cp <test classpath> io.chemdl4j.models.GoldenModel models/src/test/resources/golden/v1-multitask-classifier}
 * for the multitask classifier, with a second argument {@code graphconv} for the graph-convolution
 * regressor ({@code golden/v2-graphconv-regressor}, {@code golden/v4-graphconv-regressor}) or
 * {@code random_forest} for a random-forest classifier ({@code golden/v3-random-forest-classifier} in XGBoost's
 * UBJSON, {@code golden/v7-random-forest-classifier} as arrays) or
 * {@code dmpnn} for a D-MPNN regressor with descriptor features ({@code golden/v4-dmpnn-regressor}) or
 * {@code ensemble} for an ensemble of two multitask classifiers ({@code golden/v5-ensemble-classifier}) or
 * {@code multiclass} for a multitask network of two three-class tasks ({@code golden/v6-multitask-multiclass}).
 */
final class GoldenModel {
    static final List<String> SMILES = List.of("CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC",
            "Clc1ccc(Cl)cc1", "OC(=O)CCC(=O)O", "C1CCCCC1", "c1ccncc1");
    static final String EXPECTED = "expected-predictions.csv";

    private GoldenModel() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String kind = args.length > 1 ? args[1] : "multitask";
        switch (kind) {
            case "graphconv" -> writeGraphConv(out);
            case "random_forest" -> writeRandomForest(out);
            case "dmpnn" -> writeDmpnn(out);
            case "ensemble" -> writeEnsemble(out);
            case "multiclass" -> writeMulticlass(out);
            default -> writeMultitask(out);
        }
        SavedModel.Predictions p = ModelIO.load(out).predictSmiles("golden", SMILES);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SMILES.size(); i++) {
            StringBuilder line = new StringBuilder(SMILES.get(i));
            for (double v : p.values()[i]) {
                line.append(String.format(Locale.ROOT, ",%.17g", v));
            }
            lines.add(line.toString());
        }
        write(out.resolve(EXPECTED), lines);
    }

    /** A regressor of one task on normalized labels, with dropout, as chemdl train --model graphconv saves it. */
    private static void writeGraphConv(Path out) throws Exception {
        GraphFeaturizer featurizer = new GraphFeaturizer();
        List<MolecularGraph> graphs = new ArrayList<>();
        float[][] y = new float[SMILES.size()][1];
        for (int i = 0; i < SMILES.size(); i++) {
            graphs.add(featurizer.featurize(SMILES.get(i)));
            y[i][0] = -1.5f + 0.5f * i;
        }
        Dataset labels = Dataset.of(new float[SMILES.size()][0], y, null, SMILES.toArray(new String[0]),
                List.of("solubility"));
        List<Transformer> transformers = List.of(NormalizationTransformer.fit(labels));
        GraphConvModel model = new GraphConvModel(TaskType.REGRESSION, labels.tasks(), GraphFeaturizer.ATOM_FEATURES,
                GraphConvConfig.defaults().withConvLayers(List.of(8, 8)).withDenseSize(16).withDropout(0.1)
                        .withSeed(5));
        model.fit(GraphDataset.of(graphs, labels).transform(transformers), 5);
        model.save(out, featurizer.spec(), transformers);
    }

    /** A D-MPNN regressor of one task on normalized labels, with extra descriptor features and dropout. */
    private static void writeDmpnn(Path out) throws Exception {
        ChempropGraphFeaturizer featurizer = new ChempropGraphFeaturizer(ChempropGraphFeaturizer.ExtraFeatures.DESCRIPTORS);
        List<MolecularGraph> graphs = new ArrayList<>();
        float[][] y = new float[SMILES.size()][1];
        for (int i = 0; i < SMILES.size(); i++) {
            graphs.add(featurizer.featurize(SMILES.get(i)));
            y[i][0] = -1.5f + 0.5f * i;
        }
        Dataset labels = Dataset.of(new float[SMILES.size()][0], y, null, SMILES.toArray(new String[0]),
                List.of("solubility"));
        List<Transformer> transformers = List.of(NormalizationTransformer.fit(labels));
        GraphDataset train = GraphDataset.of(graphs, labels).transform(transformers);
        DmpnnModel model = DmpnnModel.forTraining(TaskType.REGRESSION, DmpnnConfig.defaults().toBuilder()
                .hiddenSize(8).ffnHiddenSize(6).dropout(0.1).batchSize(4).seed(5).build(), train, 5);
        model.fit(train, 5);
        model.save(out, featurizer.spec(), transformers);
    }

    /** Two classification tasks on ECFP folded to 32 bits. */
    private static Dataset fingerprints(EcfpFeaturizer featurizer) throws Exception {
        float[][] x = new float[SMILES.size()][];
        float[][] y = new float[SMILES.size()][2];
        for (int i = 0; i < x.length; i++) {
            x[i] = featurizer.featurize(SMILES.get(i));
            y[i][0] = i % 2;
            y[i][1] = i < 4 ? 1 : 0;
        }
        return Dataset.of(x, y, null, SMILES.toArray(new String[0]), List.of("a", "b"));
    }

    private static void writeRandomForest(Path out) throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(32));
        Dataset raw = fingerprints(featurizer);
        List<Transformer> transformers = List.of(BalancingTransformer.fit(raw));
        RandomForestModel.fit(TaskType.CLASSIFICATION, Transformer.transformAll(raw, transformers),
                RandomForestConfig.defaults().withTrees(10).withSeed(5), 1).save(out, featurizer.spec(), transformers);
    }

    private static void writeMultitask(Path out) throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(32));
        Dataset raw = fingerprints(featurizer);
        List<Transformer> transformers = List.of(BalancingTransformer.fit(raw));
        MultitaskClassifier model = new MultitaskClassifier(raw.tasks(), 32,
                MultitaskConfig.defaults().withLayerSizes(List.of(8)).withSeed(5));
        model.fit(Transformer.transformAll(raw, transformers), 5);
        model.save(out, featurizer.spec(), transformers);
    }

    /** Two multitask classifiers (seeds 5 and 6) saved as one ensemble, as chemdl train --ensemble 2 saves them. */
    private static void writeEnsemble(Path out) throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(32));
        Dataset raw = fingerprints(featurizer);
        List<Transformer> transformers = List.of(BalancingTransformer.fit(raw));
        List<MultitaskClassifier> members = new ArrayList<>();
        for (long seed : new long[] {5, 6}) {
            MultitaskClassifier model = new MultitaskClassifier(raw.tasks(), 32,
                    MultitaskConfig.defaults().withLayerSizes(List.of(8)).withSeed(seed));
            model.fit(Transformer.transformAll(raw, transformers), 5);
            members.add(model);
        }
        ModelIO.writeEnsemble(out, members.size(), raw.tasks(), featurizer.spec(), transformers,
                (i, dir) -> members.get(i).save(dir, featurizer.spec(), transformers));
    }

    /** Two tasks of classes 0..2 (the second without class 1), no transformers, as chemdl train saves multiclass. */
    private static void writeMulticlass(Path out) throws Exception {
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(32));
        Dataset binary = fingerprints(featurizer);
        float[][] x = new float[binary.size()][];
        float[][] y = new float[binary.size()][2];
        for (int i = 0; i < x.length; i++) {
            x[i] = binary.featureRow(i);
            y[i][0] = i % 3;
            y[i][1] = i < 4 ? 2 : 0;
        }
        Dataset raw = Dataset.of(x, y, null, SMILES.toArray(new String[0]), List.of("a", "b"));
        MultitaskMulticlass model = new MultitaskMulticlass(raw.tasks(), 32,
                MultitaskConfig.defaults().withLayerSizes(List.of(8)).withSeed(5), 3);
        model.fit(raw, 5);
        model.save(out, featurizer.spec(), List.of());
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
    }
}
