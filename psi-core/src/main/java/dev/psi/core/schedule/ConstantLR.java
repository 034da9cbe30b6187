package dev.psi.core.schedule;

/**
 * PyTorch {@code ConstantLR}: multiplies the learning rate by {@code factor} until the epoch reaches
 * {@code total_iters}, {@code lr = base_lr · (factor if epoch < total_iters else 1)}.
 */
final class ConstantLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final double factor;
    private final int totalIters;

    ConstantLR(ParamGroup group, double factor, int totalIters) {
        super(group);
        this.factor = factor;
        this.totalIters = totalIters;
        start();
    }

    private ConstantLR(ConstantLR from, ParamGroup group) {
        super(from, group);
        this.factor = from.factor;
        this.totalIters = from.totalIters;
    }

    @Override
    double chainedLr() {
        if (lastEpoch == 0) {
            return group.lr() * factor;
        }
        if (lastEpoch != totalIters) {
            return group.lr();
        }
        return group.lr() * (1.0 / factor);
    }

    @Override
    double closedFormLr() {
        return baseLr * (factor + (lastEpoch >= totalIters ? 1 - factor : 0.0));
    }

    @Override
    public ConstantLR copyOnto(ParamGroup group) {
        return new ConstantLR(this, group);
    }
}
