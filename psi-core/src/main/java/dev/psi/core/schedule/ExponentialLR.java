package dev.psi.core.schedule;

/** PyTorch {@code ExponentialLR}: decays the learning rate by {@code gamma} every epoch, {@code lr = base_lr · gamma^epoch}. */
final class ExponentialLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final double gamma;

    ExponentialLR(ParamGroup group, double gamma) {
        super(group);
        this.gamma = gamma;
        start();
    }

    private ExponentialLR(ExponentialLR from, ParamGroup group) {
        super(from, group);
        this.gamma = from.gamma;
    }

    @Override
    double chainedLr() {
        if (lastEpoch == 0) {
            return group.lr();
        }
        return group.lr() * gamma;
    }

    @Override
    double closedFormLr() {
        return baseLr * Math.pow(gamma, lastEpoch);
    }

    @Override
    public ExponentialLR copyOnto(ParamGroup group) {
        return new ExponentialLR(this, group);
    }
}
