package io.chemdl4j.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions between ND4J arrays and plain Java arrays, the one place that does them. */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * Puts each array of {@code saved} into the live array of {@code state} with its name: how a saved model's
     * weights come back.
     *
     * @throws IllegalArgumentException naming an array of {@code state} that {@code saved} lacks or has in another
     *                                  shape
     */
    public static void assignChecked(java.util.Map<String, INDArray> state, java.util.Map<String, INDArray> saved) {
        for (java.util.Map.Entry<String, INDArray> own : state.entrySet()) {
            INDArray value = saved.get(own.getKey());
            if (value == null) {
                throw new IllegalArgumentException("no saved array '" + own.getKey() + "'");
            }
            if (!java.util.Arrays.equals(value.shape(), own.getValue().shape())) {
                throw new IllegalArgumentException("saved array '" + own.getKey() + "' has shape "
                        + java.util.Arrays.toString(value.shape()) + ", the configuration needs "
                        + java.util.Arrays.toString(own.getValue().shape()));
            }
            own.getValue().assign(value);
        }
    }

    /** A fresh row-major float copy of {@code array} (views and other orders included). */
    public static float[] toFloats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
