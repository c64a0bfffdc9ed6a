package io.chemdl4j.models.dmpnn;

import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKindContract;
import io.chemdl4j.moleculenet.GraphDataset;
import io.chemdl4j.moleculenet.TaskType;

class DmpnnKindContractTest extends ModelKindContract<GraphDataset> {
    @Override
    protected ModelKind<GraphDataset> kind() {
        return new DmpnnKind();
    }

    @Override
    protected ModelConfig small(TaskType type) {
        return DmpnnConfig.defaults().toBuilder().hiddenSize(64).ffnHiddenSize(64).build();
    }
}
