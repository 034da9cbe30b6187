package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * RMSprop (Hinton, Coursera lecture 6e) as {@code torch.optim.RMSprop} documents it, with the centered
 * variant of Graves (2013) and momentum:
 * <pre>
 * g ← ∇ + λθ;  s ← ζs + (1 − ζ)g²;  centered: ḡ ← ζḡ + (1 − ζ)g, d ← √(s − ḡ²) + ε, else d ← √s + ε
 * momentum: b ← μb + g/d, θ ← θ − αb;  otherwise θ ← θ − α g/d
 * </pre>
 */
final class RmsProp extends BufferedOptimizer {

    private static final int SQUARES = 0;
    private static final int MEAN = 1;
    private static final int MOMENTUM = 2;

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    RmsProp(NDManager manager, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super("RMSprop", 3, manager);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    NDArray direction(NDArray parameter, NDArray gradient, NDArray[] state, long step) {
        NDArray g = weightDecay == 0 ? gradient : gradient.add(parameter.mul(scalar(weightDecay)));
        if (state[SQUARES] == null) {
            state[SQUARES] = keep(parameter.zerosLike());
            state[MEAN] = centered ? keep(parameter.zerosLike()) : null;
            state[MOMENTUM] = momentum > 0 ? keep(parameter.zerosLike()) : null;
        }
        state[SQUARES].muli(scalar(alpha)).addi(g.square().muli(scalar(1 - alpha)));
        NDArray average;
        if (centered) {
            state[MEAN].muli(scalar(alpha)).addi(g.mul(scalar(1 - alpha)));
            average = state[SQUARES].sub(state[MEAN].square()).sqrt();
        } else {
            average = state[SQUARES].sqrt();
        }
        average.addi(scalar(eps));
        if (momentum > 0) {
            return state[MOMENTUM].muli(scalar(momentum)).addi(g.div(average));
        }
        return g.div(average);
    }
}
