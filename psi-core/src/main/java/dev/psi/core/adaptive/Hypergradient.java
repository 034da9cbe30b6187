package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import java.util.Set;

/**
 * Hypergradient descent on the learning rate, Baydin, Cornish, Martínez Rubio, Schmidt and Wood (2018),
 * "Online learning rate adaptation with hypergradient descent" (ICLR):
 * <pre>
 *   α_t = α_{t−1} + β · g_t · d_{t−1}
 * </pre>
 * The previous step moved θ by −α_{t−1} d_{t−1}, so ∂f(θ_t)/∂α_{t−1} = −g_t · d_{t−1}, and the rule is
 * one gradient-descent step of size β on α. The direction is the wrapped optimizer's: d = g for SGD
 * (SGD-HD), d = m̂/(√v̂ + ε) for Adam (Adam-HD), so the rule works with any optimizer. When successive
 * steps agree (g_t · d_{t−1} &gt; 0) the rate grows; when the last step overshot, it shrinks.
 *
 * <p>The product is 0 at the first step, which keeps {@code lr}. A rate pushed below 0 would climb the
 * loss, so α is clamped at 0; it does not stick there, since a step of size 0 leaves θ in place, where
 * the next batch's gradient mostly agrees with the last direction. A step without a finite product keeps the rate.
 */
public final class Hypergradient implements Controller {

    private static final long serialVersionUID = 1L;

    private final double beta;
    private double lr;

    /**
     * @param lr α_0, at least 0
     * @param beta β, the hypergradient step size, {@code > 0}
     */
    Hypergradient(double lr, double beta) {
        this.lr = lr;
        this.beta = beta;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.GRADIENT_DOT_PREVIOUS_DIRECTION);
    }

    @Override
    public void beforeUpdate(TrainingState state, StepSignals signals) {
        double agreement = signals.gradientDotPreviousDirection();
        if (Double.isFinite(agreement)) {
            lr = Math.max(0, lr + beta * agreement);
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public Hypergradient copy() {
        return new Hypergradient(lr, beta);
    }
}
