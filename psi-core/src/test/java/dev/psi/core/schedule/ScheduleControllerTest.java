package dev.psi.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.controller.TrainingState;
import org.junit.jupiter.api.Test;

/** How the controllers drive their schedulers from the training loop: intervals, metrics, copies. */
class ScheduleControllerTest {

    private static final ControllerContext CONTEXT = new ControllerContext(10, 5);
    private static final TrainingState STATE = TrainingState.initial(10, 5);

    private static Controller create(String spec) {
        return Controllers.create(spec, CONTEXT);
    }

    private static TrainingState validated(double valLoss, double valAccuracy, double trainLoss) {
        return new TrainingState(0, 10, 10, 5, trainLoss, trainLoss, trainLoss, valLoss, valAccuracy);
    }

    @Test
    void epochWiseScheduleIgnoresOptimizerSteps() {
        Controller controller = create("StepLR(lr=1,step_size=1,gamma=0.5)");
        controller.afterStep(STATE);
        controller.afterStep(STATE);

        assertEquals(1.0, controller.learningRate());
    }

    @Test
    void epochWiseScheduleTicksAfterEachEpoch() {
        Controller controller = create("StepLR(lr=1,step_size=1,gamma=0.5)");
        controller.afterEpoch(STATE);

        assertEquals(0.5, controller.learningRate());
    }

    @Test
    void intervalStepMakesAnEpochWiseScheduleTickPerOptimizerStep() {
        Controller controller = create("StepLR(lr=1,step_size=1,gamma=0.5,interval=step)");
        controller.afterStep(STATE);
        controller.afterEpoch(STATE);

        assertEquals(0.5, controller.learningRate());
    }

    @Test
    void oneCycleAndCyclicTickPerStepByDefault() {
        assertEquals(Interval.STEP, ((ScheduleController) create("OneCycleLR(max_lr=0.1,total_steps=10)")).interval());
        assertEquals(Interval.STEP, ((ScheduleController) create("CyclicLR(base_lr=0.01,max_lr=0.1)")).interval());
    }

    @Test
    void intervalEpochMakesCyclicTickPerEpoch() {
        Controller controller = create("CyclicLR(base_lr=0,max_lr=1,step_size_up=2,interval=epoch)");
        controller.afterStep(STATE);
        assertEquals(0.0, controller.learningRate());

        controller.afterEpoch(STATE);
        assertEquals(0.5, controller.learningRate());
    }

    @Test
    void containerTicksPerStepWhenItHoldsAStepWiseSchedule() {
        var controller = (ScheduleController) create(
                "SequentialLR(schedulers=[LinearLR(total_iters=2),OneCycleLR(max_lr=0.1,total_steps=10)],milestones=[2])");

        assertEquals(Interval.STEP, controller.interval());
    }

    @Test
    void containerOfEpochWiseSchedulesTicksPerEpoch() {
        var controller = (ScheduleController) create(
                "ChainedScheduler(schedulers=[LinearLR(total_iters=2),ExponentialLR(gamma=0.9)])");

        assertEquals(Interval.EPOCH, controller.interval());
    }

    @Test
    void oneCycleTakesStepsPerEpochAndEpochsFromTheContext() {
        Controller fromContext = create("OneCycleLR(max_lr=0.1)");
        Controller explicit = create("OneCycleLR(max_lr=0.1,total_steps=50)");
        for (int step = 0; step < 50; step++) {
            fromContext.afterStep(STATE);
            explicit.afterStep(STATE);
            assertEquals(explicit.learningRate(), fromContext.learningRate());
        }
    }

    @Test
    void plateauObservesValidationLossByDefault() {
        Controller controller = create("ReduceLROnPlateau(lr=1,patience=0,factor=0.5)");
        controller.afterEpoch(validated(1.0, 0.5, 9.0));
        controller.afterEpoch(validated(1.0, 0.9, 8.0));

        assertEquals(0.5, controller.learningRate());
    }

    @Test
    void plateauMonitoringAccuracyDefaultsToModeMax() {
        Controller controller = create("ReduceLROnPlateau(lr=1,patience=0,factor=0.5,monitor=val_accuracy)");
        controller.afterEpoch(validated(1.0, 0.5, 1.0));
        controller.afterEpoch(validated(1.0, 0.6, 1.0));

        assertEquals(1.0, controller.learningRate());
    }

    @Test
    void plateauCanMonitorTrainingLoss() {
        Controller controller = create("ReduceLROnPlateau(lr=1,patience=0,factor=0.5,monitor=train_loss)");
        controller.afterEpoch(validated(1.0, 0.5, 2.0));
        controller.afterEpoch(validated(1.0, 0.5, 1.0));

        assertEquals(1.0, controller.learningRate());
    }

    @Test
    void plateauIgnoresOptimizerSteps() {
        Controller controller = create("ReduceLROnPlateau(lr=1,patience=0)");
        for (int i = 0; i < 5; i++) {
            controller.afterStep(STATE);
        }

        assertEquals(1.0, controller.learningRate());
    }

    @Test
    void plateauTreatsNanMetricAsNoImprovement() {
        Controller controller = create("ReduceLROnPlateau(lr=1,patience=1,factor=0.5)");
        controller.afterEpoch(validated(Double.NaN, Double.NaN, Double.NaN));
        controller.afterEpoch(validated(Double.NaN, Double.NaN, Double.NaN));

        assertEquals(0.5, controller.learningRate());
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Controller original = create("ExponentialLR(lr=1,gamma=0.5)");
        original.afterEpoch(STATE);
        Controller copy = original.copy();
        original.afterEpoch(STATE);

        assertEquals(0.25, original.learningRate());
        assertEquals(0.5, copy.learningRate());
    }

    @Test
    void copyContinuesExactlyWhereTheOriginalWas() {
        Controller original = create("CosineAnnealingWarmRestarts(lr=1,T_0=3,T_mult=2)");
        for (int i = 0; i < 4; i++) {
            original.afterEpoch(STATE);
        }
        Controller copy = original.copy();
        for (int i = 0; i < 10; i++) {
            original.afterEpoch(STATE);
            copy.afterEpoch(STATE);
            assertEquals(original.learningRate(), copy.learningRate());
        }
    }

    @Test
    void copyOfNestedSchedulesSharesNothingWithTheOriginal() {
        Controller original = create("SequentialLR(lr=1,schedulers=[ConstantLR(factor=0.5,total_iters=2),"
                + "ExponentialLR(gamma=0.5)],milestones=[2])");
        original.afterEpoch(STATE);
        Controller copy = original.copy();
        Controller reference = original.copy();
        for (int i = 0; i < 3; i++) {
            original.afterEpoch(STATE);
        }
        for (int i = 0; i < 3; i++) {
            copy.afterEpoch(STATE);
        }

        assertEquals(0.25, original.learningRate(), 1e-15);
        assertEquals(0.25, copy.learningRate(), 1e-15);
        assertEquals(0.5, reference.learningRate());
    }

    @Test
    void copyOfChainedSchedulesSharesNothingWithTheOriginal() {
        Controller original = create("ChainedScheduler(lr=1,schedulers=[StepLR(step_size=1,gamma=0.5),"
                + "ExponentialLR(gamma=0.5)])");
        Controller copy = original.copy();
        original.afterEpoch(STATE);

        assertEquals(0.25, original.learningRate());
        assertEquals(1.0, copy.learningRate());
    }

    @Test
    void copyOfPlateauKeepsItsCounters() {
        Controller original = create("ReduceLROnPlateau(lr=1,patience=1,factor=0.5)");
        original.afterEpoch(validated(1.0, 0, 0));
        original.afterEpoch(validated(1.0, 0, 0));
        Controller copy = original.copy();
        copy.afterEpoch(validated(1.0, 0, 0));

        assertEquals(1.0, original.learningRate());
        assertEquals(0.5, copy.learningRate());
    }
}
