package io.chemdl4j.models.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.models.experiment.Experiment;
import io.chemdl4j.models.experiment.ExperimentConfig;
import io.chemdl4j.models.experiment.ExperimentResult;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.ModelEvaluation;
import io.chemdl4j.models.predict.SavedModel;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.load.DataSource;
import io.chemdl4j.moleculenet.split.SplitterType;
import io.chemdl4j.moleculenet.transform.FeatureClippingTransformer;
import io.chemdl4j.moleculenet.transform.FeatureNormalizationTransformer;

/**
 * A network on RDKit-named descriptors: their scales differ by orders of magnitude (and a descriptor may be
 * NaN), so the features are standardized on the training split and clipped; the model saves those
 * transformers, and {@code evaluate} scores it with them, giving back the training run's test score.
 */
class DescriptorFeaturesTest {
    @TempDir
    Path dir;

    @Test
    void aNetworkOnDescriptorsTrainsSavesAndEvaluatesAsTrained() throws Exception {
        ExperimentResult r = Experiment.run(ExperimentConfig.defaults(MolNetDataset.DELANEY, 0)
                .withFeaturizer(new FeaturizerSpec("descriptors", Map.of())).withEpochs(50));
        double test = r.scores().get("test").get("rmse");
        // Delaney's spread: 2.1 log units; RDKit's 208 descriptors give 0.88 here (its first 125 gave 1.02)
        assertTrue(test < 1.0, "test RMSE " + test);
        r.saver().save(dir.resolve("m"));
        SavedModel saved = ModelIO.load(dir.resolve("m"));
        assertTrue(saved.transformers().stream().anyMatch(t -> t instanceof FeatureNormalizationTransformer));
        assertTrue(saved.transformers().stream().anyMatch(t -> t instanceof FeatureClippingTransformer));
        ModelEvaluation.Result again = ModelEvaluation.evaluate(saved, DataSource.of(MolNetDataset.DELANEY),
                ModelEvaluation.Subset.TEST, SplitterType.RANDOM, 0, null, null);
        assertEquals(test, again.scores().means().get("rmse"), 1e-9);
        double[] p = saved.predictSmiles("t", List.of("CCO")).values()[0];
        assertTrue(Double.isFinite(p[0]) && p[0] > -2 && p[0] < 2, "ethanol is soluble: " + p[0]);
    }
}
