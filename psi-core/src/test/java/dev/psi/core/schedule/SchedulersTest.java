package dev.psi.core.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules against values worked out by hand from PyTorch's formulas. */
class SchedulersTest {

    private static final double EPS = 1e-12;

    /** Value k is the lr after k steps. */
    private static double[] trace(Scheduler scheduler, int values) {
        double[] lrs = new double[values];
        lrs[0] = scheduler.lr();
        for (int k = 1; k < values; k++) {
            scheduler.step();
            lrs[k] = scheduler.lr();
        }
        return lrs;
    }

    @Test
    void stepLrHalvesEveryTwoEpochs() {
        var scheduler = new StepLR(new ParamGroup(0.1), 2, 0.5);

        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025}, trace(scheduler, 5), EPS);
    }

    @Test
    void multiStepLrDecaysTwiceAtARepeatedMilestone() {
        var scheduler = new MultiStepLR(new ParamGroup(1), List.of(2, 2), 0.5);

        assertArrayEquals(new double[] {1, 1, 0.25, 0.25}, trace(scheduler, 4), EPS);
    }

    @Test
    void constantLrRestoresTheBaseRateAtTotalIters() {
        var scheduler = new ConstantLR(new ParamGroup(1), 0.25, 2);

        assertArrayEquals(new double[] {0.25, 0.25, 1, 1}, trace(scheduler, 4), EPS);
    }

    @Test
    void linearLrRampsFromStartToEndFactor() {
        var scheduler = new LinearLR(new ParamGroup(1), 0.25, 1.0, 3);

        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1}, trace(scheduler, 5), EPS);
    }

    @Test
    void polynomialLrWithPowerTwo() {
        var scheduler = new PolynomialLR(new ParamGroup(1), 4, 2);

        assertArrayEquals(new double[] {1, 0.5625, 0.25, 0.0625, 0, 0}, trace(scheduler, 6), EPS);
    }

    @Test
    void cosineAnnealingRisesAgainAfterTMax() {
        var scheduler = new CosineAnnealingLR(new ParamGroup(1), 2, 0);

        assertArrayEquals(new double[] {1, 0.5, 0, 0.5, 1}, trace(scheduler, 5), EPS);
    }

    @Test
    void warmRestartsDoubleThePeriod() {
        var scheduler = new CosineAnnealingWarmRestarts(new ParamGroup(1), 2, 2, 0);
        double quarter = (1 + Math.cos(Math.PI / 4)) / 2;
        double threeQuarters = (1 + Math.cos(3 * Math.PI / 4)) / 2;

        assertArrayEquals(new double[] {1, 0.5, 1, quarter, 0.5, threeQuarters, 1}, trace(scheduler, 7), EPS);
    }

    @Test
    void cyclicTriangular2HalvesTheSecondCycle() {
        var scheduler = new CyclicLR(new ParamGroup(0.5), 0.1, 1.1, 2, 2, CyclicLR.Mode.TRIANGULAR2, 1);

        assertArrayEquals(new double[] {0.1, 0.6, 1.1, 0.6, 0.1, 0.35, 0.6, 0.35, 0.1}, trace(scheduler, 9), EPS);
    }

    @Test
    void cyclicExpRangeScalesByGammaPerIteration() {
        var scheduler = new CyclicLR(new ParamGroup(0.5), 0, 1, 1, 1, CyclicLR.Mode.EXP_RANGE, 0.5);

        assertArrayEquals(new double[] {0, 0.5, 0, 0.125}, trace(scheduler, 4), EPS);
    }

    @Test
    void oneCycleLinearWarmsUpThenAnneals() {
        // initial_lr = 1 / 10, min_lr = 0.1 / 10; the first phase ends at step 0.4 * 5 - 1 = 1.
        var scheduler = new OneCycleLR(new ParamGroup(0.5), 1, 5, 0.4, false, 10, 10, false);

        assertArrayEquals(new double[] {0.1, 1, 0.67, 0.34, 0.01}, trace(scheduler, 5), EPS);
    }

    @Test
    void oneCycleFailsLikePyTorchWhenSteppedPastTotalSteps() {
        var scheduler = new OneCycleLR(new ParamGroup(0.5), 1, 5, 0.4, false, 10, 10, false);
        trace(scheduler, 6);

        var error = assertThrows(IllegalStateException.class, scheduler::step);
        assertEquals("OneCycleLR: tried to step 7 times; the specified number of total steps is 5", error.getMessage());
    }

    @Test
    void oneCycleFailsLikePyTorchOnAPhaseWithoutSteps() {
        // pct_start = 1 ends the first phase at the last step, leaving the second phase empty.
        var scheduler = new OneCycleLR(new ParamGroup(0.5), 1, 4, 1.0, true, 10, 10, false);
        trace(scheduler, 4);

        var error = assertThrows(IllegalStateException.class, scheduler::step);
        assertEquals("OneCycleLR: phase 2 has no steps at step 4 (PyTorch divides by zero here); "
                + "change pct_start or total_steps", error.getMessage());
    }

    @Test
    void constantKeepsTheBaseRate() {
        assertArrayEquals(new double[] {0.3, 0.3, 0.3}, trace(new Constant(new ParamGroup(0.3)), 3), EPS);
    }

    @Test
    void sequentialResetsAndStartsTheNextScheduleAtItsMilestone() {
        var group = new ParamGroup(1);
        List<LrScheduler> schedulers = List.of(new ConstantLR(group, 0.5, 2), new ExponentialLR(group, 0.5));
        var scheduler = new SequentialLR(group, schedulers, new int[] {3});

        assertArrayEquals(new double[] {0.5, 0.5, 1, 1, 0.5, 0.25}, trace(scheduler, 6), EPS);
    }

    @Test
    void chainedStepsEveryScheduleOnTheSharedRate() {
        var group = new ParamGroup(1);
        var scheduler = new ChainedScheduler(group, List.of(new ConstantLR(group, 0.1, 2), new ExponentialLR(group, 0.9)));

        assertArrayEquals(new double[] {0.1, 0.09, 0.81, 0.729}, trace(scheduler, 4), EPS);
    }

    @Test
    void plateauHalvesAfterPatienceRunsOutAndCountsNanAsNoImprovement() {
        var plateau = new ReduceLROnPlateau(new ParamGroup(1),
                new ReduceLROnPlateau.Settings(false, 0.5, 1, 0, true, 0, 0, 1e-8));
        double[] metrics = {1, 1, 1, 0.5, 0.6, 0.7, Double.NaN, Double.NaN};
        double[] lrs = new double[metrics.length];
        for (int k = 0; k < metrics.length; k++) {
            plateau.step(metrics[k]);
            lrs[k] = plateau.lr();
        }

        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.125}, lrs, EPS);
    }

    @Test
    void plateauCooldownIgnoresBadEpochsAndMinLrBoundsTheRate() {
        var plateau = new ReduceLROnPlateau(new ParamGroup(1),
                new ReduceLROnPlateau.Settings(false, 0.1, 0, 1e-4, true, 2, 0.005, 1e-8));
        double[] lrs = new double[9];
        for (int k = 0; k < lrs.length; k++) {
            plateau.step(3.0);
            lrs[k] = plateau.lr();
        }

        assertArrayEquals(new double[] {1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.005, 0.005}, lrs, EPS);
    }

    @Test
    void plateauSkipsReductionsSmallerThanEps() {
        var plateau = new ReduceLROnPlateau(new ParamGroup(1e-3),
                new ReduceLROnPlateau.Settings(true, 0.5, 0, 0, false, 0, 0, 1e-3));
        plateau.step(1);
        plateau.step(1);

        assertEquals(1e-3, plateau.lr());
    }

    @Test
    void bisectRightCountsElementsUpToValue() {
        int[] sorted = {2, 2, 5};

        assertArrayEquals(new int[] {0, 0, 2, 2, 2, 3}, new int[] {
            LrScheduler.bisectRight(sorted, 0), LrScheduler.bisectRight(sorted, 1), LrScheduler.bisectRight(sorted, 2),
            LrScheduler.bisectRight(sorted, 3), LrScheduler.bisectRight(sorted, 4), LrScheduler.bisectRight(sorted, 5)});
    }
}
