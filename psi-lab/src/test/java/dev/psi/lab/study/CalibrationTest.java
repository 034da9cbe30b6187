package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.train.task.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A held-out task's target: the median over tuning seeds of the best the constant-rate grid reached. */
class CalibrationTest {

    @Test
    void theTargetIsTheMedianOverSeedsOfEachSeedsBestAccuracyWithNoSlack() {
        Map<Long, List<TrialCurve>> grid = new TreeMap<>();
        grid.put(501L, List.of(accuracies(0.625, 0.75), accuracies(0.5, 0.625)));
        grid.put(502L, List.of(accuracies(0.75, 0.875), accuracies(0.5, 0.25)));

        // Bests 0.75 and 0.875 (binary fractions, so the mean is exact): the target is 0.8125, not 0.97 of a best.
        assertEquals(new Target(Metric.VAL_ACCURACY, 0.8125), Calibration.target("t", grid));
    }

    @Test
    void aRegressionTaskTakesTheMedianOfTheLowestLosses() {
        Map<Long, List<TrialCurve>> grid = new TreeMap<>();
        grid.put(501L, List.of(losses(0.5, 0.2), losses(0.9, 0.4)));
        grid.put(502L, List.of(losses(0.6, 0.5), losses(0.45, Double.NaN)));
        grid.put(503L, List.of(losses(0.3, 0.35)));

        assertEquals(new Target(Metric.VAL_LOSS, 0.3), Calibration.target("t", grid));
    }

    @Test
    void aSeedWhoseEveryRateDivergedIsOneLineNamingTheTask() {
        Map<Long, List<TrialCurve>> grid = new TreeMap<>();
        grid.put(501L, List.of(losses(0.5)));
        grid.put(502L, List.of(new TrialCurve(TrialStatus.DIVERGED, List.of())));

        var error = assertThrows(IllegalArgumentException.class, () -> Calibration.target("small", grid));
        assertEquals("calibrating small: every run of the grid diverged; give the task a target in its spec",
                error.getMessage());
    }

    @Test
    void theGridIsEveryRateOnEveryTuningSeed() {
        StudyPlan quick = StudyPlan.preset("quick", "q");
        var runs = Calibration.runs(quick, Tasks.builtIn("fmnist-mlp"), 5000);

        assertEquals(14, runs.size());
        assertEquals(List.of(501L, 502L), runs.stream().map(r -> r.seed()).distinct().toList());
        assertEquals("Constant(lr=0.00316228)", runs.get(0).controller());
        assertEquals("Constant(lr=3.16228)", runs.get(6).controller());
    }

    @Test
    void theReportSaysHowTheTargetWasSet() {
        StudyPlan quick = StudyPlan.preset("quick", "q");

        assertEquals("median over tuning seeds [501, 502] of the best validation metric of 7 constant rates from "
                + "0.00316228 to 3.16228 (6 epochs each), no slack",
                Calibration.describe(quick, Tasks.builtIn("fmnist-mlp")));
    }

    private static TrialCurve accuracies(double... values) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            epochs.add(new EpochResult(i, 0.1, 1.0, 1.0, values[i], 10L * (i + 1), 1.0));
        }
        return new TrialCurve(TrialStatus.COMPLETED, epochs);
    }

    private static TrialCurve losses(double... values) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            epochs.add(new EpochResult(i, 0.1, 1.0, values[i], Double.NaN, 10L * (i + 1), 1.0));
        }
        return new TrialCurve(TrialStatus.COMPLETED, epochs);
    }
}
