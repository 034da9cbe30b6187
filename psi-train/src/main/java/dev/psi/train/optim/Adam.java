package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Adam (Kingma &amp; Ba 2015) and AdamW (Loshchilov &amp; Hutter 2019) as {@code torch.optim.Adam} and
 * {@code torch.optim.AdamW} document them:
 * <pre>
 * Adam: g ← ∇ + λθ            AdamW: θ ← θ(1 − αλ), g ← ∇
 * m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  v̂ ← max(v̂, v) with amsgrad
 * θ ← θ − α/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * AdamW's decay is folded into the direction, d = m̂/(√v̂ + ε) + λθ, since θ(1 − αλ) − α·m̂/(…) is
 * θ − α·d: the same update, with α applied once.
 */
final class Adam extends BufferedOptimizer {

    private static final int MEAN = 0;
    private static final int SQUARES = 1;
    private static final int MAX_SQUARES = 2;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final boolean amsgrad;

    Adam(NDManager manager, double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
            boolean amsgrad) {
        super(decoupled ? "AdamW" : "Adam", 3, manager);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.amsgrad = amsgrad;
    }

    @Override
    NDArray direction(NDArray parameter, NDArray gradient, NDArray[] state, long step) {
        NDArray g = weightDecay != 0 && !decoupled ? gradient.add(parameter.mul(scalar(weightDecay))) : gradient;
        if (state[MEAN] == null) {
            state[MEAN] = keep(parameter.zerosLike());
            state[SQUARES] = keep(parameter.zerosLike());
            if (amsgrad) {
                state[MAX_SQUARES] = keep(parameter.zerosLike());
            }
        }
        state[MEAN].muli(scalar(beta1)).addi(g.mul(scalar(1 - beta1)));
        state[SQUARES].muli(scalar(beta2)).addi(g.square().muli(scalar(1 - beta2)));
        NDArray second = state[SQUARES];
        if (amsgrad) {
            NDArray max = state[MAX_SQUARES].maximum(second);
            state[MAX_SQUARES].close();
            state[MAX_SQUARES] = keep(max);
            second = max;
        }
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        NDArray denominator = second.sqrt().divi(biasCorrection2Sqrt).addi(scalar(eps));
        NDArray direction = state[MEAN].div(denominator).divi(biasCorrection1);
        return weightDecay != 0 && decoupled ? direction.addi(parameter.mul(scalar(weightDecay))) : direction;
    }
}
