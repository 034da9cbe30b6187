package dev.psi.core.adaptive;

import static dev.psi.core.adaptive.Runs.batch;
import static dev.psi.core.adaptive.Runs.create;
import static dev.psi.core.adaptive.Runs.epoch;
import static dev.psi.core.adaptive.Runs.normSquared;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Signal;
import dev.psi.core.spec.Spec;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Linear warm-up: its factor, its length in epochs, and that the inner controller runs untouched. */
class WarmupTest {

    /** The rate before each of {@code steps} optimizer steps. */
    private static double[] ratesBeforeSteps(Controller controller, int steps) {
        double[] rates = new double[steps];
        for (int t = 0; t < steps; t++) {
            rates[t] = controller.learningRate();
            controller.afterStep(batch(1.0));
        }
        return rates;
    }

    @Test
    void factorRisesLinearlyToOneThenStays() {
        Controller warmup = create("Warmup(steps=4,start_factor=0.25,then=Constant(lr=1))");

        assertArrayEquals(new double[] {0.25, 0.4375, 0.625, 0.8125, 1, 1, 1}, ratesBeforeSteps(warmup, 7));
    }

    @Test
    void factorScalesTheInnerRate() {
        Controller warmup = create("Warmup(steps=4,start_factor=0.25,then=Constant(lr=0.5))");

        assertArrayEquals(new double[] {0.125, 0.21875, 0.3125, 0.40625, 0.5}, ratesBeforeSteps(warmup, 5));
    }

    @Test
    void factorIsPyTorchsLinearLr() {
        double[] warmup = ratesBeforeSteps(create("Warmup(steps=7,start_factor=0.1,then=Constant(lr=0.3))"), 10);
        double[] linear = ratesBeforeSteps(
                create("LinearLR(lr=0.3,start_factor=0.1,total_iters=7,interval=step)"), 10);

        for (int t = 0; t < warmup.length; t++) {
            assertEquals(linear[t], warmup[t], 1e-15 * linear[t], "step " + t);
        }
    }

    @Test
    void startFactorDefaultsToOneTenth() {
        assertEquals(0.1 * 0.1, create("Warmup(steps=3,then=Constant)").learningRate());
    }

    @Test
    void epochsAreStepsPerEpochOfTheContext() {
        var context = new ControllerContext(5, 0);
        double[] epochs = Controllers.trace(Spec.parse("Warmup(epochs=2,then=Constant(lr=1))"), context, 13, null);
        double[] steps = Controllers.trace(Spec.parse("Warmup(steps=10,then=Constant(lr=1))"), context, 13, null);

        assertArrayEquals(steps, epochs);
        assertEquals(1.0, epochs[10]);
        assertTrue(epochs[9] < 1.0);
    }

    @Test
    void wrappedPlateauStillReducesAfterWarmupOnARisingMetric() {
        Controller warmup = create("Warmup(epochs=2,then=ReduceLROnPlateau(lr=0.1,patience=2))");
        double[] rates = new double[4];
        for (int epoch = 0; epoch < 4; epoch++) {
            ratesBeforeSteps(warmup, Runs.STEPS_PER_EPOCH);
            warmup.afterEpoch(epoch(1.0, 1.0 + epoch));
            rates[epoch] = warmup.learningRate();
        }

        // Warm-up ends with epoch 1; the fourth epoch without improvement exceeds patience 2.
        assertArrayEquals(new double[] {0.1 * (0.1 + 0.9 * 4 / 8), 0.1, 0.1, 0.1 * 0.1}, rates);
    }

    @Test
    void forwardsRollBackOfTheInnerController() {
        Controller warmup = create("Warmup(steps=2,then=BoldDriver(lr=1,undo=true))");

        assertTrue(warmup.mayRollBack());
        assertArrayEquals(new boolean[] {false, true}, Runs.rollBacksAfterEpochs(warmup, 1.0, 2.0));
    }

    @Test
    void mayRollBackOnlyWhenTheInnerMay() {
        assertFalse(create("Warmup(steps=2,then=Constant)").mayRollBack());
    }

    @Test
    void forwardsRecoveryFromDivergence() {
        Controller warmup = create("Warmup(steps=2,start_factor=0.5,then=Guard(then=Constant(lr=1),max_recoveries=1))");

        assertTrue(warmup.recoverFromDivergence());
        assertEquals(0.25, warmup.learningRate());
        assertFalse(warmup.recoverFromDivergence());
    }

    @Test
    void forwardsSignalsAndTheBatch() {
        Controller warmup = create("Warmup(steps=4,start_factor=0.5,then=SPS(max_lr=10))");
        warmup.beforeUpdate(batch(3.0), normSquared(4.0));

        assertEquals(Set.of(Signal.GRADIENT_NORM_SQUARED), warmup.signals());
        assertEquals(0.5 * 1.5, warmup.learningRate());
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Controller original = create("Warmup(steps=4,start_factor=0.25,then=BoldDriver(lr=1,increase=2))");
        original.afterStep(batch(1.0));
        original.afterEpoch(epoch(1.0));
        Controller copy = original.copy();
        copy.afterStep(batch(1.0));
        copy.afterEpoch(epoch(0.5));

        assertEquals(0.4375, original.learningRate());
        assertEquals(0.625 * 2, copy.learningRate());
    }
}
