package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExamplesTest {

    /** Three examples of two features; example k holds (10k, 10k + 1) and target k. */
    private static final Examples THREE = new Examples(3, new long[] {2}, new float[] {0, 1, 10, 11, 20, 21},
            new float[] {0, 1, 2}, 3);

    @Test
    void featureSizeIsTheProductOfTheShape() {
        Examples images = new Examples(1, new long[] {1, 28, 28}, new float[784], new float[1], 10);

        assertEquals(784, images.featureSize());
    }

    @Test
    void concatPutsTheSecondAfterTheFirst() {
        Examples joined = Examples.concat(THREE.subset(new int[] {2}), THREE.subset(new int[] {0, 1}));

        assertEquals(3, joined.count());
        assertArrayEquals(new float[] {20, 21, 0, 1, 10, 11}, joined.features());
        assertArrayEquals(new float[] {2, 0, 1}, joined.targets());
    }

    @Test
    void noneHasTheShapeAndNoExamples() {
        Examples none = Examples.none(new long[] {2}, 3);

        assertEquals(0, none.count());
        assertArrayEquals(new long[] {2}, none.featureShape());
    }

    @Test
    void subsetCopiesRowsInTheGivenOrder() {
        Examples subset = THREE.subset(new int[] {2, 0});

        assertEquals(2, subset.count());
        assertArrayEquals(new float[] {20, 21, 0, 1}, subset.features());
        assertArrayEquals(new float[] {2, 0}, subset.targets());
    }

    @Test
    void subsetRejectsAnIndexOutOfRange() {
        assertThrows(IndexOutOfBoundsException.class, () -> THREE.subset(new int[] {3}));
    }

    @Test
    void featuresMustMatchCountAndShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new Examples(2, new long[] {2}, new float[3], new float[2], 2));
    }

    @Test
    void oneClassIsNotAValidTask() {
        assertThrows(IllegalArgumentException.class,
                () -> new Examples(1, new long[] {1}, new float[1], new float[1], 1));
    }

    @Test
    void equalityComparesValues() {
        assertEquals(THREE, THREE.subset(new int[] {0, 1, 2}));
    }

    @Test
    void toStringSummarizesWithoutValues() {
        assertEquals("Examples[3 x [2], 3 classes]", THREE.toString());
    }
}
