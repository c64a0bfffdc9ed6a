package io.chemdl4j.models.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chemdl4j.featurize.fingerprint.EcfpFeaturizer;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.models.predict.SavedModel;

/** Atom contributions of a saved ECFP model (the format-4 golden multitask classifier, 32-bit ECFP4). */
class FingerprintExplainerTest {
    @TempDir
    Path dir;

    private static SavedModel golden(String name) throws Exception {
        return ModelIO.load(Path.of(FingerprintExplainerTest.class.getResource("/golden/" + name + "/"
                + ModelIO.MANIFEST).toURI()).getParent());
    }

    @Test
    void theAtomsShareExactlyTheEffectsOfTheBitsTheirEnvironmentsSet() throws Exception {
        SavedModel model = golden("v4-multitask-classifier");
        FingerprintExplainer explainer = new FingerprintExplainer(model);
        EcfpFeaturizer ecfp = EcfpFeaturizer.fromSpec(model.featurizer());
        for (String smiles : List.of("CCO", "c1ccccc1C(=O)O", "CC(=O)Nc1ccc(O)cc1", "C1CCCCC1N")) {
            AtomContributions c = explainer.explain(List.of(smiles), "b").get(0);
            float[] x = ecfp.featurize(smiles);
            double base = model.predictFeatures(new float[][] {x})[0][1];
            assertEquals(base, c.prediction(), 1e-6, smiles);
            // independently: clear each set bit, predict, add up the differences
            double effects = 0;
            for (int bit = 0; bit < x.length; bit++) {
                if (x[bit] != 0) {
                    float[] cleared = x.clone();
                    cleared[bit] = 0;
                    effects += base - model.predictFeatures(new float[][] {cleared})[0][1];
                }
            }
            assertEquals(effects, Arrays.stream(c.atoms()).sum(), 1e-6, smiles);
            assertEquals(io.chemdl4j.featurize.MoleculeParser.parseSmiles(smiles).getAtomCount(), c.atoms().length);
        }
    }

    @Test
    void symmetricAtomsContributeAlike() throws Exception {
        AtomContributions glycol = new FingerprintExplainer(golden("v4-multitask-classifier"))
                .explain(List.of("OCCO"), "a").get(0);
        double[] a = glycol.atoms();
        assertEquals(a[0], a[3], 1e-9);
        assertEquals(a[1], a[2], 1e-9);
        assertEquals(List.of("O", "C", "C", "O"), List.of(glycol.symbols()));
    }

    @Test
    void unreadableMoleculesAreSkippedAndWrongRequestsRefused() throws Exception {
        FingerprintExplainer explainer = new FingerprintExplainer(golden("v4-multitask-classifier"));
        List<AtomContributions> out = explainer.explain(List.of("CCO", "C1CC(", "c1ccccc1"), "a");
        assertEquals(3, out.size());
        assertNull(out.get(1));
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
                () -> explainer.explain(List.of("CCO"), "z"));
        assertTrue(task.getMessage().contains("no task 'z'"), task.getMessage());
        IllegalArgumentException graph = assertThrows(IllegalArgumentException.class,
                () -> new FingerprintExplainer(golden("v4-dmpnn-regressor")));
        assertTrue(graph.getMessage().contains("need a model on ECFP or FCFP fingerprints"), graph.getMessage());
    }

    @Test
    void eachKindGetsItsExplainerAndAMulticlassModelNone() throws Exception {
        assertTrue(Explainer.of(golden("v4-multitask-classifier")) instanceof FingerprintExplainer);
        SavedModel dmpnn = golden("v4-dmpnn-regressor");
        Explainer gradients = Explainer.of(dmpnn);
        assertTrue(gradients instanceof GradientExplainer);
        AtomContributions ethanol = gradients.explain(List.of("CCO"), "solubility").get(0);
        assertEquals(3, ethanol.atoms().length);
        assertEquals(dmpnn.predictSmiles("test", List.of("CCO")).values()[0][0], ethanol.prediction(), 1e-6);
        SavedModel graphconv = golden("v4-graphconv-regressor");
        AtomContributions phenol = Explainer.of(graphconv).explain(List.of("Oc1ccccc1"), "solubility").get(0);
        assertEquals(7, phenol.atoms().length);
        assertEquals(graphconv.predictSmiles("test", List.of("Oc1ccccc1")).values()[0][0], phenol.prediction(), 1e-6);
        IllegalArgumentException multiclass = assertThrows(IllegalArgumentException.class,
                () -> Explainer.of(golden("v6-multitask-multiclass")));
        assertTrue(multiclass.getMessage().contains("multiclass models are not supported"), multiclass.getMessage());
    }

    @Test
    void explanationsAreWrittenAsNumbersAndPictures() throws Exception {
        FingerprintExplainer explainer = new FingerprintExplainer(golden("v4-multitask-classifier"));
        List<AtomContributions> out = explainer.explain(List.of("CC(=O)Nc1ccc(O)cc1", "C1CC("), "a");
        List<Path> pictures = Explanations.write(List.of(7L, 8L), out, dir);
        assertEquals(List.of(dir.resolve("7-a.png")), pictures);
        var image = javax.imageio.ImageIO.read(pictures.get(0).toFile());
        assertEquals(ContributionMap.WIDTH, image.getWidth());
        assertEquals(ContributionMap.HEIGHT, image.getHeight());
        List<String> lines = Files.readAllLines(dir.resolve(Explanations.CSV));
        assertEquals("row,smiles,task,prediction,atom,symbol,contribution", lines.get(0));
        assertEquals(1 + 11, lines.size(), "one line per atom of paracetamol: " + lines);
        assertTrue(lines.get(1).startsWith("7,CC(=O)Nc1ccc(O)cc1,a,"), lines.get(1));
    }
}
