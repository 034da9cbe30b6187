package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, as
 * {@code torch.optim.SGD} documents it:
 * <pre>
 * g ← ∇ + λθ;  b ← g (first step) or μb + (1 − τ)g;  g ← g + μb (Nesterov) or b;  θ ← θ − αg
 * </pre>
 * Unlike MXNet-style momentum (DJL's own {@code Sgd}), the learning rate multiplies the buffer at use,
 * so a controller that changes α changes the very next step — the behaviour PyTorch users expect.
 */
final class Sgd extends BufferedOptimizer {

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    Sgd(NDManager manager, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super("SGD", 1, manager);
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    NDArray direction(NDArray parameter, NDArray gradient, NDArray[] state, long step) {
        NDArray direction = weightDecay == 0 ? gradient : gradient.add(parameter.mul(scalar(weightDecay)));
        if (momentum != 0) {
            if (state[0] == null) {
                state[0] = keep(direction.duplicate());
            } else {
                state[0].muli(scalar(momentum))
                        .addi(dampening == 0 ? direction : direction.mul(scalar(1 - dampening)));
            }
            direction = nesterov ? direction.add(state[0].mul(scalar(momentum))) : state[0];
        }
        return direction;
    }
}
