package dev.psi.core.schedule;

/**
 * PyTorch {@code StepLR}: decays the learning rate by {@code gamma} every {@code step_size} epochs,
 * {@code lr = base_lr · gamma^⌊epoch / step_size⌋}.
 */
final class StepLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    private final int stepSize;
    private final double gamma;

    StepLR(ParamGroup group, int stepSize, double gamma) {
        super(group);
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    private StepLR(StepLR from, ParamGroup group) {
        super(from, group);
        this.stepSize = from.stepSize;
        this.gamma = from.gamma;
    }

    @Override
    double chainedLr() {
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
            return group.lr();
        }
        return group.lr() * gamma;
    }

    @Override
    double closedFormLr() {
        return baseLr * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize));
    }

    @Override
    public StepLR copyOnto(ParamGroup group) {
        return new StepLR(this, group);
    }
}
