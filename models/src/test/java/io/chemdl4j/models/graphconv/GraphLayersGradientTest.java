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
}
