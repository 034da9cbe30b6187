package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Schedule-Free AdamW ({@code AdamWScheduleFree} of the {@code schedulefree} package since version 1.3,
 * and its {@code adamw_schedulefree_reference.py}; the update of commit 59ed9b6, "Stability
 * improvements", unchanged at 70785b5): the base step is Adam without first moment, since the
 * interpolation y takes momentum's place, with the second moment bias-corrected inside the root:
 * <pre>
 * v ← β₂v + (1 − β₂)g²;  d = g / (√(v / (1 − β₂ᵗ)) + ε) + λy
 * </pre>
 * The rate is the warmed-up α itself, so the weights of the average see α alone; β is β₁. See
 * {@link ScheduleFree} for the recursion. (Before 1.3 the reference folded √(1 − β₂ᵗ) into the rate,
 * and so into γ_max and the averaging weights, and left v uncorrected.)
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
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        return gradient.div(state[SQUARES].div(biasCorrection2).sqrt().addi(eps));
    }
}
