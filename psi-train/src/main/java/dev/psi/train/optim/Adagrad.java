package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adagrad (Duchi et al. 2011) as {@code torch.optim.Adagrad} documents it:
 * <pre>
 * α̃ ← α / (1 + (t − 1)η);  g ← ∇ + λθ;  s ← s + g²;  θ ← θ − α̃ g / (√s + ε)
 * </pre>
 * with s starting at {@code initial_accumulator_value}.
 */
final class Adagrad extends BufferedOptimizer {

    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulator;
    private final double eps;

    Adagrad(NDManager manager, double lrDecay, double weightDecay, double initialAccumulator, double eps) {
        super("Adagrad", 1, manager);
        this.lrDecay = lrDecay;
        this.weightDecay = weightDecay;
        this.initialAccumulator = initialAccumulator;
        this.eps = eps;
    }

    @Override
    NDArray direction(NDArray parameter, NDArray gradient, NDArray[] state, long step) {
        NDArray g = weightDecay == 0 ? gradient : gradient.add(parameter.mul(scalar(weightDecay)));
        if (state[0] == null) {
            state[0] = keep(parameter.zerosLike().addi(initialAccumulator));
        }
        state[0].addi(g.square());
        NDArray deviation = state[0].sqrt().addi(scalar(eps));
        return g.div(deviation).divi(1 + (step - 1) * lrDecay);
    }
}
