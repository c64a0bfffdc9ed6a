package io.chemdl4j.models.multitask;

import java.util.List;

import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKindContract;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

class MultitaskKindContractTest extends ModelKindContract<Dataset> {
    @Override
    protected ModelKind<Dataset> kind() {
        return new MultitaskKind();
    }

    @Override
    protected ModelConfig small(TaskType type) {
        return MultitaskConfig.defaults().withLayerSizes(List.of(64)).withDropout(0.2).withLearningRate(0.003);
    }
}
