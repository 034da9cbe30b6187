package dev.psi.core.criteria;

import static dev.psi.core.criteria.Curves.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which trials the criteria read, and which of their rows count. */
class TrialCurveTest {

    private static final EpochResult FIRST = row(0, 0.5, 0.5, 2);
    private static final EpochResult NAN_LOSS = row(1, Double.NaN, Double.NaN, 2);

    @Test
    void aDivergedTrialCountsTheRowsBeforeItsFirstNonFiniteLoss() {
        TrialCurve curve = new TrialCurve(TrialStatus.DIVERGED, List.of(FIRST, NAN_LOSS));

        assertEquals(List.of(FIRST), curve.countedEpochs());
    }

    @Test
    void aCompletedTrialCountsEveryRow() {
        TrialCurve curve = new TrialCurve(TrialStatus.COMPLETED, List.of(FIRST, NAN_LOSS));

        assertEquals(List.of(FIRST, NAN_LOSS), curve.countedEpochs());
    }

    @Test
    void aPrunedTrialIsNeverAnEvaluationRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrialCurve(TrialStatus.PRUNED, List.of(FIRST)));

        assertEquals("a pruned trial is not an evaluation run: the search stopped it before its budget",
                e.getMessage());
    }
}
