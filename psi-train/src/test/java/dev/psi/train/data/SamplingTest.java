package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void permutationHoldsEveryIndexOnce() {
        int[] order = Sampling.permutation(100, Sampling.random(1, 0));

        assertArrayEquals(IntStream.range(0, 100).toArray(), Arrays.stream(order).sorted().toArray());
    }

    @Test
    void chosenIndicesAreSortedAndDistinct() {
        int[] chosen = Sampling.choose(1000, 100, 5, Sampling.TRAIN_SUBSET);

        assertEquals(100, Arrays.stream(chosen).distinct().count());
        assertArrayEquals(Arrays.stream(chosen).sorted().toArray(), chosen);
    }

    @Test
    void smallerSubsetIsInsideLargerOneOfTheSameSeed() {
        int[] small = Sampling.choose(1000, 100, 5, Sampling.TRAIN_SUBSET);
        int[] large = Sampling.choose(1000, 300, 5, Sampling.TRAIN_SUBSET);

        assertTrue(Arrays.stream(small).allMatch(i -> Arrays.binarySearch(large, i) >= 0));
    }

    @Test
    void streamsOfOneSeedDiffer() {
        assertNotEquals(Sampling.random(5, Sampling.TRAIN_SUBSET).nextLong(),
                Sampling.random(5, Sampling.VALIDATION_SUBSET).nextLong());
    }

    @Test
    void seedsGiveFixedDraws() {
        // Pins the seed scrambling: changing it would silently change every split and synthetic task.
        assertArrayEquals(new int[] {1, 3, 9}, Sampling.choose(10, 3, 42, Sampling.TRAIN_SUBSET));
    }
}
