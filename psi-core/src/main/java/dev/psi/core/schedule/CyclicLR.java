package dev.psi.core.schedule;

/**
 * PyTorch {@code CyclicLR} (Smith, "Cyclical Learning Rates for Training Neural Networks"): the rate
 * rises linearly from {@code base_lr} towards {@code max_lr} over {@code step_size_up} steps and falls
 * back over {@code step_size_down} steps, {@code lr = base_lr + (max_lr − base_lr) · h · scale}, where
 * {@code h} in [0, 1] is the height of the triangle and {@code scale} depends on the {@link Mode}.
 *
 * <p>Momentum cycling is left out: Psi controls only the learning rate.
 */
final class CyclicLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    /** The amplitude policies of the paper. */
    enum Mode {
        /** Constant amplitude. */
        TRIANGULAR,
        /** Amplitude halved every cycle: {@code 1 / 2^(cycle − 1)}. */
        TRIANGULAR2,
        /** Amplitude scaled by {@code gamma^iterations}. */
        EXP_RANGE
    }

    private final double cycleBaseLr;
    private final double maxLr;
    private final double totalSize;
    private final double stepRatio;
    private final Mode mode;
    private final double gamma;

    CyclicLR(ParamGroup group, double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, Mode mode, double gamma) {
        super(group);
        // PyTorch sets the group's lr to base_lr before _LRScheduler.__init__ records initial_lr.
        group.setLr(baseLr);
        this.cycleBaseLr = baseLr;
        this.maxLr = maxLr;
        this.totalSize = (double) stepSizeUp + stepSizeDown;
        this.stepRatio = stepSizeUp / totalSize;
        this.mode = mode;
        this.gamma = gamma;
        start();
        // ...and only replaces base_lrs (initial_lr until now) after the initial step.
        this.baseLr = cycleBaseLr;
    }

    private CyclicLR(CyclicLR from, ParamGroup group) {
        super(from, group);
        this.cycleBaseLr = from.cycleBaseLr;
        this.maxLr = from.maxLr;
        this.totalSize = from.totalSize;
        this.stepRatio = from.stepRatio;
        this.mode = from.mode;
        this.gamma = from.gamma;
    }

    @Override
    double chainedLr() {
        double cycle = Math.floor(1 + lastEpoch / totalSize);
        double x = 1.0 + lastEpoch / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double baseHeight = (maxLr - baseLr) * scaleFactor;
        return baseLr + baseHeight * scale(cycle);
    }

    /** {@code scale_fn}: of the cycle number for the triangular modes, of the iteration for exp_range. */
    private double scale(double cycle) {
        return switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2.0, cycle - 1);
            case EXP_RANGE -> Math.pow(gamma, lastEpoch);
        };
    }

    @Override
    public CyclicLR copyOnto(ParamGroup group) {
        return new CyclicLR(this, group);
    }
}
