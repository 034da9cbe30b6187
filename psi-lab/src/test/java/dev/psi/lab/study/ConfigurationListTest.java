package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy coverage, checked on hand-made score matrices whose lists follow from the definition. */
class ConfigurationListTest {

    private static final double[][] NO_TIES = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};

    @Test
    void firstEntryHasTheBestMeanScore() {
        double[][] scores = {{0.2, 0.9, 0.5}, {0.2, 0.5, 0.9}};
        // Means 0.2, 0.7, 0.7: a tie between configs 1 and 2, which the earlier column wins.
        assertEquals(List.of(1), ConfigurationList.greedy(scores, new double[][] {{0, 0, 0}, {0, 0, 0}}, 1));
    }

    @Test
    void nextEntryCoversWhatTheListMissesRatherThanRankingSecondByMean() {
        // A is best on tasks 0 and 1, B is nearly as good there, C alone solves task 2.
        double[][] scores = {{1.0, 0.9, 0.0}, {1.0, 0.9, 0.0}, {0.0, 0.0, 0.7}};
        // By mean the order would be A (0.67), B (0.6), C (0.23); after A, B adds nothing and C adds 0.7.
        assertEquals(List.of(0, 2, 1), ConfigurationList.greedy(scores, NO_TIES, 3));
    }

    @Test
    void onceTheScoresSaturateTheNextEntryLowersTheSecondMeasureMost() {
        // Config 0 is the fastest everywhere, so no other adds to the scores. With config 0's losses (1.0, 1.5) held,
        // config 2, best on task 1, brings the least losses to 1.0 + 1.0 = 2.0, its near-copy config 1 to 2.1.
        double[][] scores = {{1.0, 0.9, 0.2}, {1.0, 0.9, 0.2}};
        double[][] losses = {{1.0, 1.1, 3.0}, {1.5, 1.1, 1.0}};
        assertEquals(List.of(0, 2, 1), ConfigurationList.greedy(scores, losses, 3));
    }

    @Test
    void refusesALongerListThanTheConfigs() {
        double[][] scores = {{1.0, 0.5, 0.5}};
        assertThrows(IllegalArgumentException.class,
                () -> ConfigurationList.greedy(scores, new double[][] {{0, 0, 0}}, 4));
    }

    @Test
    void refusesMeasuresOfAnotherShape() {
        double[][] scores = {{1.0, 0.5}};
        assertThrows(IllegalArgumentException.class, () -> ConfigurationList.greedy(scores, NO_TIES, 1));
    }
}
