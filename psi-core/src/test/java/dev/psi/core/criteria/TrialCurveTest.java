package dev.psi.core.criteria;

import static dev.psi.core.criteria.Curves.evaluation;
import static dev.psi.core.criteria.Curves.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
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
    void theFinalValidationLossIsTheLastCountedEpochsAndInfiniteForADivergedTrial() {
        assertEquals(FIRST.valLoss(), new TrialCurve(TrialStatus.COMPLETED, List.of(FIRST)).finalValLoss());
        assertEquals(Double.POSITIVE_INFINITY, new TrialCurve(TrialStatus.DIVERGED, List.of(FIRST, NAN_LOSS))
                .finalValLoss());
        assertEquals(Double.POSITIVE_INFINITY, new TrialCurve(TrialStatus.COMPLETED, List.of()).finalValLoss());
    }

    @Test
    void aPrunedTrialIsNeverAnEvaluationRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrialCurve(TrialStatus.PRUNED, List.of(FIRST)));

        assertEquals("a pruned trial is not an evaluation run: the search stopped it before its budget",
                e.getMessage());
    }

    @Test
    void aDivergedTrialCountsTheEvaluationsOfItsCountedEpochs() {
        Evaluation kept = evaluation(0, 4, 0.5, 1);
        TrialCurve curve = new TrialCurve(TrialStatus.DIVERGED, List.of(FIRST, NAN_LOSS),
                List.of(kept, evaluation(1, 2, 0.9, 1)));

        assertEquals(List.of(kept), curve.countedEvaluations());
    }

    @Test
    void evaluationsAreReadInStepOrder() {
        Evaluation early = evaluation(0, 2, 0.5, 1);
        Evaluation late = evaluation(0, 4, 0.6, 2);
        TrialCurve curve = new TrialCurve(TrialStatus.COMPLETED, List.of(FIRST), List.of(late, early));

        assertEquals(List.of(early, late), curve.countedEvaluations());
    }

    @Test
    void aTrialWithAnEpochWithoutEvaluationsCountsNone() {
        // Epoch 0 was stored before Psi recorded evaluations; the trial is then read from its epoch rows alone.
        TrialCurve curve = new TrialCurve(TrialStatus.COMPLETED, List.of(FIRST, row(1, 0.4, 0.6, 2)),
                List.of(evaluation(1, 4, 0.6, 1)));

        assertEquals(List.of(), curve.countedEvaluations());
    }
}
