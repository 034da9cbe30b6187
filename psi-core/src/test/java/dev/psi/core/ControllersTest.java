package dev.psi.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.ControllerContext;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public entry point: names, building from specs, the errors users see, and tracing. */
class ControllersTest {

    private static final ControllerContext CONTEXT = new ControllerContext(1, 0);

    private static String error(String spec) {
        return assertThrows(SpecException.class, () -> Controllers.create(spec, CONTEXT)).getMessage();
    }

    private static double[] trace(String spec, int steps, double... metrics) {
        return Controllers.trace(Spec.parse(spec), CONTEXT, steps, metrics.length == 0 ? null : metrics);
    }

    @Test
    void namesListEveryController() {
        assertEquals(List.of("Constant", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
                "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR",
                "ReduceLROnPlateau", "SequentialLR", "ChainedScheduler", "BoldDriver", "SPS", "L4", "Hypergradient",
                "Warmup", "Guard"), Controllers.names());
    }

    @Test
    void createsFromSpecText() {
        assertEquals(0.05, Controllers.create("StepLR(lr=0.05,step_size=30)", CONTEXT).learningRate());
    }

    @Test
    void lrDefaultsToPointOne() {
        assertEquals(0.1, Controllers.create("StepLR(step_size=30)", CONTEXT).learningRate());
    }

    @Test
    void bareNameIsASpecWithoutArguments() {
        assertEquals(0.1, Controllers.create("Constant", CONTEXT).learningRate());
    }

    @Test
    void unknownNameListsTheValidNames() {
        assertEquals("unknown controller 'StepLr'; valid: Constant, StepLR, MultiStepLR, ConstantLR, LinearLR, "
                + "ExponentialLR, PolynomialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, "
                + "ReduceLROnPlateau, SequentialLR, ChainedScheduler, BoldDriver, SPS, L4, Hypergradient, Warmup, Guard",
                error("StepLr(step_size=3)"));
    }

    @Test
    void unknownKeyListsTheValidKeys() {
        assertEquals("StepLR has no argument 'gama'; valid: lr, step_size, gamma, interval",
                error("StepLR(step_size=3,gama=0.5)"));
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertEquals("StepLR needs step_size=... (given: gamma)", error("StepLR(gamma=0.5)"));
    }

    @Test
    void missingMilestonesAreNamed() {
        assertEquals("MultiStepLR needs milestones=[m1,m2,...]", error("MultiStepLR(gamma=0.5)"));
    }

    @Test
    void outOfRangeValueSaysWhatIsValid() {
        assertEquals("StepLR: gamma=-0.5 is out of range; it must be > 0", error("StepLR(step_size=3,gamma=-0.5)"));
    }

    @Test
    void stepSizeMustBePositive() {
        assertEquals("StepLR: step_size=0 is out of range; it must be >= 1", error("StepLR(step_size=0)"));
    }

    @Test
    void plateauFactorMustBeBelowOne() {
        assertEquals("ReduceLROnPlateau: factor=1 is out of range; it must be in (0, 1)",
                error("ReduceLROnPlateau(factor=1)"));
    }

    @Test
    void linearStartFactorMustBePositive() {
        assertEquals("LinearLR: start_factor=0 is out of range; it must be in (0, 1]", error("LinearLR(start_factor=0)"));
    }

    @Test
    void pctStartMustBeAFraction() {
        assertEquals("OneCycleLR: pct_start=1.5 is out of range; it must be in [0, 1]",
                error("OneCycleLR(max_lr=0.1,total_steps=10,pct_start=1.5)"));
    }

    @Test
    void tMultMustBeAWholeNumber() {
        assertEquals("CosineAnnealingWarmRestarts: T_mult must be a whole number, got 1.5",
                error("CosineAnnealingWarmRestarts(T_0=10,T_mult=1.5)"));
    }

    @Test
    void tZeroMustBePositive() {
        assertEquals("CosineAnnealingWarmRestarts: T_0=0 is out of range; it must be >= 1",
                error("CosineAnnealingWarmRestarts(T_0=0)"));
    }

    @Test
    void totalStepsMustBePositive() {
        assertEquals("OneCycleLR: total_steps=0 is out of range; it must be >= 1",
                error("OneCycleLR(max_lr=0.1,total_steps=0)"));
    }

    @Test
    void cyclicModeMustBeOneOfThree() {
        assertEquals("CyclicLR: mode=triangle is not valid; valid: triangular, triangular2, exp_range",
                error("CyclicLR(base_lr=0.01,max_lr=0.1,mode=triangle)"));
    }

    @Test
    void cyclicTakesNoLr() {
        assertTrue(error("CyclicLR(lr=0.1,base_lr=0.01,max_lr=0.1)").startsWith("CyclicLR has no argument 'lr'; valid: base_lr"));
    }

    @Test
    void annealStrategyMustBeCosOrLinear() {
        assertEquals("OneCycleLR: anneal_strategy=cosine is not valid; valid: cos, linear",
                error("OneCycleLR(max_lr=0.1,total_steps=10,anneal_strategy=cosine)"));
    }

    @Test
    void oneCycleNeedsALength() {
        assertEquals("OneCycleLR: needs total_steps=N, or epochs=N (with steps_per_epoch, by default the run's 1)",
                error("OneCycleLR(max_lr=0.1)"));
    }

    @Test
    void oneCycleRejectsAnEmptyFirstPhase() {
        assertEquals("OneCycleLR: pct_start=0.25 with 4 total steps leaves the first phase no steps; "
                + "change pct_start or total_steps", error("OneCycleLR(max_lr=0.1,total_steps=4,pct_start=0.25)"));
    }

    @Test
    void intervalMustBeStepOrEpoch() {
        assertEquals("StepLR: interval=batch is not valid; valid: step, epoch", error("StepLR(step_size=3,interval=batch)"));
    }

    @Test
    void plateauTicksOnlyPerEpoch() {
        assertEquals("ReduceLROnPlateau: interval=step is not valid; valid: epoch",
                error("ReduceLROnPlateau(interval=step)"));
    }

    @Test
    void plateauMonitorMustBeKnown() {
        assertEquals("ReduceLROnPlateau: monitor=loss is not valid; valid: val_loss, val_accuracy, train_loss",
                error("ReduceLROnPlateau(monitor=loss)"));
    }

    @Test
    void plateauThresholdModeMustBeRelOrAbs() {
        assertEquals("ReduceLROnPlateau: threshold_mode=relative is not valid; valid: rel, abs",
                error("ReduceLROnPlateau(threshold_mode=relative)"));
    }

    @Test
    void unknownChildListsTheValidSchedulers() {
        assertEquals("SequentialLR: unknown scheduler 'Warmup'; valid: Constant, StepLR, MultiStepLR, ConstantLR, "
                + "LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, "
                + "OneCycleLR", error("SequentialLR(schedulers=[Warmup(steps=3),StepLR(step_size=2)],milestones=[3])"));
    }

    @Test
    void plateauCannotBeChained() {
        assertTrue(error("ChainedScheduler(schedulers=[ReduceLROnPlateau(patience=2)])")
                .startsWith("ChainedScheduler: ReduceLROnPlateau cannot be one of its schedulers; valid: Constant"));
    }

    @Test
    void containerCannotBeInsideSequential() {
        assertTrue(error("SequentialLR(schedulers=[ChainedScheduler(schedulers=[Constant]),Constant],milestones=[2])")
                .startsWith("SequentialLR: ChainedScheduler cannot be one of its schedulers; valid: Constant"));
    }

    @Test
    void childrenTakeTheContainersLr() {
        assertEquals("LinearLR: lr belongs on the enclosing SequentialLR(lr=...), not on its schedulers",
                error("SequentialLR(schedulers=[LinearLR(lr=0.1),Constant],milestones=[2])"));
    }

    @Test
    void childrenTakeNoInterval() {
        assertEquals("LinearLR has no argument 'interval'; valid: start_factor, end_factor, total_iters",
                error("ChainedScheduler(schedulers=[LinearLR(interval=step)])"));
    }

    @Test
    void sequentialNeedsOneMilestoneFewerThanSchedulers() {
        assertEquals("SequentialLR: needs one milestone fewer than schedulers; got 2 schedulers and milestones=[2, 5]",
                error("SequentialLR(schedulers=[LinearLR,Constant],milestones=[2,5])"));
    }

    @Test
    void sequentialMilestonesMustIncrease() {
        assertEquals("SequentialLR: milestones must increase, got [5, 2]",
                error("SequentialLR(schedulers=[LinearLR,Constant,Constant],milestones=[5,2])"));
    }

    @Test
    void containerNeedsSchedulers() {
        assertTrue(error("ChainedScheduler(schedulers=[])").startsWith("ChainedScheduler: schedulers=[] is empty"));
    }

    @Test
    void malformedSpecIsASpecException() {
        assertEquals("malformed spec 'StepLR(step_size=3' at the end: expected ',' or ')' in the arguments of StepLR",
                error("StepLR(step_size=3"));
    }

    @Test
    void traceStartsWithTheRateAfterConstruction() {
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, trace("StepLR(lr=1,step_size=2,gamma=0.5)", 5));
    }

    @Test
    void traceTicksStepWiseAndEpochWiseSchedulesAlike() {
        assertArrayEquals(trace("StepLR(lr=1,step_size=2,gamma=0.5)", 6),
                trace("StepLR(lr=1,step_size=2,gamma=0.5,interval=step)", 6));
        assertArrayEquals(trace("CyclicLR(base_lr=0,max_lr=1,step_size_up=3)", 8),
                trace("CyclicLR(base_lr=0,max_lr=1,step_size_up=3,interval=epoch)", 8));
    }

    @Test
    void traceGivesMetricKToTheStepAfterValueK() {
        assertArrayEquals(new double[] {1, 1, 0.5}, trace("ReduceLROnPlateau(lr=1,patience=0,factor=0.5)", 3, 1.0, 2.0));
    }

    @Test
    void traceIgnoresMetricsOfSchedulesThatObserveNone() {
        assertArrayEquals(trace("ExponentialLR(lr=1,gamma=0.5)", 4), trace("ExponentialLR(lr=1,gamma=0.5)", 4, 1, 2, 3));
    }

    @Test
    void traceNeedsAMetricPerStepForPlateau() {
        var error = assertThrows(IllegalArgumentException.class, () -> trace("ReduceLROnPlateau", 5, 1.0, 0.9));
        assertEquals("ReduceLROnPlateau observes a metric after every tick: 5 steps need 4 metrics "
                + "(--metrics m0,m1,...), got 2", error.getMessage());
    }

    @Test
    void traceWithoutMetricsFailsForPlateau() {
        var error = assertThrows(IllegalArgumentException.class, () -> trace("ReduceLROnPlateau", 3));
        assertEquals("ReduceLROnPlateau observes a metric after every tick: 3 steps need 2 metrics "
                + "(--metrics m0,m1,...), got 0", error.getMessage());
    }

    @Test
    void traceOfOneValueNeedsNoMetric() {
        assertArrayEquals(new double[] {0.1}, trace("ReduceLROnPlateau", 1));
    }

    @Test
    void traceNeedsAtLeastOneStep() {
        var error = assertThrows(IllegalArgumentException.class, () -> trace("Constant", 0));
        assertEquals("--steps must be >= 1, got 0", error.getMessage());
    }

    @Test
    void traceFailsLikePyTorchPastTheEndOfOneCycle() {
        var error = assertThrows(IllegalStateException.class, () -> trace("OneCycleLR(max_lr=0.1,total_steps=3)", 6));
        assertEquals("OneCycleLR: tried to step 5 times; the specified number of total steps is 3", error.getMessage());
    }

    @Test
    void aOneCycleShorterThanTheRunIsRefusedBeforeTraining() {
        var controller = Controllers.create("OneCycleLR(max_lr=1,epochs=2)", new ControllerContext(4, 4));

        var error = assertThrows(IllegalArgumentException.class, () -> controller.checkCovers(4, 4));
        assertEquals("the schedule ends before the run does: OneCycleLR: tried to step 10 times; the specified "
                + "number of total steps is 8, and this run takes 16 steps (4 epochs of 4 steps); make its "
                + "total_steps or epochs cover the run", error.getMessage());
    }

    @Test
    void aOneCycleOfExactlyTheRunCoversIt() {
        Controllers.create("OneCycleLR(max_lr=1,epochs=4)", new ControllerContext(4, 4)).checkCovers(4, 4);
    }

    @Test
    void aScheduleTickingPerEpochIsCheckedInEpochs() {
        var controller = Controllers.create("OneCycleLR(max_lr=1,total_steps=3,interval=epoch)",
                new ControllerContext(4, 4));

        var error = assertThrows(IllegalArgumentException.class, () -> controller.checkCovers(4, 4));
        assertTrue(error.getMessage().endsWith("this run takes 4 epochs; make its total_steps or epochs cover the run"),
                error.getMessage());
    }

    @Test
    void aWrappedScheduleIsCheckedToo() {
        var controller = Controllers.create("Guard(then=Warmup(steps=2,then=OneCycleLR(max_lr=1,total_steps=5)))",
                new ControllerContext(4, 4));

        assertThrows(IllegalArgumentException.class, () -> controller.checkCovers(4, 4));
    }

    @Test
    void checkingLeavesTheControllerUntouched() {
        var controller = Controllers.create("OneCycleLR(max_lr=1,epochs=4)", new ControllerContext(4, 4));
        double before = controller.learningRate();
        controller.checkCovers(4, 4);

        assertEquals(before, controller.learningRate());
    }

    @Test
    void oneCycleStepsPerEpochDefaultsToTheContext() {
        var context = new ControllerContext(25, 0);
        double[] fromContext = Controllers.trace(Spec.parse("OneCycleLR(max_lr=0.1,epochs=4)"), context, 101, null);
        double[] explicit = Controllers.trace(Spec.parse("OneCycleLR(max_lr=0.1,total_steps=100)"), context, 101, null);

        assertArrayEquals(explicit, fromContext);
    }
}
