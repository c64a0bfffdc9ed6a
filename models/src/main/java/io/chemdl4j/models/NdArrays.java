package io.chemdl4j.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions between ND4J arrays and plain Java arrays, the one place that does them. */
public final class NdArrays {
    private NdArrays() {
    }

    /** A fresh row-major float copy of {@code array} (views and other orders included). */
    public static float[] toFloats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
