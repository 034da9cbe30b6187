package dev.psi.core.psi;

import static dev.psi.core.psi.PsiFeature.EPOCH;
import static dev.psi.core.psi.PsiFeature.LOG_BATCH_SIZE;
import static dev.psi.core.psi.PsiFeature.LOSS_RATIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.controller.TaskFeatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learned controller: α from Ψ of the loss ratio and the epoch, clamped, and kept where Ψ was not fitted. */
class PsiControllerTest {

    private static final TaskFeatures FMNIST = new TaskFeatures(60000, 203530, 128, "SGD");
    private static final ControllerContext CONTEXT = new ControllerContext(Driver.STEPS_PER_EPOCH, Driver.EPOCHS,
            FMNIST);
    /** α = 0.3·(ε/ε₀)^0.5·(1+i)^−0.2, fitted on ratios in [0.05, 1] and epochs 0–9, rates in [0.001, 0.5]. */
    private static final FormulaModel PSI = FormulaModel.of(Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"),
            FitInfo.of(1e-3, 0.5, Map.of(LOSS_RATIO, new double[] {0.05, 1}, EPOCH, new double[] {0, 9})));

    private static PsiController controller(PsiModel model, Interval interval) {
        return new PsiController(model, CONTEXT, interval);
    }

    private static PsiModel formula(String text, double minLr, double maxLr, Map<PsiFeature, double[]> ranges) {
        return new FormulaModel(Expression.parse(text), List.copyOf(ranges.keySet()), FitInfo.of(minLr, maxLr, ranges));
    }

    private static double psi(double ratio, double epoch) {
        return 0.3 * Math.pow(ratio, 0.5) * Math.pow(1 + epoch, -0.2);
    }

    @Test
    void epochRateIsPsiOfTheLossRatioAtTheEpochStart() {
        var run = new Driver(controller(PSI, Interval.EPOCH));

        double[] epoch0 = run.epoch(2.0, 1.5, 1.0, 0.5);
        double[] epoch1 = run.epoch(0.45, 0.4, 0.35, 0.32);
        double[] epoch2 = run.epoch(0.3, 0.3, 0.3, 0.3);

        assertArrayEquals(new double[] {0.3, 0.3, 0.3, 0.3}, epoch0);
        assertArrayEquals(new double[] {psi(0.5 / 2.0, 1), psi(0.5 / 2.0, 1), psi(0.5 / 2.0, 1), psi(0.5 / 2.0, 1)},
                epoch1);
        assertArrayEquals(new double[] {psi(0.32 / 2.0, 2), psi(0.32 / 2.0, 2), psi(0.32 / 2.0, 2),
            psi(0.32 / 2.0, 2)}, epoch2);
    }

    @Test
    void theRateBeforeTheFirstStepIsPsiAtTheStart() {
        assertEquals(0.3, controller(PSI, Interval.EPOCH).learningRate());
    }

    @Test
    void rateIsClampedToTheFittedRange() {
        var model = formula("10*loss_ratio", 0.01, 0.5, Map.of(LOSS_RATIO, new double[] {0, 1}));
        var run = new Driver(controller(model, Interval.EPOCH));

        assertEquals(0.5, run.epoch(2.0, 1.0, 0.1, 0.001)[0]);
        assertEquals(0.01, run.epochAt(0.5), "10 · 0.001/2 = 0.005, below min_lr");
    }

    @Test
    void anEpochOutsideTheFittedRangeKeepsTheLastSafeRate() {
        var model = formula("0.1/(1 + epoch)", 1e-3, 1, Map.of(EPOCH, new double[] {0, 2}));
        var controller = controller(model, Interval.EPOCH);
        var run = new Driver(controller);

        double[] rates = {run.epochAt(1), run.epochAt(1), run.epochAt(1), run.epochAt(1), run.epochAt(1)};

        assertArrayEquals(new double[] {0.1, 0.1 / 2, 0.1 / 3, 0.1 / 3, 0.1 / 3}, rates);
        assertEquals(2, controller.fallbacks());
    }

    @Test
    void aFeatureMayLeaveItsRangeByFivePercentOfItsWidth() {
        // Range [0.2, 1], width 0.8: ratios down to 0.16 are followed.
        var model = formula("loss_ratio", 0.01, 1, Map.of(LOSS_RATIO, new double[] {0.2, 1}));
        var controller = controller(model, Interval.EPOCH);
        var run = new Driver(controller);

        run.epoch(2.0, 1.0, 0.5, 0.34);
        double inMargin = run.epochAt(0.3);
        double beyond = run.epochAt(0.3);

        assertEquals(0.34 / 2.0, inMargin);
        assertEquals(0.34 / 2.0, beyond, "0.3/2 = 0.15 < 0.16");
        assertEquals(1, controller.fallbacks());
    }

    @Test
    void aNonFiniteModelRateKeepsTheLastSafeRate() {
        var model = formula("sqrt(loss_ratio - 0.5)", 0.01, 1, Map.of(LOSS_RATIO, new double[] {0, 1}));
        var controller = controller(model, Interval.EPOCH);
        var run = new Driver(controller);

        run.epoch(2.0, 1.0, 1.0, 0.5);

        assertEquals(Math.sqrt(0.5), run.epochAt(0.5));
        assertEquals(1, controller.fallbacks());
    }

    @Test
    void aNonFiniteStartingRateGivesMinLr() {
        var model = formula("sqrt(0.5 - loss_ratio)", 0.01, 1, Map.of(LOSS_RATIO, new double[] {0, 1}));

        assertEquals(0.01, controller(model, Interval.EPOCH).learningRate());
    }

    @Test
    void aTaskOutsideTheFittedRangeKeepsTheStartingRate() {
        // Fitted on batches of 32 to 128; this task's batch is 1024.
        var model = formula("0.1*loss_ratio", 1e-3, 1, Map.of(LOSS_RATIO, new double[] {0, 1},
                LOG_BATCH_SIZE, new double[] {Math.log(32), Math.log(128)}));
        var context = new ControllerContext(Driver.STEPS_PER_EPOCH, Driver.EPOCHS, new TaskFeatures(60000, 1000, 1024,
                "SGD"));
        var controller = new PsiController(model, context, Interval.EPOCH);
        var run = new Driver(controller);

        double[] rates = {run.epoch(2.0, 1.0, 1.0, 1.0)[0], run.epochAt(0.5), run.epochAt(0.5)};

        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, rates);
        assertEquals(3, controller.fallbacks());
    }

    @Test
    void anUnknownTaskIsOutsideEveryRange() {
        var model = formula("0.1*loss_ratio", 1e-3, 1, Map.of(LOSS_RATIO, new double[] {0, 1},
                LOG_BATCH_SIZE, new double[] {3, 5}));
        var controller = new PsiController(model, new ControllerContext(Driver.STEPS_PER_EPOCH, Driver.EPOCHS),
                Interval.EPOCH);

        new Driver(controller).epoch(2.0, 1.0, 1.0, 1.0);

        assertEquals(1, controller.fallbacks());
    }

    @Test
    void stepRateUsesTheFractionalEpochAndTheLossAfterThePreviousStep() {
        var run = new Driver(controller(PSI, Interval.STEP));

        double[] rates = run.epoch(2.0, 1.5, 1.0, 0.5);

        assertArrayEquals(new double[] {psi(1, 0), psi(2.0 / 2.0, 0.25), psi(1.5 / 2.0, 0.5), psi(1.0 / 2.0, 0.75)},
                rates);
    }

    @Test
    void stepRateAtTheFirstStepOfAnEpochIsTheEpochRate() {
        var byStep = new Driver(controller(PSI, Interval.STEP));
        var byEpoch = new Driver(controller(PSI, Interval.EPOCH));
        double[][] script = {{2.0, 1.5, 1.0, 0.5}, {0.45, 0.4, 0.35, 0.32}, {0.3, 0.29, 0.28, 0.27}};

        for (double[] epoch : script) {
            assertEquals(byEpoch.epoch(epoch)[0], byStep.epoch(epoch)[0]);
        }
    }

    @Test
    void stepFallbacksCountSteps() {
        // Fitted on epochs [0, 0.5]: the step at 0.75 is beyond the margin of 0.025.
        var model = formula("0.1/(1 + epoch)", 1e-3, 1, Map.of(EPOCH, new double[] {0, 0.5}));
        var controller = controller(model, Interval.STEP);

        double[] rates = new Driver(controller).epoch(1, 1, 1, 1);

        assertArrayEquals(new double[] {0.1, 0.1 / 1.25, 0.1 / 1.5, 0.1 / 1.5}, rates);
        assertEquals(1, controller.fallbacks());
    }

    @Test
    void copyContinuesFromTheSameStateIndependently() {
        var original = new Driver(controller(PSI, Interval.EPOCH));
        original.epoch(2.0, 1.5, 1.0, 0.5);
        var copy = original.fork();

        double fromCopy = copy.epochAt(0.4);
        assertEquals(0.3, original.controller().learningRate());
        assertEquals(fromCopy, original.epochAt(0.4));
        assertEquals(psi(0.5 / 2.0, 1), fromCopy);
    }

    @Test
    void copyKeepsTheFallbackCount() {
        var model = formula("0.1/(1 + epoch)", 1e-3, 1, Map.of(EPOCH, new double[] {0, 0}));
        var run = new Driver(controller(model, Interval.STEP));
        run.epoch(1, 1);
        var copy = run.fork();
        copy.epoch(1, 1);

        assertEquals(1, ((PsiController) run.controller()).fallbacks());
        assertEquals(3, ((PsiController) copy.controller()).fallbacks());
    }

    @Test
    void describesItselfAsASpec() {
        assertEquals("Psi(0.3*loss_ratio^0.5*(1 + epoch)^-0.2, interval=step)", controller(PSI, Interval.STEP).toString());
    }

    @Test
    void aScaleMultipliesEveryRateAfterTheClamp() {
        var model = formula("10*loss_ratio", 0.01, 0.5, Map.of(LOSS_RATIO, new double[] {0, 1}));
        var run = new Driver(new PsiController(model, CONTEXT, Interval.EPOCH, 0.2));

        assertEquals(0.2 * 0.5, run.epoch(2.0, 1.0, 0.1, 0.001)[0]);
        assertEquals(0.2 * 0.01, run.epochAt(0.5), "10 · 0.001/2 = 0.005, clamped to min_lr 0.01, then scaled");
    }

    @Test
    void aCopyKeepsTheScale() {
        var run = new Driver(new PsiController(PSI, CONTEXT, Interval.EPOCH, 0.5));
        run.epoch(2.0, 1.5, 1.0, 0.5);

        assertEquals(0.5 * psi(0.5 / 2.0, 1), run.fork().epochAt(0.4));
    }

    @Test
    void aSerializedControllerKeepsTheScale() throws Exception {
        var buffer = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(buffer)) {
            out.writeObject(new PsiController(PSI, CONTEXT, Interval.EPOCH, 0.5));
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            assertEquals(0.15, ((PsiController) in.readObject()).learningRate());
        }
    }

    @Test
    void aScaleMustBePositiveAndFinite() {
        for (double scale : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new PsiController(PSI, CONTEXT, Interval.EPOCH, scale));
            assertEquals("the scale of Psi must be positive and finite, got " + scale, e.getMessage());
        }
    }

    @Test
    void describesItsScaleWhenItIsNotOne() {
        assertEquals("Psi(0.3*loss_ratio^0.5*(1 + epoch)^-0.2, interval=epoch, scale=0.02)",
                new PsiController(PSI, CONTEXT, Interval.EPOCH, 0.02).toString());
    }
}
