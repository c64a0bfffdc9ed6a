package io.chemdl4j.models.forest;

import io.chemdl4j.models.ModelConfig;
import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKindContract;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;

class RandomForestKindContractTest extends ModelKindContract<Dataset> {
    @Override
    protected ModelKind<Dataset> kind() {
        return new RandomForestKind();
    }

    @Override
    protected ModelConfig small(TaskType type) {
        return RandomForestConfig.defaults().withTrees(20);
    }
}
