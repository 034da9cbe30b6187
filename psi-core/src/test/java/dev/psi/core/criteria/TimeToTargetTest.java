package dev.psi.core.criteria;

import static dev.psi.core.criteria.Curves.accuracies;
import static dev.psi.core.criteria.Curves.evaluation;
import static dev.psi.core.criteria.Curves.row;
import static dev.psi.core.criteria.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Convergence time on hand-made curves. */
class TimeToTargetTest {

    private static final Target ACCURACY_80 = new Target(Metric.VAL_ACCURACY, 0.8);

    @Test
    void countsStepsEpochsAndCumulativeSecondsUntilFirstReached() {
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(
                row(0, 1.0, 0.5, 3), row(1, 0.8, 0.7, 4), row(2, 0.5, 0.85, 5), row(3, 0.4, 0.9, 6)));

        assertEquals(new TimeToTarget(300, 3, 12), TimeToTarget.of(trial, ACCURACY_80));
    }

    @Test
    void onlyTheFirstReachCounts() {
        // Reached after epoch 1, lost, reached again after epoch 3.
        assertEquals(new TimeToTarget(200, 2, 4), TimeToTarget.of(accuracies(0.5, 0.9, 0.6, 0.95), ACCURACY_80));
    }

    @Test
    void neverReachedIsInfiniteInEveryComponent() {
        TimeToTarget time = TimeToTarget.of(accuracies(0.5, 0.6, 0.79), ACCURACY_80);

        assertEquals(TimeToTarget.NEVER, time);
        assertFalse(time.reached());
        assertEquals(Double.POSITIVE_INFINITY, time.steps());
        assertEquals(Double.POSITIVE_INFINITY, time.epochs());
        assertEquals(Double.POSITIVE_INFINITY, time.seconds());
    }

    @Test
    void aTrialWithoutEpochsNeverReaches() {
        assertEquals(TimeToTarget.NEVER, TimeToTarget.of(accuracies(), ACCURACY_80));
    }

    @Test
    void reachedAfterEpochZeroIsOneEpoch() {
        TimeToTarget time = TimeToTarget.of(accuracies(0.81, 0.9), ACCURACY_80);

        assertTrue(time.reached());
        assertEquals(new TimeToTarget(100, 1, 2), time);
    }

    @Test
    void equalToTheTargetCountsAsReached() {
        assertEquals(new TimeToTarget(200, 2, 4), TimeToTarget.of(accuracies(0.7, 0.8), ACCURACY_80));
    }

    @Test
    void valLossIsReachedFromAbove() {
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(
                row(0, 0.9, 0.1, 1), row(1, 0.5, 0.1, 1), row(2, 0.3, 0.1, 1), row(3, 0.2, 0.1, 1)));

        assertEquals(new TimeToTarget(300, 3, 3), TimeToTarget.of(trial, new Target(Metric.VAL_LOSS, 0.3)));
    }

    @Test
    void valLossAboveTheTargetIsNotReached() {
        // A loss of 0.9 would "reach" 0.3 if the direction were that of accuracy.
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(row(0, 0.9, 0.1, 1), row(1, 0.31, 0.1, 1)));

        assertEquals(TimeToTarget.NEVER, TimeToTarget.of(trial, new Target(Metric.VAL_LOSS, 0.3)));
    }

    @Test
    void aNanMetricNeverReaches() {
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(row(0, 0.5, Double.NaN, 1)));

        assertEquals(TimeToTarget.NEVER, TimeToTarget.of(trial, ACCURACY_80));
    }

    @Test
    void aDivergedTrialNeverReachesAtOrAfterItsDivergence() {
        // Epoch 1 has a NaN loss; the rows after it (as a buggy writer might leave) must not count.
        TrialCurve trial = new TrialCurve(TrialStatus.DIVERGED, List.of(
                row(0, 0.5, 0.5, 1), row(1, Double.NaN, 0.9, 1), row(2, 0.1, 0.95, 1)));

        assertEquals(TimeToTarget.NEVER, TimeToTarget.of(trial, ACCURACY_80));
    }

    @Test
    void anInfiniteLossMarksDivergenceToo() {
        TrialCurve trial = new TrialCurve(TrialStatus.DIVERGED, List.of(
                row(0, 0.5, 0.5, 1), row(1, Double.POSITIVE_INFINITY, 0.9, 1)));

        assertEquals(TimeToTarget.NEVER, TimeToTarget.of(trial, new Target(Metric.VAL_ACCURACY, 0.9)));
    }

    @Test
    void aDivergedTrialKeepsATimeReachedBeforeDiverging() {
        assertEquals(new TimeToTarget(200, 2, 4),
                TimeToTarget.of(trial(TrialStatus.DIVERGED, 0.5, 0.85, Double.NaN), ACCURACY_80));
    }

    @Test
    void secondsAddUpOverUnevenEpochs() {
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(
                row(0, 1, 0.1, 0.25), row(1, 1, 0.2, 0.5), row(2, 1, 0.9, 1.125)));

        assertEquals(1.875, TimeToTarget.of(trial, ACCURACY_80).seconds());
    }

    /**
     * Two epochs of 100 steps, evaluated every 25 steps (the fourth evaluation of each epoch is its whole-split
     * pass), with {@code accuracies[i]} at evaluation i and 1, 2, 3, 4 training seconds into epoch 0 and 1.5,
     * 3, 4.5, 6 into epoch 1; the epoch rows say 2 wall seconds each, evaluation included.
     */
    private static TrialCurve evaluated(double... accuracies) {
        double[] seconds = {1, 2, 3, 4, 1.5, 3, 4.5, 6};
        Evaluation[] evaluations = new Evaluation[accuracies.length];
        for (int i = 0; i < accuracies.length; i++) {
            evaluations[i] = evaluation(i / 4, i % 4 + 1, accuracies[i], seconds[i]);
        }
        return new TrialCurve(TrialStatus.COMPLETED, List.of(row(0, 0.3, 0.75, 2), row(1, 0.1, 0.9, 2)),
                List.of(evaluations));
    }

    @Test
    void aSubsetEvaluationBetweenEpochsGivesStepsFractionalEpochsAndTrainingSeconds() {
        TimeToTarget time = TimeToTarget.of(evaluated(0.5, 0.6, 0.7, 0.75, 0.78, 0.82, 0.85, 0.9), ACCURACY_80);

        // Step 150, half-way through epoch 1: epoch 0's 4 training seconds and 3 more.
        assertEquals(new TimeToTarget(150, 1.5, 7), time);
    }

    @Test
    void theFirstEvaluationThatReachesWinsEvenIfLaterOnesFallBack() {
        TimeToTarget time = TimeToTarget.of(evaluated(0.5, 0.81, 0.7, 0.75, 0.78, 0.79, 0.85, 0.9), ACCURACY_80);

        assertEquals(new TimeToTarget(50, 0.5, 2), time);
    }

    @Test
    void theEpochEndPassCountsAndSecondsLeaveEvaluationOut() {
        TimeToTarget time = TimeToTarget.of(evaluated(0.5, 0.6, 0.7, 0.75, 0.78, 0.79, 0.79, 0.9), ACCURACY_80);

        // 4 + 6 training seconds, not the epoch rows' 2 + 2 wall seconds.
        assertEquals(new TimeToTarget(200, 2, 10), time);
    }

    @Test
    void evaluationsThatNeverReachAreInfinite() {
        TimeToTarget time = TimeToTarget.of(evaluated(0.5, 0.6, 0.7, 0.75, 0.78, 0.79, 0.79, 0.79), ACCURACY_80);

        assertEquals(TimeToTarget.NEVER, time);
    }
}
