package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.TrainingState;

/**
 * Linear warm-up in front of any controller: α_t = f(t) · α_inner with PyTorch's {@code LinearLR}
 * factor (closed form, end factor 1)
 * <pre>
 *   f(t) = start_factor + (1 − start_factor) · min(t, N) / N
 * </pre>
 * where t counts the optimizer steps taken so far and N is the warm-up length in steps. Warm-up keeps
 * early steps small while adaptive optimizer statistics and large-batch gradients settle (Goyal et al.
 * 2017, "Accurate, large minibatch SGD: training ImageNet in 1 hour", §2.2).
 *
 * <p>Every hook goes to the inner controller unchanged, so the inner one runs exactly as it would alone
 * and only its rate is scaled. This is what PyTorch cannot do: {@code SequentialLR} cannot hold
 * {@code ReduceLROnPlateau}, while {@code Warmup(epochs=2,then=ReduceLROnPlateau(...))} works.
 * Steps are counted by this controller, so steps of a rolled-back epoch still count: warm-up is about
 * the optimizer's history, which the roll-back does not erase from the controller.
 */
public final class Warmup extends ForwardingController {

    private static final long serialVersionUID = 1L;

    private final long length;
    private final double startFactor;
    private long taken;

    /**
     * @param inner the controller whose rate is warmed up
     * @param length N, the warm-up length in optimizer steps, at least 1
     * @param startFactor f(0), in (0, 1]
     */
    Warmup(Controller inner, long length, double startFactor) {
        this(inner, length, startFactor, 0);
    }

    private Warmup(Controller inner, long length, double startFactor, long taken) {
        super(inner);
        this.length = length;
        this.startFactor = startFactor;
        this.taken = taken;
    }

    @Override
    public double learningRate() {
        return factor() * inner.learningRate();
    }

    @Override
    public void afterStep(TrainingState state) {
        taken++;
        inner.afterStep(state);
    }

    @Override
    public Warmup copy() {
        return new Warmup(inner.copy(), length, startFactor, taken);
    }

    private double factor() {
        return startFactor + (1 - startFactor) * Math.min(taken, length) / length;
    }
}
