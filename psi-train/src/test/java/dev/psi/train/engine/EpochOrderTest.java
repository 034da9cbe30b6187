package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EpochOrderTest {

    @Test
    void anOrderIsAPermutationOfAllPositions() {
        long[] order = EpochOrder.of(7, 3, 1000);
        long[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(LongStream.range(0, 1000).toArray(), sorted);
    }

    @Test
    void theOrderDependsOnSeedAndEpochOnly() {
        assertArrayEquals(EpochOrder.of(7, 3, 500), EpochOrder.of(7, 3, 500));
        assertFalse(Arrays.equals(EpochOrder.of(7, 3, 500), EpochOrder.of(7, 4, 500)));
        assertFalse(Arrays.equals(EpochOrder.of(7, 3, 500), EpochOrder.of(8, 3, 500)));
    }

    @Test
    void oneExampleHasOneOrder() {
        assertArrayEquals(new long[] {0}, EpochOrder.of(1, 0, 1));
        assertArrayEquals(new long[0], EpochOrder.of(1, 0, 0));
    }
}
