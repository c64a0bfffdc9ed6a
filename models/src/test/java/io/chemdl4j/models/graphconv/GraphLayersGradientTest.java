package io.chemdl4j.models.graphconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.chemdl4j.featurize.graph.MolecularGraph;
import io.chemdl4j.models.layers.GradientCheck;
import io.chemdl4j.models.layers.Pass;
import io.chemdl4j.moleculenet.GraphDataset;

/** The graph layers' backward passes against finite differences, by the same checker as every layer. */
class GraphLayersGradientTest {
    private final GraphLayout batch = layout();
    private final INDArray atoms = GradientCheck.randomMatrix(batch.atomCount, 5, 11);

    private static GraphLayout layout() {
        GraphDataset data = GraphConvModelTest.tiny();
        List<MolecularGraph> graphs = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            graphs.add(data.graph(i));
        }
        return GraphLayout.of(graphs);
    }

    @Test
    void degreeGraphConvolution() {
        DegreeGraphConv conv = new DegreeGraphConv(0, 5, 4, new Random(1), DataType.DOUBLE);
        conv.bind(batch);
        assertTrue(GradientCheck.check(conv, atoms, GradientCheck.pass(false, false)) > 100);
    }

    @Test
    void graphMaxPool() {
        GraphMaxPool pool = new GraphMaxPool();
        pool.bind(batch);
        GradientCheck.check(pool, atoms, GradientCheck.pass(false, false));
    }

    @Test
    void graphGatherGivesOneRowPerMolecule() {
        GraphGather gather = new GraphGather();
        gather.bind(batch);
        INDArray molecules = gather.forward(atoms, Pass.inference());
        assertEquals(batch.moleculeCount, molecules.rows());
        assertEquals(10, molecules.columns(), "sum and max of 5 features");
        GradientCheck.check(gather, atoms, GradientCheck.pass(false, false));
    }

    /** At a tie the gradient goes to the first holder of the maximum: the atom itself, then its neighbours in order. */
    @Test
    void graphMaxPoolGivesATiedMaximumToTheFirstHolder() {
        GraphMaxPool pool = new GraphMaxPool();
        pool.bind(batch);
        INDArray tied = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, batch.atomCount, 1);
        INDArray pooled = pool.forward(tied, Pass.inference());
        assertEquals(0, pooled.sumNumber().doubleValue());
        INDArray dx = pool.backward(org.nd4j.linalg.factory.Nd4j.ones(DataType.DOUBLE, batch.atomCount, 1),
                new java.util.HashMap<>());
        for (int i = 0; i < batch.atomCount; i++) {
            assertEquals(1, dx.getDouble(i, 0), "atom " + i + " keeps its own gradient");
        }
        // a neighbour above the atom wins; of two equal neighbours above it, the first in the atom's list
        int atom = -1;
        for (int i = 0; i < batch.atomCount && atom < 0; i++) {
            if (batch.neighbourStart[i + 1] - batch.neighbourStart[i] >= 2) {
                atom = i;
            }
        }
        int first = batch.neighbours[batch.neighbourStart[atom]];
        int second = batch.neighbours[batch.neighbourStart[atom] + 1];
        INDArray values = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, batch.atomCount, 1);
        values.putScalar(first, 0, 2.0);
        values.putScalar(second, 0, 2.0);
        pool.forward(values, Pass.inference());
        INDArray g = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, batch.atomCount, 1);
        g.putScalar(atom, 0, 1.0);
        INDArray routed = pool.backward(g, new java.util.HashMap<>());
        assertEquals(1, routed.getDouble(first, 0));
        assertEquals(0, routed.getDouble(second, 0));
        assertEquals(0, routed.getDouble(atom, 0));
    }

    /** A NaN among an atom's neighbours makes its maximum NaN, as Math.max does, and the atom keeps that gradient. */
    @Test
    void graphMaxPoolPassesNaNOnAndGivesItsGradientToTheAtom() {
        GraphMaxPool pool = new GraphMaxPool();
        pool.bind(batch);
        int atom = 0;
        while (batch.neighbourStart[atom + 1] == batch.neighbourStart[atom]) {
            atom++;
        }
        int neighbour = batch.neighbours[batch.neighbourStart[atom]];
        INDArray values = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, batch.atomCount, 1);
        values.putScalar(neighbour, 0, Double.NaN);
        INDArray pooled = pool.forward(values, Pass.inference());
        assertTrue(Double.isNaN(pooled.getDouble(atom, 0)));
        INDArray g = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, batch.atomCount, 1);
        g.putScalar(atom, 0, 1.0);
        INDArray routed = pool.backward(g, new java.util.HashMap<>());
        assertEquals(1, routed.getDouble(atom, 0));
        assertEquals(0, routed.getDouble(neighbour, 0));
    }

    /**
     * The single-precision loops (prediction's, and the graph gather's in training too) give exactly the values of
     * the double-precision ones rounded to float: max pooling without winners, the gather with and without its
     * argmax, batch normalization by the moving statistics, and the neighbour sums of a convolution whose neighbour
     * weights are the identity (so its products add exact zeros). Ties, a NaN and a maximum of zero held by a
     * negative zero before a positive one included.
     */
    @Test
    void singlePrecisionLoopsGiveTheDoublePrecisionValuesRounded() {
        INDArray doubles = GradientCheck.randomMatrix(batch.atomCount, 5, 12).castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
        doubles.putScalar(1, 2, doubles.getDouble(0, 2)); // ties
        doubles.putScalar(2, 2, doubles.getDouble(0, 2));
        doubles.putScalar(3, 4, Double.NaN);
        // a maximum of zero held first by -0.0, then by +0.0, in the first molecule: the first holder's sign stays
        int first = batch.moleculeAtoms[batch.moleculeStart[0]];
        int second = batch.moleculeAtoms[batch.moleculeStart[0] + 1];
        for (int k = batch.moleculeStart[0]; k < batch.moleculeStart[1]; k++) {
            int atom = batch.moleculeAtoms[k];
            doubles.putScalar(atom, 1, atom == first ? -0.0 : atom == second ? 0.0 : -1.0 - k);
        }
        INDArray floats = doubles.castTo(DataType.FLOAT);
        Pass prediction = new Pass(false, false, false, null, false);

        GraphMaxPool pool = new GraphMaxPool();
        pool.bind(batch);
        assertRounded(pool.forward(doubles, Pass.inference()), pool.forward(floats, prediction), "max pooling");

        GraphGather gather = new GraphGather();
        gather.bind(batch);
        INDArray gathered = gather.forward(doubles, Pass.inference());
        assertRounded(gathered, gather.forward(floats, Pass.inference()), "gather keeping its argmax");
        assertRounded(gathered, gather.forward(floats, prediction), "gather for predictions");

        io.chemdl4j.models.layers.BatchNorm wide = new io.chemdl4j.models.layers.BatchNorm("bn", 5, DataType.DOUBLE);
        io.chemdl4j.models.layers.BatchNorm narrow = new io.chemdl4j.models.layers.BatchNorm("bn", 5, DataType.FLOAT);
        for (String name : wide.state().keySet()) {
            INDArray values = GradientCheck.randomMatrix(1, 5, name.length()).mul(0.3).add(name.endsWith("Variance") ? 1 : 0)
                    .castTo(DataType.FLOAT);
            wide.state().get(name).assign(values);
            narrow.state().get(name).assign(values);
        }
        for (String name : wide.parameters().keySet()) {
            INDArray values = GradientCheck.randomMatrix(1, 5, 7 + name.length()).castTo(DataType.FLOAT);
            wide.parameters().get(name).assign(values);
            narrow.parameters().get(name).assign(values);
        }
        assertRounded(wide.forward(doubles, Pass.inference()), narrow.forward(floats, prediction), "batch normalization");

        DegreeGraphConv convWide = new DegreeGraphConv(0, 5, 5, new Random(1), DataType.DOUBLE);
        DegreeGraphConv convNarrow = new DegreeGraphConv(0, 5, 5, new Random(1), DataType.FLOAT);
        for (DegreeGraphConv conv : List.of(convWide, convNarrow)) {
            conv.bind(batch);
            conv.parameters().forEach((name, w) -> {
                if (name.contains("Wneighbour")) {
                    w.assign(org.nd4j.linalg.factory.Nd4j.eye(5));
                } else {
                    w.assign(0);
                }
            });
        }
        assertRounded(convWide.forward(doubles, prediction), convNarrow.forward(floats, prediction), "neighbour sums");
    }

    private static void assertRounded(INDArray expected, INDArray actual, String what) {
        assertEquals(DataType.FLOAT, actual.dataType(), what);
        float[] rounded = expected.castTo(DataType.FLOAT).data().asFloat();
        float[] values = actual.dup('c').data().asFloat();
        int first = java.util.Arrays.mismatch(rounded, values);
        assertEquals(-1, first, () -> what + ": value " + first + " is " + values[first] + ", not " + rounded[first]);
    }

    /** A backward pass after a pass for predictions alone is an error, not a gradient from a stale record. */
    @Test
    void backwardAfterAPredictionPassIsRefused() {
        Pass prediction = new Pass(false, false, false, null, false);
        INDArray floats = atoms.castTo(DataType.FLOAT);
        GraphMaxPool pool = new GraphMaxPool();
        pool.bind(batch);
        pool.forward(floats, Pass.inference());
        pool.forward(floats, prediction);
        INDArray dy = org.nd4j.linalg.factory.Nd4j.ones(DataType.FLOAT, batch.atomCount, 5);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> pool.backward(dy, new java.util.HashMap<>()));
        GraphGather gather = new GraphGather();
        gather.bind(batch);
        gather.forward(floats, Pass.inference());
        gather.forward(floats, prediction);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> gather.backward(org.nd4j.linalg.factory.Nd4j.ones(DataType.FLOAT, batch.moleculeCount, 10),
                        new java.util.HashMap<>()));
    }

    /**
     * The gather's fast hyperbolic tangent is within its stated bound of {@code Math.tanh} and rounds to the same
     * float, over values of every scale, both signs, the ends of its two formulas and the special values.
     */
    @Test
    void gatherTangentIsMathTanhRoundedToFloat() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0x1p-10, Math.nextDown(0x1p-10), 400.0, 19.0));
        for (int i = 0; i < 1_000_000; i++) {
            double x = Math.scalb(1 + random.nextDouble(), random.nextInt(-40, 6));
            values.add(random.nextBoolean() ? x : -x);
        }
        for (int i = 0; i < 200_000; i++) {
            values.add((double) (float) (random.nextDouble(-4, 4))); // floats, as the gather's maxima are
        }
        for (double x : values) {
            double exact = Math.tanh(x);
            double approximate = GraphGather.approximateTanh(x);
            if (Double.isNaN(x)) {
                assertTrue(Double.isNaN(approximate));
            } else {
                assertTrue(Math.abs(approximate - exact) <= Math.abs(exact) * GraphGather.APPROXIMATION_ERROR / 4,
                        () -> "tanh(" + x + "): " + approximate + " against " + exact);
            }
            assertEquals(Float.floatToIntBits((float) exact), Float.floatToIntBits(GraphGather.roundedTanh(x)),
                    () -> "tanh(" + x + ")");
        }
    }
}
