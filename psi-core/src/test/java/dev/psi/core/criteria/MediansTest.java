package dev.psi.core.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Medians over seeds with ∞, and their seeded bootstrap intervals. */
class MediansTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] SEEDS = {3, 1, 4, 1, 5, 9, 2, 6, 5};

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(4.0, Medians.median(SEEDS));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Medians.median(4, 1, 3, 2));
    }

    @Test
    void infinityIsAValueLikeAnyOther() {
        assertEquals(INF, Medians.median(1, INF, INF));
        assertEquals(2.0, Medians.median(INF, 1, 2));
    }

    @Test
    void halfNeverReachedIsInfinite() {
        assertEquals(INF, Medians.median(1, 2, INF, INF));
    }

    @Test
    void noValuesOrNanAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> Medians.median());
        assertThrows(IllegalArgumentException.class, () -> Medians.median(1, Double.NaN));
    }

    @Test
    void bootstrapIsDeterministicForASeed() {
        assertEquals(Medians.bootstrapInterval(SEEDS, 2000, 42), Medians.bootstrapInterval(SEEDS, 2000, 42));
    }

    @Test
    void bootstrapContainsTheSampleMedian() {
        for (long seed = 0; seed < 20; seed++) {
            ConfidenceInterval interval = Medians.bootstrapInterval(SEEDS, seed);
            assertTrue(interval.contains(4.0), seed + ": " + interval);
            assertTrue(interval.lower() >= 1 && interval.upper() <= 9, seed + ": " + interval);
        }
    }

    @Test
    void bootstrapOfEqualValuesIsThatValue() {
        assertEquals(new ConfidenceInterval(7, 7), Medians.bootstrapInterval(new double[] {7, 7, 7}, 500, 1));
    }

    @Test
    void bootstrapAllowsAnInfiniteBound() {
        ConfidenceInterval interval = Medians.bootstrapInterval(new double[] {1, 2, INF, INF, INF}, 2000, 3);

        assertEquals(INF, interval.upper());
        assertTrue(interval.contains(Medians.median(1, 2, INF, INF, INF)));
    }

    @Test
    void bootstrapOfNeverReachedEverywhereIsInfinite() {
        assertEquals(new ConfidenceInterval(INF, INF), Medians.bootstrapInterval(new double[] {INF, INF}, 100, 0));
    }

    @Test
    void bootstrapNeedsAResample() {
        assertThrows(IllegalArgumentException.class, () -> Medians.bootstrapInterval(SEEDS, 0, 0));
    }

    @Test
    void thePercentileIntervalTakesThe51stAndThe1950thOf2000() {
        double[] replicates = new double[2000];
        for (int b = 0; b < replicates.length; b++) {
            replicates[b] = replicates.length - 1 - b;
        }
        assertEquals(new ConfidenceInterval(50, 1949), ConfidenceInterval.percentile(replicates));
    }

    @Test
    void thePercentileIntervalOfOneReplicateIsThatReplicate() {
        assertEquals(new ConfidenceInterval(3, 3), ConfidenceInterval.percentile(new double[] {3}));
    }
}
