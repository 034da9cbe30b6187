package dev.psi.core.adaptive;

import static dev.psi.core.adaptive.Runs.batch;
import static dev.psi.core.adaptive.Runs.create;
import static dev.psi.core.adaptive.Runs.dotPreviousDirection;
import static dev.psi.core.adaptive.Runs.epoch;
import static dev.psi.core.adaptive.Runs.rollBacksAfterEpochs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.controller.Signal;
import dev.psi.core.spec.SpecException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Guard: recovery from divergence and from a loss blow-up, with a shrinking scale and a budget. */
class GuardTest {

    private static Guard guard(String spec) {
        return (Guard) create(spec);
    }

    @Test
    void recoversMaxRecoveriesTimesThenGivesUp() {
        Controller guard = create("Guard(then=Constant(lr=1),max_recoveries=3)");
        boolean[] answers = new boolean[5];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = guard.recoverFromDivergence();
        }

        assertArrayEquals(new boolean[] {true, true, true, false, false}, answers);
    }

    @Test
    void eachRecoveryMultipliesTheRateByFactor() {
        Controller guard = create("Guard(then=Constant(lr=1))");
        double[] rates = new double[4];
        for (int i = 0; i < rates.length; i++) {
            guard.recoverFromDivergence();
            rates[i] = guard.learningRate();
        }

        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.125}, rates);
    }

    @Test
    void countsItsRecoveries() {
        Guard guard = guard("Guard(then=Constant,max_recoveries=2)");
        for (int i = 0; i < 4; i++) {
            guard.recoverFromDivergence();
        }

        assertEquals(2, guard.recoveries());
    }

    @Test
    void thresholdRejectsAnEpochFarAboveTheBest() {
        Controller guard = create("Guard(then=Constant(lr=1),threshold=2)");

        // The best is 0.8 when 1.7 > 2 · 0.8 comes; 1.5 is within 2 · 1.0.
        assertArrayEquals(new boolean[] {false, false, false, true, false},
                rollBacksAfterEpochs(guard, 1.0, 1.5, 0.8, 1.7, 1.0));
        assertEquals(0.5, guard.learningRate());
    }

    @Test
    void thresholdCatchesABlowUpWithinTheFirstEpochFromItsSmoothedBatchLosses() {
        Controller guard = create("Guard(then=Constant(lr=1),threshold=2)");
        guard.afterStep(new TrainingState(0, 1, 10, 5, 2.3, 2.3, Double.NaN, Double.NaN, Double.NaN));
        guard.afterStep(new TrainingState(0, 2, 10, 5, 90, 30, Double.NaN, Double.NaN, Double.NaN));
        guard.afterEpoch(epoch(30.0));

        assertTrue(guard.rollBack());
        assertEquals(0.5, guard.learningRate());
    }

    @Test
    void thresholdRejectsANonFiniteEpochLoss() {
        Controller guard = create("Guard(then=Constant(lr=1),threshold=2)");

        assertArrayEquals(new boolean[] {false, true}, rollBacksAfterEpochs(guard, 1.0, Double.NaN));
    }

    @Test
    void anEpochExactlyAtTheThresholdIsAccepted() {
        Controller guard = create("Guard(then=Constant(lr=1),threshold=2)");

        assertArrayEquals(new boolean[] {false, false}, rollBacksAfterEpochs(guard, 1.0, 2.0));
    }

    @Test
    void thresholdAndDivergenceShareTheBudget() {
        Guard guard = guard("Guard(then=Constant(lr=1),threshold=2,max_recoveries=2)");
        guard.recoverFromDivergence();

        assertArrayEquals(new boolean[] {false, true, false}, rollBacksAfterEpochs(guard, 1.0, 3.0, 3.0));
        assertEquals(2, guard.recoveries());
        assertFalse(guard.recoverFromDivergence());
    }

    @Test
    void withoutThresholdNoEpochIsRejected() {
        Controller guard = create("Guard(then=Constant(lr=1))");

        assertArrayEquals(new boolean[] {false, false}, rollBacksAfterEpochs(guard, 1.0, 100.0));
    }

    @Test
    void moreRecoveriesThanTheEngineRetriesOneEpochAreRefused() {
        var error = assertThrows(SpecException.class, () -> create("Guard(then=Constant,max_recoveries=21)"));

        assertEquals("Guard: max_recoveries=21 is out of range; it must be in [1, 20]", error.getMessage());
    }

    @Test
    void mayAlwaysRollBack() {
        assertTrue(create("Guard(then=Constant)").mayRollBack());
    }

    @Test
    void forwardsTheInnerRollBackWithoutScaling() {
        Guard guard = guard("Guard(then=BoldDriver(lr=1,decrease=0.5,undo=true))");

        assertArrayEquals(new boolean[] {false, true}, rollBacksAfterEpochs(guard, 1.0, 2.0));
        assertEquals(0.5, guard.learningRate());
        assertEquals(0, guard.recoveries());
    }

    @Test
    void aSpentBudgetLeavesRecoveryToTheInnerController() {
        Controller guard = create("Guard(max_recoveries=1,then=Guard(max_recoveries=1,then=Constant(lr=1)))");

        assertTrue(guard.recoverFromDivergence());
        assertTrue(guard.recoverFromDivergence());
        assertFalse(guard.recoverFromDivergence());
        assertEquals(0.25, guard.learningRate());
    }

    @Test
    void forwardsSignalsAndSteps() {
        Controller guard = create("Guard(then=Hypergradient(lr=1,beta=1))");
        guard.recoverFromDivergence();
        guard.beforeUpdate(batch(1.0), dotPreviousDirection(1.0));

        assertEquals(Set.of(Signal.GRADIENT_DOT_PREVIOUS_DIRECTION), guard.signals());
        assertEquals(0.5 * 2, guard.learningRate());
    }

    @Test
    void forwardsEpochsAndOptimizerSteps() {
        Controller guard = create("Guard(then=StepLR(lr=1,step_size=1,gamma=0.5,interval=step))");
        guard.afterStep(batch(1.0));
        guard.afterEpoch(epoch(1.0));

        assertEquals(0.5, guard.learningRate());
    }

    @Test
    void aRecoveryRewindsTheInnerScheduleToTheEpochStart() {
        Controller guard = create("Guard(then=StepLR(lr=1,step_size=1,gamma=0.5,interval=step))");
        guard.afterStep(batch(1.0));
        guard.afterEpoch(epoch(1.0));
        guard.afterStep(batch(1.0));
        guard.afterStep(batch(1.0));

        // The retried epoch starts where the accepted one ended (0.5 after one step), at half the scale.
        assertTrue(guard.recoverFromDivergence());
        assertEquals(0.5 * 0.5, guard.learningRate());
    }

    @Test
    void aThresholdRejectionRewindsTheInnerSchedule() {
        Controller guard = create("Guard(then=StepLR(lr=1,step_size=1,gamma=0.5,interval=epoch),threshold=2)");
        guard.afterEpoch(epoch(1.0));
        guard.afterEpoch(epoch(5.0));

        assertTrue(guard.rollBack());
        assertEquals(0.5 * 0.5, guard.learningRate());
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Guard original = guard("Guard(then=BoldDriver(lr=1,increase=2),threshold=2)");
        original.afterEpoch(epoch(1.0));
        Guard copy = (Guard) original.copy();
        copy.recoverFromDivergence();
        copy.afterEpoch(epoch(0.5));

        assertEquals(1.0, original.learningRate());
        assertEquals(0, original.recoveries());
        assertEquals(0.5 * 2, copy.learningRate());
        assertEquals(1, copy.recoveries());
        original.afterEpoch(epoch(1.5));
        assertFalse(original.rollBack());
    }
}
