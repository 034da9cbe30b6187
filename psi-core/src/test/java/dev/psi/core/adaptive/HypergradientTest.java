package dev.psi.core.adaptive;

import static dev.psi.core.adaptive.Runs.batch;
import static dev.psi.core.adaptive.Runs.create;
import static dev.psi.core.adaptive.Runs.dotPreviousDirection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hypergradient descent: the update of α, and its direction on a quadratic. */
class HypergradientTest {

    private static double rateFor(Controller hd, double gradientDotPreviousDirection) {
        hd.beforeUpdate(batch(1.0), dotPreviousDirection(gradientDotPreviousDirection));
        return hd.learningRate();
    }

    /**
     * SGD-HD on f(x) = ½ h x² from x = 1: the rate used at each of {@code steps} steps. Plain SGD moves
     * along d = g, so the engine's signal g_t · d_{t−1} is g_t · g_{t−1}, 0 at the first step.
     */
    private static double[] sgdOnQuadratic(Controller hd, double h, int steps) {
        double x = 1;
        double previousDirection = 0;
        double[] rates = new double[steps];
        for (int t = 0; t < steps; t++) {
            double g = h * x;
            rates[t] = rateFor(hd, g * previousDirection);
            x -= rates[t] * g;
            previousDirection = g;
        }
        return rates;
    }

    @Test
    void tooSmallRateRises() {
        double[] rates = sgdOnQuadratic(create("Hypergradient(lr=0.01,beta=0.01)"), 1.0, 8);

        assertEquals(0.01, rates[0]);
        for (int t = 1; t < rates.length; t++) {
            assertTrue(rates[t] > rates[t - 1], "step " + t + ": " + rates[t] + " after " + rates[t - 1]);
        }
    }

    @Test
    void tooLargeRateFalls() {
        double[] rates = sgdOnQuadratic(create("Hypergradient(lr=1.9,beta=0.01)"), 1.0, 8);

        assertEquals(1.9, rates[0]);
        for (int t = 1; t < rates.length; t++) {
            assertTrue(rates[t] < rates[t - 1], "step " + t + ": " + rates[t] + " after " + rates[t - 1]);
        }
    }

    @Test
    void rateMovesByBetaTimesTheProduct() {
        Controller hd = create("Hypergradient(lr=0.5,beta=0.25)");

        assertEquals(1.0, rateFor(hd, 2.0));
        assertEquals(0.75, rateFor(hd, -1.0));
    }

    @Test
    void firstStepKeepsLr() {
        assertEquals(0.01, rateFor(create("Hypergradient"), 0.0));
    }

    @Test
    void rateIsClampedAtZero() {
        Controller hd = create("Hypergradient(lr=0.5,beta=0.25)");

        assertEquals(0.0, rateFor(hd, -8.0));
        assertEquals(0.25, rateFor(hd, 1.0));
    }

    @Test
    void nonFiniteProductKeepsTheRate() {
        assertEquals(0.5, rateFor(create("Hypergradient(lr=0.5)"), Double.NaN));
    }

    @Test
    void asksForTheGradientAgainstThePreviousDirection() {
        assertEquals(Set.of(Signal.GRADIENT_DOT_PREVIOUS_DIRECTION), create("Hypergradient").signals());
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Controller original = create("Hypergradient(lr=0.5,beta=0.25)");
        Controller copy = original.copy();
        rateFor(copy, 2.0);

        assertEquals(0.5, original.learningRate());
        assertEquals(0.75, rateFor(original, 1.0));
        assertEquals(1.0, copy.learningRate());
    }
}
