package dev.psi.core.criteria;

import static dev.psi.core.criteria.Curves.accuracies;
import static dev.psi.core.criteria.Curves.row;
import static dev.psi.core.criteria.Curves.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.result.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Best and final validation metric on hand-made curves. */
class AccuracyTest {

    @Test
    void bestIsTheMaximumAccuracyAndLastTheFinalOne() {
        assertEquals(new Accuracy(Metric.VAL_ACCURACY, 0.9, 0.7),
                Accuracy.of(accuracies(0.5, 0.9, 0.8, 0.7), Metric.VAL_ACCURACY));
    }

    @Test
    void bestLossIsTheMinimum() {
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(
                row(0, 0.9, 0, 1), row(1, 0.2, 0, 1), row(2, 0.4, 0, 1)));

        assertEquals(new Accuracy(Metric.VAL_LOSS, 0.2, 0.4), Accuracy.of(trial, Metric.VAL_LOSS));
    }

    @Test
    void aNanValueIsNeverBest() {
        TrialCurve trial = new TrialCurve(TrialStatus.COMPLETED, List.of(
                row(0, 0.5, Double.NaN, 1), row(1, 0.5, 0.6, 1), row(2, 0.5, Double.NaN, 1)));

        Accuracy accuracy = Accuracy.of(trial, Metric.VAL_ACCURACY);

        assertEquals(0.6, accuracy.best());
        assertEquals(Double.NaN, accuracy.last());
    }

    @Test
    void aDivergedTrialEndsAtItsLastEpochBeforeDivergence() {
        assertEquals(new Accuracy(Metric.VAL_ACCURACY, 0.6, 0.55),
                Accuracy.of(trial(TrialStatus.DIVERGED, 0.6, 0.55, Double.NaN), Metric.VAL_ACCURACY));
    }

    @Test
    void noEpochsGiveNan() {
        assertEquals(new Accuracy(Metric.VAL_LOSS, Double.NaN, Double.NaN), Accuracy.of(accuracies(), Metric.VAL_LOSS));
    }
}
