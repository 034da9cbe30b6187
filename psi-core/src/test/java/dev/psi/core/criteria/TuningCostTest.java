package dev.psi.core.criteria;

import static dev.psi.core.criteria.Curves.accuracies;
import static dev.psi.core.criteria.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tuning cost adds up. */
class TuningCostTest {

    @Test
    void oneTrialCostsItsEpochsAndTheirSeconds() {
        assertEquals(new TuningCost(1, 3, 6), TuningCost.of(accuracies(0.1, 0.2, 0.3)));
    }

    @Test
    void aDivergedTrialCostsEveryEpochItRan() {
        assertEquals(new TuningCost(1, 2, 4), TuningCost.of(trial(TrialStatus.DIVERGED, 0.1, Double.NaN)));
    }

    @Test
    void costsAddComponentWise() {
        assertEquals(new TuningCost(3, 12, 7.5), new TuningCost(1, 2, 2.5).plus(new TuningCost(2, 10, 5)));
    }

    @Test
    void aSumOfNothingIsZero() {
        assertEquals(TuningCost.ZERO, TuningCost.sum(List.of()));
    }

    @Test
    void aSumOfTrialsIsTheirTotal() {
        assertEquals(new TuningCost(2, 3, 6),
                TuningCost.sum(List.of(TuningCost.of(accuracies(0.1)), TuningCost.of(accuracies(0.1, 0.2)))));
    }

    @Test
    void negativeCostsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new TuningCost(-1, 0, 0));
    }
}
