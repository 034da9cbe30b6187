package dev.psi.core.adaptive;

import static dev.psi.core.adaptive.Runs.batch;
import static dev.psi.core.adaptive.Runs.create;
import static dev.psi.core.adaptive.Runs.normSquared;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPS_max: the Polyak step of the current batch, its bound, and the smoothing of the bound. */
class StochasticPolyakStepTest {

    private static double rateFor(Controller sps, double loss, double normSquared) {
        sps.beforeUpdate(batch(loss), normSquared(normSquared));
        return sps.learningRate();
    }

    @Test
    void oneStepReachesTheMinimumOfHalfTheSquaredNorm() {
        Controller sps = create("SPS(c=0.5,f_star=0,max_lr=10)");
        double[] x = {3, -4, 12, 0.5};
        double squaredNorm = 0;
        for (double xi : x) {
            squaredNorm += xi * xi;
        }
        // f(x) = ½‖x‖², g = x, so ‖g‖² = ‖x‖².
        sps.beforeUpdate(batch(0.5 * squaredNorm), normSquared(squaredNorm));
        double alpha = sps.learningRate();
        double[] next = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            next[i] = x[i] - alpha * x[i];
        }

        assertEquals(1.0, alpha);
        assertArrayEquals(new double[x.length], next);
    }

    @Test
    void rateIsTheLossGapOverCTimesTheSquaredGradientNorm() {
        assertEquals(2.0 / (0.25 * 8.0), rateFor(create("SPS(c=0.25,f_star=1,max_lr=10)"), 3.0, 8.0));
    }

    @Test
    void rateIsBoundedByMaxLr() {
        assertEquals(0.5, rateFor(create("SPS(max_lr=0.5)"), 100.0, 1.0));
    }

    @Test
    void zeroGradientGivesMaxLr() {
        assertEquals(0.5, rateFor(create("SPS(max_lr=0.5)"), 1.0, 0.0));
    }

    @Test
    void lossBelowFStarGivesNoStep() {
        assertEquals(0.0, rateFor(create("SPS(f_star=2)"), 1.0, 1.0));
    }

    @Test
    void rateBeforeTheFirstBatchIsMaxLr() {
        assertEquals(0.7, create("SPS(max_lr=0.7)").learningRate());
    }

    @Test
    void nonFiniteInputsKeepTheRate() {
        Controller sps = create("SPS(max_lr=10)");
        rateFor(sps, 1.0, 4.0);

        assertEquals(0.5, rateFor(sps, Double.NaN, 4.0));
        assertEquals(0.5, rateFor(sps, 1.0, Double.NaN));
        assertEquals(0.5, rateFor(sps, 1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void asksForTheSquaredGradientNorm() {
        assertEquals(Set.of(Signal.GRADIENT_NORM_SQUARED), create("SPS").signals());
    }

    @Test
    void smoothingLetsTheBoundGrowByTauPerEpoch() {
        Controller sps = create("SPS(smooth=2,max_lr=10)");
        double growth = Math.pow(2, 1.0 / Runs.STEPS_PER_EPOCH);
        double first = rateFor(sps, 0.1, 2.0);
        double[] rates = new double[Runs.STEPS_PER_EPOCH];
        for (int t = 0; t < rates.length; t++) {
            rates[t] = rateFor(sps, 100.0, 1.0);
        }

        assertEquals(0.1, first);
        assertEquals(growth * 0.1, rates[0]);
        assertEquals(growth * rates[2], rates[3]);
        assertEquals(0.2, rates[3], 1e-15);
    }

    @Test
    void smoothedBoundStartsAtMaxLr() {
        assertEquals(0.5, rateFor(create("SPS(smooth=2,max_lr=0.5)"), 100.0, 1.0));
    }

    @Test
    void smoothedBoundNeverExceedsMaxLr() {
        Controller sps = create("SPS(smooth=2,max_lr=0.15)");
        rateFor(sps, 0.1, 2.0);
        for (int t = 0; t < 10; t++) {
            rateFor(sps, 100.0, 1.0);
        }

        assertEquals(0.15, sps.learningRate());
    }

    @Test
    void aBatchAtFStarDoesNotFreezeTheSmoothedRate() {
        Controller sps = create("SPS(smooth=2,max_lr=10)");
        rateFor(sps, 0.1, 2.0);

        assertEquals(0.0, rateFor(sps, 0.0, 2.0));
        assertEquals(Math.pow(2, 1.0 / Runs.STEPS_PER_EPOCH) * 0.1, rateFor(sps, 100.0, 1.0));
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Controller original = create("SPS(smooth=2,max_lr=10)");
        rateFor(original, 0.1, 2.0);
        Controller copy = original.copy();
        rateFor(copy, 0.02, 2.0);

        assertEquals(0.1, original.learningRate());
        assertEquals(Math.pow(2, 1.0 / Runs.STEPS_PER_EPOCH) * 0.1, rateFor(original, 100.0, 1.0));
        assertEquals(0.02, copy.learningRate());
    }
}
