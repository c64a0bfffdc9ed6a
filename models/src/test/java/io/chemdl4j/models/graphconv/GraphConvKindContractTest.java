package io.chemdl4j.models.graphconv;

import java.util.List;

import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKindContract;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;

class GraphConvKindContractTest extends ModelKindContract<GraphDataset> {
    @Override
    protected ModelKind<GraphDataset> kind() {
        return new GraphConvKind();
    }

    /** Graph convolutions learn solubility more slowly than fingerprint networks. */
    @Override
    protected int epochs() {
        return 20;
    }

    @Override
    protected ModelConfig small(TaskType type) {
        return new GraphConvKind().defaults(type).withConvLayers(List.of(32, 32)).withDenseSize(64)
                .withLearningRate(0.003);
    }
}
