package dev.psi.core.adaptive;

import static dev.psi.core.adaptive.Runs.batch;
import static dev.psi.core.adaptive.Runs.create;
import static dev.psi.core.adaptive.Runs.averagedDotDirection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** L4: the step reaches its linearized target, and the running minimum loss follows the authors' rules. */
class L4Test {

    private static double rateFor(Controller l4, double loss, double gradientDotDirection) {
        l4.beforeUpdate(batch(loss), averagedDotDirection(gradientDotDirection));
        return l4.learningRate();
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * On a linear loss L(θ) = c + w·θ (so g = w) with a direction v that is not the gradient, as a
     * momentum or Adam direction is not, each step θ ← θ − η v lowers L by α (L − γ L_min).
     */
    @Test
    void stepReachesTheLinearizedTarget() {
        double alpha = 0.15;
        double gamma = 0.9;
        double tau = 1e-3;
        Controller l4 = create("L4(alpha=0.15,gamma=0.9,tau=1e-3)");
        double[] w = {0.5, -1.5, 2.0};
        double[] theta = {0.3, 0.1, -0.2};
        double c = 10;
        double minLoss = Double.NaN;
        for (int t = 0; t < 6; t++) {
            double loss = c + dot(w, theta);
            double[] v = {w[0] + 0.1 * t, w[1] * (1 + 0.2 * t), w[2] - 0.3};
            minLoss = t == 0 ? 0.75 * loss : Math.min(minLoss, loss);
            double target = loss - alpha * (loss - gamma * minLoss);
            minLoss *= 1 + tau;

            double eta = rateFor(l4, loss, dot(w, v));
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= eta * v[i];
            }

            assertEquals(target, c + dot(w, theta), 1e-12, "step " + t);
        }
    }

    @Test
    void rateIsAlphaTimesTheGapOverTheSlope() {
        // L_min = 0.5 · 4 = 2 at the first step, so the gap is 4 − 0.5 · 2 = 3.
        assertEquals(0.5 * 3 / 6, rateFor(create("L4(alpha=0.5,gamma=0.5,gamma_0=0.5)"), 4.0, 6.0));
    }

    @Test
    void minLossStartsAtGammaZeroTimesTheFirstLossAndGrowsByTauEachStep() {
        var l4 = (L4) create("L4(tau=0.25)");
        double[] minLoss = new double[3];
        double[] losses = {4.0, 5.0, 2.0};
        for (int t = 0; t < losses.length; t++) {
            rateFor(l4, losses[t], 1.0);
            minLoss[t] = l4.minLoss();
        }

        // 0.75 · 4 = 3, then 3 · 1.25; min(3.75, 5) · 1.25; min(4.6875, 2) · 1.25.
        assertArrayEquals(new double[] {3.75, 4.6875, 2.5}, minLoss);
    }

    @Test
    void minLossIgnoresNonFiniteLosses() {
        var l4 = (L4) create("L4(tau=0.25)");
        rateFor(l4, 4.0, 1.0);
        rateFor(l4, Double.NaN, 1.0);

        assertEquals(3.75, l4.minLoss());
    }

    @Test
    void rateIsZeroBeforeTheFirstStep() {
        assertEquals(0.0, create("L4").learningRate());
    }

    @Test
    void nonPositiveSlopeKeepsThePreviousRate() {
        Controller l4 = create("L4");
        double first = rateFor(l4, 1.0, 2.0);

        assertEquals(first, rateFor(l4, 1.0, 0.0));
        assertEquals(first, rateFor(l4, 1.0, -3.0));
        assertEquals(first, rateFor(l4, 1.0, Double.NaN));
    }

    @Test
    void nonPositiveSlopeAtTheFirstStepGivesNoStep() {
        assertEquals(0.0, rateFor(create("L4"), 1.0, -1.0));
    }

    @Test
    void asksForTheGradientAgainstTheDirection() {
        assertEquals(Set.of(Signal.AVERAGED_GRADIENT_DOT_DIRECTION), create("L4").signals());
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        var original = (L4) create("L4(tau=0.25)");
        rateFor(original, 4.0, 1.0);
        var copy = (L4) original.copy();
        double rate = original.learningRate();
        rateFor(copy, 1.0, 1.0);

        assertEquals(3.75, original.minLoss());
        assertEquals(rate, original.learningRate());
        assertEquals(1.25, copy.minLoss());
    }
}
