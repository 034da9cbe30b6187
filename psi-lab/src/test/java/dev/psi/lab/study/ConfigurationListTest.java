package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy coverage, checked on hand-made score matrices whose lists follow from the definition. */
class ConfigurationListTest {

    private static final double[] NO_TIES = {0, 0, 0};

    @Test
    void firstEntryHasTheBestMeanScore() {
        double[][] scores = {{0.2, 0.9, 0.5}, {0.2, 0.5, 0.9}};
        // Means 0.2, 0.7, 0.7: a tie between configs 1 and 2, which the earlier column wins.
        assertEquals(List.of(1), ConfigurationList.greedy(scores, NO_TIES, 1));
    }

    @Test
    void nextEntryCoversWhatTheListMissesRatherThanRankingSecondByMean() {
        // A is best on tasks 0 and 1, B is nearly as good there, C alone solves task 2.
        double[][] scores = {{1.0, 0.9, 0.0}, {1.0, 0.9, 0.0}, {0.0, 0.0, 0.7}};
        // By mean the order would be A (0.67), B (0.6), C (0.23); after A, B adds nothing and C adds 0.7.
        assertEquals(List.of(0, 2, 1), ConfigurationList.greedy(scores, NO_TIES, 3));
    }

    @Test
    void equalCoverageGoesToTheLowerTieBreak() {
        double[][] scores = {{1.0, 0.5, 0.5}};
        assertEquals(List.of(0, 2, 1), ConfigurationList.greedy(scores, new double[] {0, 3.0, 1.5}, 3));
    }

    @Test
    void refusesALongerListThanTheConfigs() {
        double[][] scores = {{1.0, 0.5, 0.5}};
        assertThrows(IllegalArgumentException.class, () -> ConfigurationList.greedy(scores, NO_TIES, 4));
    }

    @Test
    void refusesRowsOfAnotherLength() {
        double[][] scores = {{1.0, 0.5}};
        assertThrows(IllegalArgumentException.class, () -> ConfigurationList.greedy(scores, NO_TIES, 1));
    }
}
