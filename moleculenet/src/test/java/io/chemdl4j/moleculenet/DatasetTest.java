package io.chemdl4j.moleculenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void accessorsCopySoTheDatasetCannotChange() {
        float[][] x = {{1, 2}, {3, 4}};
        Dataset d = Dataset.of(x, new float[][] {{1}, {0}}, null, new String[] {"a", "b"}, List.of("t"));
        x[0][0] = 99;
        d.featureRow(0)[0] = 42;
        d.labels()[0][0] = 42;
        d.ids()[0] = "z";
        assertEquals(1f, d.feature(0, 0));
        assertEquals(1f, d.label(0, 0));
        assertEquals("a", d.id(0));
        assertEquals(1f, d.weight(1, 0)); // null weights mean 1
    }

    @Test
    void selectKeepsRowsTogether() {
        Dataset d = Dataset.of(new float[][] {{1}, {2}, {3}}, new float[][] {{10}, {20}, {30}},
                new float[][] {{1}, {0}, {1}}, new String[] {"a", "b", "c"}, List.of("t"));
        Dataset s = d.select(new int[] {2, 1});
        assertArrayEquals(new String[] {"c", "b"}, s.ids());
        assertEquals(3f, s.feature(0, 0));
        assertEquals(20f, s.label(1, 0));
        assertEquals(0f, s.weight(1, 0));
    }

    @Test
    void rejectsRaggedOrNegativeInput() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new float[][] {{1}, {2, 3}},
                new float[2][1], null, new String[] {"a", "b"}, List.of("t")));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new float[][] {{1}},
                new float[1][1], new float[][] {{-1}}, new String[] {"a"}, List.of("t")));
    }
}
