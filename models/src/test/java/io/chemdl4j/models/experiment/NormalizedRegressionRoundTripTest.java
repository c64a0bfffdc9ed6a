package io.chemdl4j.models.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.multitask.MultitaskConfig;
import io.chemdl4j.models.multitask.MultitaskRegressor;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.catalog.MolNet;
import io.chemdl4j.moleculenet.catalog.MolNetData;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataFiles;
import io.chemdl4j.moleculenet.load.LoadOptions;
import io.chemdl4j.moleculenet.transform.NormalizationTransformer;

/**
 * Delaney trained with normalized labels: predictions, once the transformer is undone, are in log
 * mol/L, checked against the raw labels read straight from the published file (not through the
 * toolkit's loader).
 */
class NormalizedRegressionRoundTripTest {

    @Test
    void predictionsComeBackInLogMolPerLitre() throws Exception {
        // ECFP counts, as the Delaney defaults (validation RMSE ~0.93 against ~1.43 with bits)
        MolNetData<Dataset> data = MolNet.loadDelaney(LoadOptions.defaults(0)
                .withFeaturizer(new EcfpFeaturizer(EcfpFeaturizer.Options.defaults().withCounts(true))));
        assertTrue(data.transformers().get(0) instanceof NormalizationTransformer);
        MultitaskRegressor model = new MultitaskRegressor(data.tasks(), data.train().featureCount(),
                MultitaskConfig.defaults().withSeed(0));
        model.fit(data.train(), 50);

        Dataset test = data.test();
        double[][] normalized = model.predict(test);
        double[][] predictions = model.predict(test, data.transformers());

        Map<String, Double> raw = new HashMap<>();
        Path file = DataFiles.locate(MolNetDataset.DELANEY.fileName(), MolNetDataset.DELANEY.url(), null);
        try (BufferedReader reader = new BufferedReader(DataFiles.openText(file))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                raw.put(r.get("smiles"), Double.parseDouble(r.get("measured log solubility in mols per litre")));
            }
        }
        double squares = 0;
        double meanPrediction = 0;
        double meanNormalized = 0;
        double meanRaw = 0;
        for (int i = 0; i < test.size(); i++) {
            double truth = raw.get(test.id(i));
            squares += (predictions[i][0] - truth) * (predictions[i][0] - truth);
            meanPrediction += predictions[i][0] / test.size();
            meanNormalized += normalized[i][0] / test.size();
            meanRaw += truth / test.size();
        }
        double rmse = Math.sqrt(squares / test.size());
        System.out.printf("delaney normalized round trip: test RMSE %.3f log mol/L against the file's labels; "
                + "mean prediction %.2f, mean label %.2f, mean normalized output %.2f%n", rmse, meanPrediction, meanRaw,
                meanNormalized);
        assertTrue(rmse <= 1.2, "test RMSE " + rmse + " log mol/L");
        assertEquals(meanRaw, meanPrediction, 0.5);
        assertTrue(Math.abs(meanNormalized - meanPrediction) > 1, "the untransformed outputs differ from the normalized ones");
    }
}
