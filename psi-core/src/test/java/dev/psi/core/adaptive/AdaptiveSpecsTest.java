package dev.psi.core.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.Controllers;
import dev.psi.core.spec.SpecException;
import org.junit.jupiter.api.Test;

/** The one-line errors of bad specs, and the defaults of good ones. */
class AdaptiveSpecsTest {

    private static String error(String spec) {
        return assertThrows(SpecException.class, () -> Controllers.create(spec, Runs.CONTEXT)).getMessage();
    }

    @Test
    void everyNameBuildsWithItsDefaults() {
        assertEquals(0.1, Runs.create("BoldDriver").learningRate());
        assertEquals(1.0, Runs.create("SPS").learningRate());
        assertEquals(0.0, Runs.create("L4").learningRate());
        assertEquals(0.01, Runs.create("Hypergradient").learningRate());
        assertEquals(0.1 * 0.1, Runs.create("Warmup(steps=5,then=Constant)").learningRate());
        assertEquals(0.1, Runs.create("Guard(then=Constant)").learningRate());
    }

    @Test
    void wrappersNest() {
        assertEquals(0.1 * 0.5, Runs.create("Warmup(steps=2,then=Guard(then=BoldDriver(lr=0.5)))").learningRate());
    }

    @Test
    void boldDriverUnknownKeyListsTheValidKeys() {
        assertEquals("BoldDriver has no argument 'decay'; valid: lr, increase, decrease, undo, min_lr, max_lr, monitor",
                error("BoldDriver(decay=0.5)"));
    }

    @Test
    void boldDriverDecreaseMustBeBelowOne() {
        assertEquals("BoldDriver: decrease=1.5 is out of range; it must be in (0, 1)", error("BoldDriver(decrease=1.5)"));
    }

    @Test
    void boldDriverIncreaseMustBeAtLeastOne() {
        assertEquals("BoldDriver: increase=0.9 is out of range; it must be >= 1", error("BoldDriver(increase=0.9)"));
    }

    @Test
    void boldDriverLrMustBePositive() {
        assertEquals("BoldDriver: lr=0 is out of range; it must be > 0", error("BoldDriver(lr=0)"));
    }

    @Test
    void boldDriverMonitorsALoss() {
        assertEquals("BoldDriver: monitor=val_accuracy is not valid; valid: train_loss, val_loss",
                error("BoldDriver(monitor=val_accuracy)"));
    }

    @Test
    void boldDriverUndoIsABoolean() {
        assertEquals("BoldDriver: undo=yes is not valid; valid: true, false", error("BoldDriver(undo=yes)"));
    }

    @Test
    void boldDriverMinLrMustNotExceedMaxLr() {
        assertEquals("BoldDriver: min_lr=0.5 is above max_lr=0.1", error("BoldDriver(lr=0.2,min_lr=0.5,max_lr=0.1)"));
    }

    @Test
    void boldDriverLrMustLieBetweenMinAndMax() {
        assertEquals("BoldDriver: lr=1 is outside [min_lr, max_lr] = [0, 0.5]", error("BoldDriver(lr=1,max_lr=0.5)"));
    }

    @Test
    void boldDriverTakesNoInterval() {
        assertEquals("BoldDriver: takes no interval=; it acts after every epoch", error("BoldDriver(interval=epoch)"));
    }

    @Test
    void spsCMustBePositive() {
        assertEquals("SPS: c=0 is out of range; it must be > 0", error("SPS(c=0)"));
    }

    @Test
    void spsMaxLrMustBePositive() {
        assertEquals("SPS: max_lr=0 is out of range; it must be > 0", error("SPS(max_lr=0)"));
    }

    @Test
    void spsSmoothingMustNotShrinkTheBound() {
        assertEquals("SPS: smooth=0.5 is out of range; it must be >= 1", error("SPS(smooth=0.5)"));
    }

    @Test
    void spsFStarMustBeANumber() {
        assertEquals("SPS: f_star must be a number, got 'zero'", error("SPS(f_star=zero)"));
    }

    @Test
    void spsTakesNoInterval() {
        assertEquals("SPS: takes no interval=; it sets the rate before every optimizer step", error("SPS(interval=step)"));
    }

    @Test
    void l4UnknownKeyListsTheValidKeys() {
        assertEquals("L4 has no argument 'lr'; valid: alpha, gamma, tau, gamma_0", error("L4(lr=0.1)"));
    }

    @Test
    void l4AlphaMustBeAFraction() {
        assertEquals("L4: alpha=0 is out of range; it must be in (0, 1]", error("L4(alpha=0)"));
    }

    @Test
    void l4GammaMustBeAFraction() {
        assertEquals("L4: gamma=1.5 is out of range; it must be in [0, 1]", error("L4(gamma=1.5)"));
    }

    @Test
    void l4TauMustBeBelowOne() {
        assertEquals("L4: tau=1 is out of range; it must be in [0, 1)", error("L4(tau=1)"));
    }

    @Test
    void hypergradientBetaMustBePositive() {
        assertEquals("Hypergradient: beta=0 is out of range; it must be > 0", error("Hypergradient(beta=0)"));
    }

    @Test
    void hypergradientLrMustNotBeNegative() {
        assertEquals("Hypergradient: lr=-0.1 is out of range; it must be >= 0", error("Hypergradient(lr=-0.1)"));
    }

    @Test
    void warmupNeedsAnInnerController() {
        assertEquals("Warmup needs then=... (given: steps)", error("Warmup(steps=3)"));
    }

    @Test
    void warmupNeedsALength() {
        assertEquals("Warmup needs steps=N or epochs=N", error("Warmup(then=Constant)"));
    }

    @Test
    void warmupTakesStepsOrEpochsNotBoth() {
        assertEquals("Warmup: give steps=N or epochs=N, not both", error("Warmup(steps=3,epochs=1,then=Constant)"));
    }

    @Test
    void warmupStepsMustBePositive() {
        assertEquals("Warmup: steps=0 is out of range; it must be >= 1", error("Warmup(steps=0,then=Constant)"));
    }

    @Test
    void warmupEpochsMustBeAWholeNumber() {
        assertEquals("Warmup: epochs must be a whole number, got 1.5", error("Warmup(epochs=1.5,then=Constant)"));
    }

    @Test
    void warmupStartFactorMustBePositive() {
        assertEquals("Warmup: start_factor=0 is out of range; it must be in (0, 1]",
                error("Warmup(steps=3,start_factor=0,then=Constant)"));
    }

    @Test
    void warmupThenMustBeASpec() {
        assertEquals("Warmup: then must be a spec such as Name(...), got 3", error("Warmup(steps=3,then=3)"));
    }

    @Test
    void warmupMisspeltKeyIsNamedBeforeTheMissingLength() {
        assertEquals("Warmup has no argument 'step'; valid: steps, epochs, start_factor, then",
                error("Warmup(step=3,then=Constant)"));
    }

    @Test
    void warmupSendsIntervalToTheInnerController() {
        assertEquals("Warmup: takes no interval=; it counts optimizer steps; give interval= to the controller in then=...",
                error("Warmup(steps=3,interval=step,then=Constant)"));
    }

    @Test
    void errorsOfTheInnerSpecAreTheInnerControllers() {
        assertEquals("StepLR needs step_size=... (given: gamma)", error("Warmup(steps=3,then=StepLR(gamma=0.5))"));
        assertTrue(error("Guard(then=Nope)").startsWith("unknown controller 'Nope'; valid: Constant, "));
    }

    @Test
    void guardNeedsAnInnerController() {
        assertEquals("Guard needs then=... (given: factor)", error("Guard(factor=0.5)"));
    }

    @Test
    void guardFactorMustBeAFraction() {
        assertEquals("Guard: factor=0 is out of range; it must be in (0, 1)", error("Guard(then=Constant,factor=0)"));
    }

    @Test
    void guardNeedsAtLeastOneRecovery() {
        assertEquals("Guard: max_recoveries=0 is out of range; it must be in [1, 20]",
                error("Guard(then=Constant,max_recoveries=0)"));
    }

    @Test
    void guardThresholdMustBeAtLeastOne() {
        assertEquals("Guard: threshold=0.5 is out of range; it must be >= 1", error("Guard(then=Constant,threshold=0.5)"));
    }

    @Test
    void guardUnknownKeyListsTheValidKeys() {
        assertEquals("Guard has no argument 'patience'; valid: then, factor, max_recoveries, threshold",
                error("Guard(then=Constant,patience=2)"));
    }
}
