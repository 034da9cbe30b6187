package dev.psi.core.schedule;

/**
 * PyTorch {@code LinearLR}: moves the multiplicative factor linearly from {@code start_factor} to
 * {@code end_factor} over {@code total_iters} epochs,
 * {@code lr = base_lr · (start + (end − start) · min(total_iters, epoch) / total_iters)}.
 */
final class LinearLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    LinearLR(ParamGroup group, double startFactor, double endFactor, int totalIters) {
        super(group);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        start();
    }

    private LinearLR(LinearLR from, ParamGroup group) {
        super(from, group);
        this.startFactor = from.startFactor;
        this.endFactor = from.endFactor;
        this.totalIters = from.totalIters;
    }

    @Override
    double chainedLr() {
        if (lastEpoch == 0) {
            return group.lr() * startFactor;
        }
        if (lastEpoch > totalIters) {
            return group.lr();
        }
        return group.lr() * (1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }

    @Override
    double closedFormLr() {
        return baseLr * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
    }

    @Override
    public LinearLR copyOnto(ParamGroup group) {
        return new LinearLR(this, group);
    }
}
