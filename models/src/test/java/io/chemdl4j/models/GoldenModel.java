package io.chemdl4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chemdl4j.featurize.EcfpFeaturizer;
import io.chemdl4j.moleculenet.BalancingTransformer;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.Transformer;

/**
 * Writes the golden model committed under {@code src/test/resources/golden/}: a small classifier
 * saved in the current format, with the predictions it made when saved. Run once per new format
 * version into a new folder (never overwrite an old one):
 * {@code java -cp <test classpath> io.chemdl4j.models.GoldenModel models/src/test/resources/golden/v1-multitask-classifier}.
 */
final class GoldenModel {
    static final List<String> SMILES = List.of("CCO", "c1ccccc1O", "CC(=O)Oc1ccccc1C(=O)O", "CCN(CC)CC",
            "Clc1ccc(Cl)cc1", "OC(=O)CCC(=O)O", "C1CCCCC1", "c1ccncc1");
    static final String EXPECTED = "expected-predictions.csv";

    private GoldenModel() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        EcfpFeaturizer featurizer = new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withLength(32));
        float[][] x = new float[SMILES.size()][];
        float[][] y = new float[SMILES.size()][2];
        for (int i = 0; i < x.length; i++) {
            x[i] = featurizer.featurize(SMILES.get(i));
            y[i][0] = i % 2;
            y[i][1] = i < 4 ? 1 : 0;
        }
        Dataset raw = Dataset.of(x, y, null, SMILES.toArray(new String[0]), List.of("a", "b"));
        List<Transformer> transformers = List.of(BalancingTransformer.fit(raw));
        MultitaskClassifier model = new MultitaskClassifier(raw.tasks(), 32,
                MultitaskConfig.defaults().withLayerSizes(List.of(8)).withSeed(5));
        model.fit(Transformer.transformAll(raw, transformers), 5);
        model.save(out, featurizer.spec(), transformers);
        SavedModel.Predictions p = ModelIO.load(out).predictSmiles("golden", SMILES);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SMILES.size(); i++) {
            lines.add(String.format(Locale.ROOT, "%s,%.17g,%.17g", SMILES.get(i), p.values()[i][0], p.values()[i][1]));
        }
        write(out.resolve(EXPECTED), lines);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
    }
}
