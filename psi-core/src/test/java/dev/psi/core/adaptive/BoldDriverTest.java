package dev.psi.core.adaptive;

import static dev.psi.core.adaptive.Runs.create;
import static dev.psi.core.adaptive.Runs.epoch;
import static dev.psi.core.adaptive.Runs.rollBacksAfterEpochs;
import static dev.psi.core.adaptive.Runs.ratesAfterEpochs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.spec.Spec;
import org.junit.jupiter.api.Test;

/** The bold driver's rate and roll-backs on scripted epoch losses. */
class BoldDriverTest {

    @Test
    void startsAtLr() {
        assertEquals(0.1, create("BoldDriver").learningRate());
    }

    @Test
    void growsOnImprovementAndShrinksOtherwise() {
        Controller driver = create("BoldDriver(lr=1,increase=1.25,decrease=0.5)");

        assertArrayEquals(new double[] {1, 1.25, 0.625, 0.78125, 0.390625, 0.48828125},
                ratesAfterEpochs(driver, 1.0, 0.8, 0.9, 0.7, Double.NaN, 0.6));
    }

    @Test
    void withoutUndoTheWorseEpochBecomesTheReference() {
        Controller driver = create("BoldDriver(lr=1,increase=2,decrease=0.5)");

        // 0.85 is worse than 0.8 but better than the accepted 0.9 before it.
        assertArrayEquals(new double[] {1, 2, 1, 2}, ratesAfterEpochs(driver, 1.0, 0.8, 0.9, 0.85));
    }

    @Test
    void undoRejectsExactlyTheWorseEpochs() {
        Controller driver = create("BoldDriver(lr=1,increase=1.25,decrease=0.5,undo=true)");

        assertArrayEquals(new boolean[] {false, false, true, true, false},
                rollBacksAfterEpochs(driver, 1.0, 0.8, 0.9, 0.85, 0.7));
    }

    @Test
    void undoKeepsTheReferenceOfTheLastAcceptedEpoch() {
        Controller driver = create("BoldDriver(lr=1,increase=1.25,decrease=0.5,undo=true)");

        // 0.85 is compared with 0.8, not with the rejected 0.9: worse again.
        assertArrayEquals(new double[] {1, 1.25, 0.625, 0.3125, 0.390625},
                ratesAfterEpochs(driver, 1.0, 0.8, 0.9, 0.85, 0.7));
    }

    @Test
    void anEqualLossCountsAsWorse() {
        Controller driver = create("BoldDriver(lr=1,decrease=0.5)");

        assertArrayEquals(new double[] {1, 0.5}, ratesAfterEpochs(driver, 1.0, 1.0));
    }

    @Test
    void aNanFirstEpochIsWorseAndRejected() {
        Controller driver = create("BoldDriver(lr=1,decrease=0.5,undo=true)");
        driver.afterEpoch(epoch(Double.NaN));

        assertEquals(0.5, driver.learningRate());
        assertTrue(driver.rollBack());
    }

    @Test
    void anInfiniteLossIsWorseAndNeverTheReference() {
        Controller driver = create("BoldDriver(lr=1,increase=2,decrease=0.5)");

        assertArrayEquals(new double[] {1, 0.5, 1}, ratesAfterEpochs(driver, 1.0, Double.POSITIVE_INFINITY, 0.9));
    }

    @Test
    void rateStaysWithinMinAndMax() {
        Controller driver = create("BoldDriver(lr=1,increase=2,decrease=0.5,min_lr=0.5,max_lr=3)");

        assertArrayEquals(new double[] {1, 2, 3, 3, 1.5, 0.75, 0.5},
                ratesAfterEpochs(driver, 7, 6, 5, 4, 5, 6, 7));
    }

    @Test
    void monitorsTrainingLossByDefault() {
        Controller driver = create("BoldDriver(lr=1,increase=2)");
        driver.afterEpoch(epoch(1.0, 1.0));
        driver.afterEpoch(epoch(0.5, 2.0));

        assertEquals(2.0, driver.learningRate());
    }

    @Test
    void canMonitorValidationLoss() {
        Controller driver = create("BoldDriver(lr=1,increase=2,decrease=0.5,monitor=val_loss)");
        driver.afterEpoch(epoch(1.0, 1.0));
        driver.afterEpoch(epoch(0.5, 2.0));

        assertEquals(0.5, driver.learningRate());
    }

    @Test
    void ignoresOptimizerSteps() {
        Controller driver = create("BoldDriver(lr=1)");
        driver.afterStep(Runs.batch(0.1));

        assertEquals(1.0, driver.learningRate());
    }

    @Test
    void mayRollBackOnlyWithUndo() {
        assertTrue(create("BoldDriver(undo=true)").mayRollBack());
        assertFalse(create("BoldDriver").mayRollBack());
    }

    @Test
    void neverRecoversFromDivergenceItself() {
        assertFalse(create("BoldDriver(undo=true)").recoverFromDivergence());
    }

    @Test
    void traceObservesMetricKAfterTickK() {
        double[] rates = Controllers.trace(Spec.parse("BoldDriver(lr=1,increase=2,decrease=0.5)"), Runs.CONTEXT, 4,
                new double[] {1.0, 0.5, 0.7});

        assertArrayEquals(new double[] {1, 1, 2, 1}, rates);
    }

    @Test
    void traceNeedsMetrics() {
        assertThrows(IllegalArgumentException.class,
                () -> Controllers.trace(Spec.parse("BoldDriver"), Runs.CONTEXT, 3, null));
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Controller original = create("BoldDriver(lr=1,increase=2,decrease=0.5,undo=true)");
        original.afterEpoch(epoch(1.0));
        Controller copy = original.copy();
        copy.afterEpoch(epoch(2.0));

        assertEquals(1.0, original.learningRate());
        assertFalse(original.rollBack());
        original.afterEpoch(epoch(0.5));
        assertEquals(2.0, original.learningRate());
        assertEquals(0.5, copy.learningRate());
        assertTrue(copy.rollBack());
    }

    @Test
    void copyKeepsTheReference() {
        Controller original = create("BoldDriver(lr=1,increase=2,decrease=0.5)");
        original.afterEpoch(epoch(1.0));
        Controller copy = original.copy();
        copy.afterEpoch(epoch(0.9));

        assertEquals(2.0, copy.learningRate());
    }
}
