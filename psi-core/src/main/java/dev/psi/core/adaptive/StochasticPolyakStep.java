package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import java.io.Serializable;
import java.util.Set;

/**
 * The stochastic Polyak step size SPS_max of Loizou, Vaswani, Laradji and Lacoste-Julien (2021),
 * "Stochastic Polyak step-size for SGD: an adaptive learning rate for fast convergence" (AISTATS):
 * <pre>
 *   α_t = min( (f_i(x_t) − f*) / (c · ‖∇f_i(x_t)‖²), γ_b )
 * </pre>
 * with f_i the loss of the current batch and ∇f_i its gradient, both from the step about to be taken.
 * With c = 1 and the full loss this is Polyak's (1987) step; the default c = 1/2 is the one Loizou et
 * al. analyse for convex losses, and on f = ½‖x‖² it steps exactly onto the minimum. The bound
 * γ_b = {@code max_lr} keeps batches with tiny gradients from producing huge steps.
 *
 * <p>With {@code smooth=τ} the bound is the one Loizou et al. take from SLS (Vaswani et al. 2019,
 * "Painless stochastic gradient", the step-size reset of SLS): it may grow by at most τ per epoch,
 * γ_b,t = min(τ^{1/K} · α_{t−1}, max_lr) with K the steps per epoch. A batch already at f* gives
 * α_t = 0 (no step is needed there); the bound then grows from the last positive rate instead, since a
 * bound grown from 0 would freeze the rate at 0 for good.
 *
 * <p>Guards: the numerator is taken as max(f_i − f*, 0), so a batch below the assumed f* never steps
 * uphill; ‖g‖² = 0 makes the Polyak step unbounded and the rate is the bound; a step without a finite
 * loss or gradient norm keeps the previous rate. Before the first batch the rate is {@code max_lr}.
 */
public final class StochasticPolyakStep implements Controller {

    private static final long serialVersionUID = 1L;

    /**
     * @param c the constant c of SPS, {@code > 0}
     * @param maxLr γ_b, the upper bound on the rate
     * @param fStar f*, the lowest loss a batch can reach (0 for interpolating models)
     * @param smooth τ, the most the bound may grow per epoch, or {@code NaN} for no smoothing (a double
     *     rather than an {@code OptionalDouble}, which is not serializable)
     */
    record Settings(double c, double maxLr, double fStar, double smooth) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final Settings settings;
    private double lr;
    /** The rate the smoothed bound grows from: the last positive α. */
    private double previous;

    StochasticPolyakStep(Settings settings) {
        this(settings, settings.maxLr(), settings.maxLr());
    }

    private StochasticPolyakStep(Settings settings, double lr, double previous) {
        this.settings = settings;
        this.lr = lr;
        this.previous = previous;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.GRADIENT_NORM_SQUARED);
    }

    @Override
    public void beforeUpdate(TrainingState state, StepSignals signals) {
        double loss = state.batchLoss();
        double normSquared = signals.gradientNormSquared();
        if (!Double.isFinite(loss) || !Double.isFinite(normSquared)) {
            return;
        }
        double bound = settings.maxLr();
        if (!Double.isNaN(settings.smooth())) {
            double growth = Math.pow(settings.smooth(), 1.0 / state.stepsPerEpoch());
            bound = Math.min(growth * previous, settings.maxLr());
        }
        double gap = Math.max(loss - settings.fStar(), 0);
        lr = normSquared > 0 ? Math.min(gap / (settings.c() * normSquared), bound) : bound;
        if (lr > 0) {
            previous = lr;
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public StochasticPolyakStep copy() {
        return new StochasticPolyakStep(settings, lr, previous);
    }
}
