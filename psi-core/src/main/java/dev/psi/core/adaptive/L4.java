package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import java.io.Serializable;
import java.util.Set;

/**
 * L4 of Rolínek and Martius (2018), "L4: Practical loss-based stepsize adaptation for deep learning"
 * (NeurIPS), around whatever optimizer the run uses:
 * <pre>
 *   η_t = α · (L_t − γ · L_min) / (g_t · v_t)
 * </pre>
 * where L_t is the current batch's loss, g_t the moving average of its gradients
 * ({@link Signal#AVERAGED_GRADIENT_DOT_DIRECTION}) and v_t the update direction the wrapped
 * optimizer is about to take (the step is θ ← θ − η_t v_t). On the linearization of the loss the step
 * lowers it by η_t (g_t · v_t) = α (L_t − γ L_min): a fixed fraction α of the gap to the loss believed
 * attainable, γ L_min, whatever the scale of the gradient or of the direction.
 *
 * <p>L_min, the running estimate of the minimal loss, follows the authors' implementation
 * ({@code L4/L4.py} of github.com/martius-lab/l4-optimizer, also the PyTorch port
 * github.com/iovdin/l4-pytorch that named the parameters α, γ, τ):
 * <ol>
 *   <li>at the first step, L_min = γ₀ · L_0 ({@code gamma_0}, 0.75 there);</li>
 *   <li>at every later step, L_min = min(L_min, L_t), before η_t is computed;</li>
 *   <li>after every step, L_min ← (1 + τ) · L_min: the slow forgetting that lets the estimate rise
 *       again when the loss stops reaching its old minimum (τ = 1/1000, the paper's forgetting time
 *       of 1000 steps).</li>
 * </ol>
 * Like that code, g_t is a moving average of the batch gradients with a time scale of 10 steps (the
 * engine's bias-corrected EMA with β = 0.9); unlike it, the denominator has the guard below instead of
 * an added ε = 10⁻¹². The loss is assumed non-negative, as in the paper.
 *
 * <p>Guard: the rule has no answer when g_t · v_t ≤ 0 (along v_t the linearized loss does not fall,
 * so no positive step reaches the target), nor for a non-finite loss or product. Such a step keeps the
 * previous rate, which was sized for a nearly identical direction one step earlier: with a momentum or
 * Adam direction a single noisy batch gradient often points against v_t, and neither a zero step nor
 * an infinite one is the better answer. Before the first sized step the rate is 0.
 */
public final class L4 implements Controller {

    private static final long serialVersionUID = 1L;

    /**
     * @param alpha α, the fraction of the gap closed per step, in (0, 1]
     * @param gamma γ, the fraction of L_min considered attainable, in [0, 1]
     * @param tau τ, the relative rise of L_min per step, in [0, 1)
     * @param gamma0 γ₀, L_min at the first step as a fraction of L_0, in [0, 1]
     */
    record Settings(double alpha, double gamma, double tau, double gamma0) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final Settings settings;
    private double lr;
    /** L_min; {@code NaN} before the first finite loss. */
    private double minLoss;

    L4(Settings settings) {
        this(settings, 0, Double.NaN);
    }

    private L4(Settings settings, double lr, double minLoss) {
        this.settings = settings;
        this.lr = lr;
        this.minLoss = minLoss;
    }

    /** L_min as it stands for the next step; {@code NaN} before the first finite loss. */
    double minLoss() {
        return minLoss;
    }

    @Override
    public Set<Signal> signals() {
        return Set.of(Signal.AVERAGED_GRADIENT_DOT_DIRECTION);
    }

    @Override
    public void beforeUpdate(TrainingState state, StepSignals signals) {
        double loss = state.batchLoss();
        if (!Double.isFinite(loss)) {
            return;
        }
        minLoss = Double.isNaN(minLoss) ? settings.gamma0() * loss : Math.min(minLoss, loss);
        double slope = signals.averagedGradientDotDirection();
        double eta = settings.alpha() * (loss - settings.gamma() * minLoss) / slope;
        if (slope > 0 && Double.isFinite(eta) && eta >= 0) {
            lr = eta;
        }
        minLoss *= 1 + settings.tau();
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public L4 copy() {
        return new L4(settings, lr, minLoss);
    }
}
