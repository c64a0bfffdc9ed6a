package io.chemdl4j.models.explain;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.openscience.cdk.CDKConstants;
import org.openscience.cdk.depict.DepictionGenerator;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.renderer.SymbolVisibility;
import org.openscience.cdk.renderer.generators.standard.StandardGenerator;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.featurize.MoleculeParser;
import io.chemdl4j.featurize.io.AtomicFiles;

/**
 * Draws {@link AtomContributions} as a similarity map (Riniker and Landrum 2013) with CDK's depiction: each atom
 * glows red where it raises the prediction and blue where it lowers it, the stronger the more it does (scaled to the
 * molecule's largest contribution), and the atoms that matter most carry their contribution as a label. Stateless.
 */
public final class ContributionMap {
    /** Picture width and height in pixels. */
    public static final int WIDTH = 600;
    public static final int HEIGHT = 450;
    private static final Color RAISES = new Color(214, 39, 40);
    private static final Color LOWERS = new Color(31, 119, 180);
    /** Contributions below this share of the largest are not drawn. */
    private static final double SHOWN = 0.05;
    /** Contributions from this share of the largest up are labelled with their value. */
    private static final double LABELLED = 0.6;

    private ContributionMap() {
    }

    /** The map of {@code contributions} as an image. */
    public static BufferedImage image(AtomContributions contributions) throws IOException {
        IAtomContainer molecule;
        try {
            molecule = MoleculeParser.parseSmiles(contributions.smiles());
        } catch (InvalidMoleculeException e) {
            throw new IOException("cannot draw " + contributions.smiles() + ": " + e.getMessage(), e);
        }
        double[] values = contributions.atoms();
        if (molecule.getAtomCount() != values.length) {
            throw new IllegalArgumentException("the contributions are of " + values.length + " atoms; "
                    + contributions.smiles() + " has " + molecule.getAtomCount());
        }
        double max = contributions.maxAbs();
        for (int a = 0; a < values.length; a++) {
            IAtom atom = molecule.getAtom(a);
            double share = max == 0 ? 0 : Math.abs(values[a]) / max;
            if (share >= SHOWN) {
                atom.setProperty(StandardGenerator.HIGHLIGHT_COLOR, blend(values[a] > 0 ? RAISES : LOWERS, share));
            }
            if (share >= LABELLED) {
                atom.setProperty(StandardGenerator.ANNOTATION_LABEL, String.format(Locale.ROOT, "%+.2f", values[a]));
            }
        }
        molecule.setProperty(CDKConstants.TITLE, String.format(Locale.ROOT, "%s = %.3g  (red raises, blue lowers)",
                contributions.task(), contributions.prediction()));
        try {
            // highlighted carbons would show their symbols unless the visibility is set explicitly
            return new DepictionGenerator().withSize(WIDTH, HEIGHT).withOuterGlowHighlight(7).withMolTitle()
                    .withTitleColor(Color.BLACK).withAnnotationColor(Color.DARK_GRAY).withFillToFit()
                    .withParam(StandardGenerator.Visibility.class,
                            SymbolVisibility.iupacRecommendationsWithoutTerminalCarbon())
                    .depict(molecule).toImg();
        } catch (CDKException e) {
            throw new IOException("cannot lay out " + contributions.smiles() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the map of {@code contributions} to {@code file} as PNG, atomically. */
    public static void writePng(AtomContributions contributions, Path file) throws IOException {
        BufferedImage image = image(contributions);
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    /** {@code color} faded towards white as {@code share} goes from 1 to 0. */
    private static Color blend(Color color, double share) {
        double s = 0.2 + 0.6 * Math.min(1, share);
        return new Color((int) Math.round(255 - s * (255 - color.getRed())),
                (int) Math.round(255 - s * (255 - color.getGreen())), (int) Math.round(255 - s * (255 - color.getBlue())));
    }
}
