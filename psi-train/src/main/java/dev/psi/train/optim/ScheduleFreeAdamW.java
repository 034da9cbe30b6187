package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Schedule-Free AdamW ({@code AdamWScheduleFree} of the {@code schedulefree} package): the base step
 * is Adam without first moment, since the interpolation y takes momentum's place:
 * <pre>
 * v ← β₂v + (1 − β₂)g²;  d = g / (√v + ε) + λy;  ρ_t = √(1 − β₂ᵗ)
 * </pre>
 * The second moment's bias correction is folded into the rate, as in the reference, so it also enters
 * the averaging weights through γ_max; β is β₁. See {@link ScheduleFree} for the recursion.
 */
final class ScheduleFreeAdamW extends ScheduleFree {

    static final int SQUARES = 2;

    private final double beta2;
    private final double eps;

    ScheduleFreeAdamW(NDManager manager, double beta1, double beta2, double eps, int warmupSteps, double r,
            double weightLrPower, double weightDecay) {
        super("ScheduleFreeAdamW", 3, manager, beta1, warmupSteps, r, weightLrPower, weightDecay);
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    NDArray direction(NDArray y, NDArray gradient, NDArray[] state, long step) {
        if (state[SQUARES] == null) {
            state[SQUARES] = keep(y.zerosLike());
        }
        state[SQUARES].muli(beta2).addi(gradient.square().muli(1 - beta2));
        return gradient.div(state[SQUARES].sqrt().addi(eps));
    }

    @Override
    double rateFactor(long step) {
        return Math.sqrt(1 - Math.pow(beta2, step));
    }
}
